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

    /** Whether a report with this venue + exec id was applied before, whatever its content. */
    boolean knowsExecution(VenueId venue, ExecId execId);

    /**
     * Whether this report was applied before: the same venue + exec id with the same {@code identity} (a digest of
     * its content — execution control decides what goes into it). A venue's exec ids are unique only within its
     * trading day, so the exec id alone does not make a resend.
     */
    boolean knowsReport(VenueId venue, ExecId execId, String identity);

    /**
     * Remember a report applied at event time {@code timeNanos} (fills included), so that {@link #knowsReport}
     * recognises its resend and {@link #knowsExecution} its exec id.
     */
    void rememberReport(VenueId venue, ExecId execId, String identity, long timeNanos);

    /** Remember an exec id without a content identity (same as a report whose identity is its exec id alone). */
    void rememberExecution(VenueId venue, ExecId execId, long timeNanos);

    /**
     * Flag the order (by handle) STUCK since {@code sinceNanos}: a cancel or replace its venue left unanswered even
     * after a status request. The flag goes by itself when the order is no longer pending cancel or replace.
     */
    void flagStuck(ClientOrderId handle, long sinceNanos);

    /** One more {@code alert} for {@code venue} ({@link StateView#venueAlerts}). */
    void countVenueAlert(VenueId venue, io.livestack.api.model.VenueAlert alert);

    /**
     * An alert with what it was about, kept among the latest ({@link StateView#recentVenueAlerts}); the default
     * counts it only.
     */
    default void recordVenueAlert(VenueAlertNote note) {
        countVenueAlert(note.venue(), note.alert());
    }

    /**
     * Apply a fill record to its position — a {@link FillRecord.Kind#BUST} reverses it — and returns the position
     * after it. Execution control decides whether a report is new; this applies what it is given.
     */
    PositionRecord applyFill(long seq, long timeNanos, FillRecord fill);

    /**
     * Applies a fill record like {@link #applyFill} and returns the position after it at every level it changed
     * ({@link PositionView.Level}: desk, account, strategy, book, venue, in that order), for the records. The default
     * keeps the desk's only.
     */
    default java.util.List<PositionRecord> applyFillAtEveryLevel(long seq, long timeNanos, FillRecord fill) {
        return java.util.List.of(applyFill(seq, timeNanos, fill));
    }
}
