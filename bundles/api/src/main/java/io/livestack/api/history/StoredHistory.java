package io.livestack.api.history;

import io.livestack.api.model.ClientOrderId;
import io.livestack.api.record.FillRecord;
import io.livestack.api.record.OrderRecord;
import io.livestack.api.state.OrderView;
import java.util.Collection;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What the database holds of the execution records, for {@link TradingHistory} to merge with the live state (published
 * by the storage bundle). Every query reads the records "as of" a seq: only the rows of events up to it, which never
 * change once written, so that the answer joins the state's newer part without gaps or twins. Rows come newest first
 * in {@link HistoryQuery}'s orders; the query's range and filters apply, its page does not: each query gives the
 * first {@code limit} rows and the total. Any thread; each call is one or a few statements on its own connection. A
 * {@link HistoryUnavailableException} when the database cannot answer.
 */
@ProviderType
public interface StoredHistory {

    /**
     * The seq up to which every journaled event's records are in the database (storage's projection mark); 0 when
     * nothing was projected into it yet.
     */
    long storedThrough();

    /**
     * The latest version, as of seq {@code asOf}, of each order that changed in the range
     * ({@link HistoryQuery#changedIn(OrderView)}, judged on that version), except the orders {@code excluded}:
     * the first {@code limit} newest first, and how many there are.
     */
    StoredSlice<OrderView> orders(HistoryQuery query, long asOf, Collection<ClientOrderId> excluded, int limit);

    /** The fills of events up to seq {@code asOf} that match the query: the first {@code limit}, and how many. */
    StoredSlice<FillRecord> fills(HistoryQuery query, long asOf, int limit);

    /** Every {@code order_event} row of the order with this handle (its first ClOrdID), oldest first. */
    List<OrderRecord> orderEvents(ClientOrderId order);
}
