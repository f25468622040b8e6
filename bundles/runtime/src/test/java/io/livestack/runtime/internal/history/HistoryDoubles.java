package io.livestack.runtime.internal.history;

import io.livestack.api.event.Command;
import io.livestack.api.history.HistoryQuery;
import io.livestack.api.history.HistoryUnavailableException;
import io.livestack.api.history.StoredHistory;
import io.livestack.api.history.StoredSlice;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.record.ExecutionRecord;
import io.livestack.api.record.FillRecord;
import io.livestack.api.record.OrderRecord;
import io.livestack.api.runtime.CommandResult;
import io.livestack.api.runtime.LiveRuntime;
import io.livestack.api.runtime.RuntimeStatus;
import io.livestack.api.state.OrderView;
import io.livestack.api.state.StateView;
import io.livestack.testkit.SimpleState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** A state with recent fills, a runtime that queries it, and a database that follows the contract literally. */
final class HistoryDoubles {

    private HistoryDoubles() {
    }

    /** {@link SimpleState} keeping the fills given to it, newest first (as the state's ring does). */
    static final class State extends SimpleState {
        final List<FillRecord> fills = new ArrayList<>(); // oldest first

        @Override
        public List<FillRecord> recentFills(int max) {
            List<FillRecord> newest = new ArrayList<>(fills);
            Collections.reverse(newest);
            return newest.subList(0, Math.min(max, newest.size()));
        }
    }

    /** Runs each query at once against the state, as the processing loop would. */
    static final class Runtime implements LiveRuntime {
        final StateView state;
        volatile int queries;

        Runtime(StateView state) {
            this.state = state;
        }

        @Override
        public CompletableFuture<CommandResult> execute(Command command, String user) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> CompletableFuture<T> query(Function<StateView, T> query) {
            queries++;
            return CompletableFuture.completedFuture(query.apply(state));
        }

        @Override
        public RuntimeStatus status() {
            throw new UnsupportedOperationException();
        }
    }

    /** Every record up to {@code mark} is in the database; the queries are the contract's words as code. */
    static final class Database implements StoredHistory {
        final List<ExecutionRecord> records = new ArrayList<>(); // in (seq, ord) order
        volatile long mark;
        /** Fail every call from the n-th on (0: never). */
        volatile int failFrom;
        int calls;

        @Override
        public long storedThrough() {
            call();
            return mark;
        }

        @Override
        public StoredSlice<OrderView> orders(HistoryQuery q, long asOf, Collection<ClientOrderId> excluded,
                int limit) {
            call();
            Map<ClientOrderId, OrderView> latest = new LinkedHashMap<>();
            for (ExecutionRecord r : records) {
                if (r instanceof OrderRecord o && r.seq() <= Math.min(asOf, mark)) {
                    latest.put(o.order().clientOrderId(), o.order());
                }
            }
            List<OrderView> rows = latest.values().stream().filter(q::changedIn)
                    .filter(o -> !excluded.contains(o.clientOrderId())).sorted(HistoryQuery.NEWEST_ORDER_FIRST)
                    .toList();
            return new StoredSlice<>(rows.subList(0, Math.min(limit, rows.size())), rows.size());
        }

        @Override
        public StoredSlice<FillRecord> fills(HistoryQuery q, long asOf, int limit) {
            call();
            List<FillRecord> rows = new ArrayList<>();
            for (ExecutionRecord r : records) {
                if (r instanceof FillRecord f && r.seq() <= Math.min(asOf, mark) && q.matches(f)) {
                    rows.add(0, f); // newest first, later ords of an event first
                }
            }
            rows.sort(HistoryQuery.NEWEST_FILL_FIRST);
            return new StoredSlice<>(rows.subList(0, Math.min(limit, rows.size())), rows.size());
        }

        @Override
        public List<OrderRecord> orderEvents(ClientOrderId order) {
            call();
            return records.stream().filter(r -> r.seq() <= mark && r instanceof OrderRecord o
                    && o.order().clientOrderId().equals(order)).map(OrderRecord.class::cast).toList();
        }

        private void call() {
            calls++;
            if (failFrom > 0 && calls >= failFrom) {
                throw new HistoryUnavailableException("the database cannot read: connection refused", null);
            }
        }
    }
}
