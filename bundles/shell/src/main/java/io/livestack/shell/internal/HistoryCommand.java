package io.livestack.shell.internal;

import io.livestack.api.history.HistoryPage;
import io.livestack.api.history.HistoryQuery;
import io.livestack.api.history.HistoryRange;
import io.livestack.api.model.TradingDay;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;

/**
 * What {@code livestack:orders} and {@code livestack:fills} share: the trading history (the live state and the
 * database, {@link io.livestack.api.history.TradingHistory}), the range ({@code --since}/{@code --until}, today's
 * trading day by default; {@link HistoryRange} says what an end may be), the filters, the page ({@code --page},
 * {@code --limit}) and the line under the table: which rows of how many, how many more, the range, and where the rows
 * come from — or, in a line of its own, that the database's rows are missing and why.
 */
public abstract class HistoryCommand extends LiveStackAction {

    @Option(name = "--since", description = "From this time on (default: the start of today's trading day): an "
            + "instant (2026-12-08T09:00:00Z), a date and time in the trading day's zone (2026-12-08T09:00), a date "
            + "(that trading day's start), today, yesterday, now, or a time ago (-30m, -2h, -1d)")
    String since;

    @Option(name = "--until", description = "Before this time (default: the end of today's trading day; with "
            + "--until alone the trading day that ends there); same forms as --since")
    String until;

    @Option(name = "--venue", description = "Only at this venue")
    @Completion(VenueCompleter.class)
    String venue;

    @Option(name = "--strategy", description = "Only of this strategy (manual orders: 'manual')")
    @Completion(StrategyCompleter.class)
    String strategy;

    @Option(name = "--instrument", description = "Only in this instrument")
    @Completion(InstrumentCompleter.class)
    String instrument;

    @Option(name = "--account", description = "Only for this account")
    String account;

    @Option(name = "--page", aliases = "-p", description = "Which page (1 = the newest, default)")
    String page;

    @Option(name = "--limit", aliases = "-n", description = "Rows per page (default 100 orders, 50 fills; at most "
            + HistoryQuery.MAX_LIMIT + ")")
    String limit;

    /** The query of the options: range, filters, page ({@code openOnly} for orders). */
    protected HistoryQuery query(TradingDay day, int defaultLimit, boolean openOnly) {
        HistoryRange range = HistoryRange.parse(since, until, day, nowNanos());
        int size = limit == null ? defaultLimit : Args.positiveInt(limit, "limit", HistoryQuery.MAX_LIMIT);
        int number = page == null ? 1 : Args.positiveInt(page, "page", Integer.MAX_VALUE);
        return HistoryQuery.of(range, size).filter(venue == null ? null : Args.venue(venue),
                strategy == null ? null : Args.strategy(strategy),
                instrument == null ? null : Args.instrument(instrument),
                account == null ? null : Args.account(account), openOnly).page(number, size);
    }

    /**
     * The lines under the table, e.g. {@code orders 1-100 of 312 (page 1 of 4; 212 more: --page 2), alive in the
     * trading day 2026-12-08 (from 00:00 UTC); from the database up to seq 4207 and the live state after it}.
     */
    protected void footer(HistoryPage<?> p, String rows, String inRange, TradingDay day) {
        HistoryQuery q = p.query();
        int pageNumber = q.offset() / q.limit() + 1;
        long pages = Math.max(1, (p.total() + q.limit() - 1) / q.limit());
        String shown = p.items().isEmpty() ? "no " + rows : rows + " " + (q.offset() + 1) + "-"
                + (q.offset() + p.items().size());
        String more = p.remaining() == 0 ? "" : "; " + p.remaining() + " more: --page " + (pageNumber + 1);
        String where = pageNumber > pages ? "page " + pageNumber + " is past the last, " + pages
                : "page " + pageNumber + " of " + pages + more;
        out().println(shown + " of " + p.total() + " (" + where + "), " + inRange
                + " " + Text.range(q.since(), q.until(), day) + "; " + (p.stored()
                        ? "from the database up to seq " + p.storedThrough() + " and the live state after it"
                        : "from the live state only"));
        if (!p.stored()) {
            out().println("WARNING: stored history unavailable (" + p.storedUnavailable() + "): earlier sessions' "
                    + rows + " and those the live state no longer holds are missing");
        }
    }

    static long nowNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
