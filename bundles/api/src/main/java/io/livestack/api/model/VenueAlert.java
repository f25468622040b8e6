package io.livestack.api.model;

/**
 * What a venue did that an operator must hear of — counted per venue by execution control (in the state, so it
 * survives a restart), shown by {@code livestack:venues} and exported as the labelled metric
 * {@code livestack.venue.alerts{venue,alert}}. docs/fix-venue.md says what each means and what to do.
 */
public enum VenueAlert {
    /** An exec id the venue used before came again with other content: a new execution, booked. */
    EXEC_ID_REUSED,
    /** The venue busted a fill (reversed). */
    FILL_BUST,
    /** The venue corrected a fill (the old one reversed, the corrected one booked). */
    FILL_CORRECTED,
    /** A report for an order this runtime never sent (unknown ClOrdID), booked to the "unknown" strategy. */
    UNKNOWN_ORDER_REPORT,
    /** A cancel or replace the venue left unanswered past its timeout, even after a status request. */
    STUCK_REQUEST
}
