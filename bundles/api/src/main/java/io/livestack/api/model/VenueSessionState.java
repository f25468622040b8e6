package io.livestack.api.model;

/** A venue connection as the runtime sees it. Only LOGGED_ON accepts new orders. */
public enum VenueSessionState {
    DISCONNECTED,
    CONNECTING,
    /** Logged on; open orders are being reconciled; no new orders yet. */
    RECONCILING,
    /** Logged on and reconciled: trading. */
    LOGGED_ON,
    LOGGED_OUT,
    ERROR,
    /** The adapter is gone (bundle or configuration removed). */
    UNAVAILABLE,
    /**
     * Logged on, but the open orders could not be reconciled (status requests refused or unanswered): no new orders
     * (cancels go through) until an operator resolves it ({@code livestack:venue-resolve}). Fail closed.
     */
    RECONCILE_FAILED;

    public boolean acceptsOrders() {
        return this == LOGGED_ON;
    }
}
