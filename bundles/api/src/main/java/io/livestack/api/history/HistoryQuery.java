package io.livestack.api.history;

import io.livestack.api.model.AccountId;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.VenueId;
import io.livestack.api.record.FillRecord;
import io.livestack.api.state.OrderView;
import java.util.Comparator;

/**
 * One page of orders or fills: the time range [{@code since}, {@code until}) in epoch nanoseconds, the filters (null:
 * any; {@code openOnly} applies to orders only) and the page ({@code offset} rows skipped, at most {@code limit}
 * rows), newest first. The rules of what is in the range are here, and nowhere else:
 * <ul>
 * <li>a fill is in the range when its time ({@link FillRecord#timeNanos()}) is;</li>
 * <li>an order is in the range when it was alive in it: created before {@code until}, and last changed at or after
 * {@code since} or still open ({@link #matches(OrderView)}). The database serves the first part,
 * {@link #changedIn(OrderView)}; open orders are always in the live state.</li>
 * </ul>
 * Newest first: orders by the seq of the event that created them, then by their handle; fills by seq, then as
 * booked.
 */
public record HistoryQuery(long since, long until, VenueId venue, StrategyId strategy, InstrumentId instrument,
        AccountId account, boolean openOnly, int offset, int limit) {

    /** The most rows one page may have. */
    public static final int MAX_LIMIT = 10_000;
    /** How deep pages go: offset + limit at most this many rows (narrow the range for older rows). */
    public static final int MAX_DEPTH = 100_000;

    /** Orders, newest first: created seq descending, then handle descending. */
    public static final Comparator<OrderView> NEWEST_ORDER_FIRST = Comparator
            .comparingLong(OrderView::createdSeq).reversed()
            .thenComparing((OrderView o) -> o.clientOrderId().value(), Comparator.reverseOrder());

    /** Fills, newest first: seq descending (fills of one event keep the order they were booked in, reversed). */
    public static final Comparator<FillRecord> NEWEST_FILL_FIRST = Comparator.comparingLong(FillRecord::seq)
            .reversed();

    public HistoryQuery {
        if (since >= until) {
            throw new IllegalArgumentException("the range is empty: since " + HistoryRange.text(since)
                    + " is not before until " + HistoryRange.text(until));
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("page size " + limit + " must be between 1 and " + MAX_LIMIT);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset " + offset + " must not be negative");
        }
        if ((long) offset + limit > MAX_DEPTH) {
            throw new IllegalArgumentException("rows " + (offset + 1) + ".." + ((long) offset + limit)
                    + " are deeper than the first " + MAX_DEPTH + " rows: narrow the range (since/until)");
        }
    }

    /** The first page of at most {@code limit} rows of the range, without filters. */
    public static HistoryQuery of(HistoryRange range, int limit) {
        return new HistoryQuery(range.since(), range.until(), null, null, null, null, false, 0, limit);
    }

    /** The same query, page {@code page} (1 = the first) of {@code size} rows. */
    public HistoryQuery page(int page, int size) {
        if (page < 1) {
            throw new IllegalArgumentException("page " + page + " must be 1 or more");
        }
        long from = (long) (page - 1) * size;
        if (from + size > MAX_DEPTH) {
            throw new IllegalArgumentException("page " + page + " of " + size + " rows is deeper than the first "
                    + MAX_DEPTH + " rows: narrow the range (since/until)");
        }
        return new HistoryQuery(since, until, venue, strategy, instrument, account, openOnly, (int) from, size);
    }

    public HistoryQuery filter(VenueId v, StrategyId s, InstrumentId i, AccountId a, boolean open) {
        return new HistoryQuery(since, until, v, s, i, a, open, offset, limit);
    }

    /** The rows a merge needs from each source: everything up to the end of this page. */
    public int depth() {
        return offset + limit;
    }

    /** An order alive in the range and passing the filters. */
    public boolean matches(OrderView o) {
        return passes(o) && o.createdTimeNanos() < until && (o.updatedTimeNanos() >= since || o.isOpen());
    }

    /** An order created before the range's end and last changed at or after its start, passing the filters. */
    public boolean changedIn(OrderView o) {
        return passes(o) && o.createdTimeNanos() < until && o.updatedTimeNanos() >= since;
    }

    /** A fill of the range passing the filters. */
    public boolean matches(FillRecord f) {
        return f.timeNanos() >= since && f.timeNanos() < until
                && (venue == null || venue.equals(f.venue()))
                && (strategy == null || strategy.equals(f.strategy()))
                && (instrument == null || instrument.equals(f.instrument()))
                && (account == null || account.equals(f.account()));
    }

    private boolean passes(OrderView o) {
        return (venue == null || venue.equals(o.venue()))
                && (strategy == null || strategy.equals(o.strategy()))
                && (instrument == null || instrument.equals(o.instrument()))
                && (account == null || account.equals(o.account()))
                && (!openOnly || o.isOpen());
    }
}
