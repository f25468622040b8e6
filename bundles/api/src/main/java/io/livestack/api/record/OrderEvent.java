package io.livestack.api.record;

/** What happened to an order, as an {@link OrderRecord} names it. */
public enum OrderEvent {
    /** Execution control accepted a new order and handed it to its venue. */
    SUBMITTED,
    /** The venue acknowledged the order (its first NEW). */
    ACKNOWLEDGED,
    PARTIALLY_FILLED,
    FILLED,
    CANCEL_REQUESTED,
    CANCELED,
    REPLACE_REQUESTED,
    /** A replace took effect: the order lives on under its handle with the confirmed price and quantity. */
    REPLACED,
    REJECTED,
    EXPIRED,
    /** The venue (or the adapter) refused a cancel or replace request; the order is as before the request. */
    CANCEL_REJECTED,
    /** The venue restated the order (ExecType RESTATED). */
    RESTATED,
    /** Fills exceeded the order quantity: applied (they happened) and flagged. */
    OVERFILLED,
    /** The order's venue adapter went away; the order stays open and visible. */
    VENUE_UNAVAILABLE,
    /** The order's venue adapter is back. */
    VENUE_AVAILABLE,
    /** A status answer after a (re)logon brought the order up to date. */
    RECONCILED,
    /** A fill on an order already in a terminal state: applied, status kept. */
    LATE_FILL,
    /**
     * An order sent before a power loss whose causing input the journal lost, booked again from the venue adapter's
     * outbound store ({@link io.livestack.api.event.SentOrderRecovered}).
     */
    RECOVERED_FROM_VENUE_STORE,
    /** The venue busted one of the order's fills: reversed (filled quantity, average price, position). */
    FILL_BUST,
    /** The venue corrected one of the order's fills: the old one reversed, the corrected one booked. */
    FILL_CORRECTED,
    /** A cancel or replace the venue left unanswered past its timeout, even after a status request: flagged. */
    STUCK
}
