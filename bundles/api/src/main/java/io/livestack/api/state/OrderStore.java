package io.livestack.api.state;

import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecId;
import io.livestack.api.model.VenueId;
import io.livestack.api.record.FillRecord;
import io.livestack.api.record.PositionRecord;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The order book-keeping of the state stage, as execution control (and only it) gets it: orders, the ClOrdIDs that
 * name them, the executions already applied and the positions fills move. Processing thread only.
 */
@ProviderType
public interface OrderStore {

    /** Insert or replace an order snapshot (execution control owns the transitions). */
    void putOrder(OrderView order);

    /** Make {@code alias} (a replace or cancel ClOrdID) resolve to the order whose handle is {@code handle}. */
    void alias(ClientOrderId alias, ClientOrderId handle);

    /** Whether this venue + exec id was applied before (duplicates never double-count). */
    boolean knowsExecution(VenueId venue, ExecId execId);

    /**
     * Remember a non-fill execution (an acknowledgement, cancel, replace, rejection, restatement), applied at event
     * time {@code timeNanos}, so that {@link #knowsExecution} recognises its resend. Fills are remembered by
     * {@link #applyFill}.
     */
    void rememberExecution(VenueId venue, ExecId execId, long timeNanos);

    /** Apply a new fill to its position; returns the position after it. */
    PositionRecord applyFill(long seq, long timeNanos, FillRecord fill);
}
