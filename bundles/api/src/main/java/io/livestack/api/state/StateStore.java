package io.livestack.api.state;

import io.livestack.api.event.MarketDataEvent;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.record.FillRecord;
import io.livestack.api.record.PositionRecord;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The state stage: the one place runtime state lives, so that risk and execution control can be redeployed
 * without losing anything. Mutated only by the processing thread, through these methods; everything else reads.
 */
@ProviderType
public interface StateStore extends StateView {

    /** Apply market data to the book of its venue and instrument; marks positions to market. */
    void apply(long seq, MarketDataEvent event);

    /** Insert or replace an order snapshot (execution control owns the transitions). */
    void putOrder(OrderView order);

    /** Make {@code alias} (a replace or cancel ClOrdID) resolve to the order whose handle is {@code handle}. */
    void alias(ClientOrderId alias, ClientOrderId handle);

    /** Whether this venue + exec id was applied before (duplicates never double-count). */
    boolean knowsExecution(VenueId venue, io.livestack.api.model.ExecId execId);

    /**
     * Remember a non-fill execution (an acknowledgement, cancel, replace, rejection, restatement) so that
     * {@link #knowsExecution} recognises its resend. Fills are remembered by {@link #applyFill}. The default keeps
     * nothing (then only fills are recognised as duplicates).
     */
    default void rememberExecution(VenueId venue, io.livestack.api.model.ExecId execId) {
    }

    /** Apply a new fill to its position; returns the position after it. */
    PositionRecord applyFill(long seq, long timeNanos, FillRecord fill);

    void setVenueState(VenueId venue, VenueSessionState state);

    /** Computes a hash over the whole state (books, orders, positions): equal states give equal hashes. */
    String stateHash();

    /**
     * Whether the chain may process events against this state yet. False only while the state, just started, still
     * waits for its recovery from storage ({@link io.livestack.api.record.RecordRecovery}); intake then holds every
     * event (as when no state stage is bound) and asks again, so that recovery comes before the first sequenced
     * event. Once true it stays true. Called by intake on the processing thread only; the call may run the recovery.
     * The default is always ready.
     */
    default boolean ready() {
        return true;
    }
}
