package io.livestack.runtime.internal.history;

import io.livestack.api.history.HistoryQuery;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.record.FillRecord;
import io.livestack.api.state.OrderView;
import io.livestack.api.state.StateView;
import java.util.ArrayList;
import java.util.List;

/**
 * What the live state adds to the database's rows of a {@link HistoryQuery}, worked out on the processing thread
 * (copies only). The database's rows are taken as of the <em>cut</em>: the seq up to which storage has written every
 * event's records (its mark), never past what this state has seen. The state gives what changed after the cut — it is
 * newer than the database there — and, for orders, the open ones the database does not give: those not changed since
 * the range's start (the state keeps every open order). Every row the database gives is then the state's own up to
 * the cut, and no row comes from both. Without a database the cut is -1: everything comes from the state.
 */
final class StateSlices {

    /** The state's orders of a query: the first {@code depth} newest first, how many in all, and the handles of the
     *  orders the state changed after the cut that the database holds an older version of. */
    record Orders(long cut, List<OrderView> rows, long total, List<ClientOrderId> newerThanStored) {
    }

    /** The state's fills after the cut: the first {@code depth} newest first, and how many in all. */
    record Fills(long cut, List<FillRecord> rows, long total) {
    }

    private StateSlices() {
    }

    /** The cut for a database that has written up to {@code storedThrough} (-1: no database). */
    static long cut(long storedThrough, StateView view) {
        return storedThrough < 0 ? -1 : Math.min(storedThrough, view.lastSeq());
    }

    static Orders orders(StateView view, HistoryQuery q, long storedThrough) {
        long cut = cut(storedThrough, view);
        List<OrderView> rows = new ArrayList<>();
        List<ClientOrderId> newer = new ArrayList<>();
        for (OrderView o : view.orders()) {
            if (o.updatedSeq() > cut) {
                if (q.matches(o)) {
                    rows.add(o);
                }
                if (o.createdSeq() <= cut) {
                    newer.add(o.clientOrderId());
                }
            } else if (q.matches(o) && !q.changedIn(o)) {
                rows.add(o); // open, unchanged since before the range: the database leaves it to the state
            }
        }
        rows.sort(HistoryQuery.NEWEST_ORDER_FIRST);
        return new Orders(cut, first(rows, q.depth()), rows.size(), List.copyOf(newer));
    }

    static Fills fills(StateView view, HistoryQuery q, long storedThrough) {
        long cut = cut(storedThrough, view);
        List<FillRecord> rows = new ArrayList<>();
        for (FillRecord f : view.recentFills(Integer.MAX_VALUE)) {
            if (f.seq() > cut && q.matches(f)) {
                rows.add(f);
            }
        }
        rows.sort(HistoryQuery.NEWEST_FILL_FIRST); // stable: fills of one event stay newest first
        return new Fills(cut, first(rows, q.depth()), rows.size());
    }

    private static <T> List<T> first(List<T> rows, int n) {
        return List.copyOf(rows.subList(0, Math.min(n, rows.size())));
    }
}
