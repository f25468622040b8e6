package io.livestack.api.state;

import io.livestack.api.event.MarketDataEvent;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueSessionState;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The state stage: the one place runtime state lives, so that risk and execution control can be redeployed
 * without losing anything. Mutated only by the processing thread: market data and venue sessions by the chain,
 * orders and fills by execution control through {@link OrderStore}; everything else reads ({@link StateView}).
 */
@ProviderType
public interface StateStore extends StateView, OrderStore {

    /** Apply market data to the book of its venue and instrument; marks positions to market. */
    void apply(long seq, MarketDataEvent event);

    /**
     * A venue's session changed: keep its state, and derive whether its open orders are reachable — an order's
     * {@link OrderView#venueAvailable()} is false exactly while its venue is {@link VenueSessionState#UNAVAILABLE}
     * (its adapter is gone). Returns the open orders whose availability changed, as they are now (stamped with
     * {@code seq} and {@code timeNanos}), so that the chain records them.
     */
    List<OrderView> setVenueState(VenueId venue, VenueSessionState state, long seq, long timeNanos);

    /**
     * The state with what the venue's adapter said about it (e.g. a RECONCILE_FAILED's reason and orders in doubt,
     * {@link StateView#venueDetails}); the default keeps the state only.
     */
    default List<OrderView> setVenueState(VenueId venue, VenueSessionState state, String detail, long seq,
            long timeNanos) {
        return setVenueState(venue, state, seq, timeNanos);
    }

    /** Computes a hash over the whole state (books, orders, positions): equal states give equal hashes. */
    String stateHash();

    /**
     * Whether the chain may process events against this state yet. An implementation that must prepare before its
     * first event says false meanwhile; the sequencer then holds every event (as when no state stage is bound) and
     * asks again. Once true it stays true. Called on the processing thread only. The default is always ready (the
     * runtime's own recovery from its journal and snapshots comes first in any case).
     */
    default boolean ready() {
        return true;
    }

    /** The whole state as plain data (processing thread). */
    StateSnapshot snapshot();

    /** Replaces the whole state with {@code snapshot} (processing thread; between events). */
    void restore(StateSnapshot snapshot);

    /**
     * Lets go of what a snapshot holds and no decision needs any more: orders that have been closed longer than the
     * state's retention before {@code nowNanos}, and executions applied longer ago than it. Called when a snapshot was
     * taken, at the same event in a replay, so that memory stays bounded over a long session. Returns how many
     * orders and executions were let go.
     */
    int evict(long nowNanos);
}
