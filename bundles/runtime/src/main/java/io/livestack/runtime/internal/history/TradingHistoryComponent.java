package io.livestack.runtime.internal.history;

import io.livestack.api.history.HistoryPage;
import io.livestack.api.history.HistoryQuery;
import io.livestack.api.history.HistoryUnavailableException;
import io.livestack.api.history.OrderHistory;
import io.livestack.api.history.StoredHistory;
import io.livestack.api.history.StoredSlice;
import io.livestack.api.history.TradingHistory;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.TradingDay;
import io.livestack.api.record.FillRecord;
import io.livestack.api.record.OrderRecord;
import io.livestack.api.risk.RiskStage;
import io.livestack.api.runtime.LiveRuntime;
import io.livestack.api.state.OrderView;
import io.livestack.api.state.StateView;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TradingHistory}: the live state (through {@link LiveRuntime#query}) and storage's {@link StoredHistory}
 * (optional: without it, or while the database cannot answer, the pages hold the state's rows and say why), each
 * query split at the cut ({@link StateSlices}) and merged ({@link HistoryMerge}). The trading day is the risk stage's
 * (the last one it told while it is being redeployed; midnight UTC before any).
 */
@Component(service = TradingHistory.class)
public final class TradingHistoryComponent implements TradingHistory {

    private static final Logger LOG = LoggerFactory.getLogger(TradingHistoryComponent.class);
    static final long QUERY_TIMEOUT_SECONDS = 5;
    static final String NO_STORAGE = "no stored history: the storage bundle is not running (feature "
            + "livestack-storage)";

    private final LiveRuntime runtime;
    private volatile StoredHistory stored;
    private volatile RiskStage risk;
    private volatile TradingDay lastDay = TradingDay.MIDNIGHT_UTC;

    @Activate
    public TradingHistoryComponent(@Reference LiveRuntime runtime) {
        this.runtime = runtime;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindStored(StoredHistory s) {
        stored = s;
    }

    void unbindStored(StoredHistory s) {
        if (stored == s) {
            stored = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindRisk(RiskStage r) {
        risk = r;
    }

    void unbindRisk(RiskStage r) {
        if (risk == r) {
            risk = null;
        }
    }

    @Override
    public TradingDay tradingDay() {
        RiskStage r = risk;
        if (r != null) {
            lastDay = r.tradingDay();
        }
        return lastDay;
    }

    @Override
    public HistoryPage<OrderView> orders(HistoryQuery q) {
        StoredHistory db = stored;
        Mark mark = mark(db);
        StateSlices.Orders state = query(v -> StateSlices.orders(v, q, mark.seq));
        StoredSlice<OrderView> rows = null;
        String why = mark.why;
        if (why == null) {
            try {
                rows = db.orders(q, state.cut(), state.newerThanStored(), q.depth());
            } catch (RuntimeException e) {
                why = reason(e);
                state = query(v -> StateSlices.orders(v, q, -1)); // every row from the state now
            }
        }
        return HistoryMerge.page(q, state.rows(), state.total(), rows, state.cut(), why,
                HistoryQuery.NEWEST_ORDER_FIRST);
    }

    @Override
    public HistoryPage<FillRecord> fills(HistoryQuery q) {
        StoredHistory db = stored;
        Mark mark = mark(db);
        StateSlices.Fills state = query(v -> StateSlices.fills(v, q, mark.seq));
        StoredSlice<FillRecord> rows = null;
        String why = mark.why;
        if (why == null) {
            try {
                rows = db.fills(q, state.cut(), q.depth());
            } catch (RuntimeException e) {
                why = reason(e);
                state = query(v -> StateSlices.fills(v, q, -1));
            }
        }
        return HistoryMerge.page(q, state.rows(), state.total(), rows, state.cut(), why,
                HistoryQuery.NEWEST_FILL_FIRST);
    }

    @Override
    public OrderHistory orderEvents(ClientOrderId anyClientOrderId) {
        OrderView current = query(v -> v.order(anyClientOrderId));
        ClientOrderId handle = current == null ? anyClientOrderId : current.clientOrderId();
        StoredHistory db = stored;
        if (db == null) {
            return new OrderHistory(handle, current, List.of(), NO_STORAGE);
        }
        try {
            List<OrderRecord> events = db.orderEvents(handle);
            return current == null && events.isEmpty() ? null : new OrderHistory(handle, current, events, null);
        } catch (RuntimeException e) {
            return new OrderHistory(handle, current, List.of(), reason(e));
        }
    }

    /** How far the database is written, or why it cannot be asked. */
    private record Mark(long seq, String why) {
    }

    private static Mark mark(StoredHistory db) {
        if (db == null) {
            return new Mark(-1, NO_STORAGE);
        }
        try {
            return new Mark(db.storedThrough(), null);
        } catch (RuntimeException e) {
            return new Mark(-1, reason(e));
        }
    }

    private static String reason(RuntimeException e) {
        String why = e instanceof HistoryUnavailableException ? e.getMessage() : "stored history failed: " + e;
        LOG.warn("Stored history unavailable, answering from the live state only: {}", why);
        return why;
    }

    private <T> T query(Function<StateView, T> q) {
        try {
            return runtime.query(q).get(QUERY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the processing loop did not answer within " + QUERY_TIMEOUT_SECONDS
                    + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("state query failed: " + (cause.getMessage() == null ? cause
                    : cause.getMessage()), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the processing loop");
        }
    }
}
