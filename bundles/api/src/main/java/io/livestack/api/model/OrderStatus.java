package io.livestack.api.model;

/** The order lifecycle states. */
public enum OrderStatus {
    PENDING_NEW, NEW, PARTIALLY_FILLED, FILLED, PENDING_CANCEL, CANCELED, PENDING_REPLACE, REPLACED, REJECTED, EXPIRED;

    /** Terminal states never change again (a late fill on them is flagged, not applied silently). */
    public boolean isTerminal() {
        return this == FILLED || this == CANCELED || this == REJECTED || this == EXPIRED || this == REPLACED;
    }

    /** Open orders can still trade at the venue (or may, while a request is pending). */
    public boolean isOpen() {
        return !isTerminal();
    }
}
