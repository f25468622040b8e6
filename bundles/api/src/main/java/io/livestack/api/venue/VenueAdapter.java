package io.livestack.api.venue;

import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.state.OrderView;
import java.util.Collection;
import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The boundary to one venue. A venue adapter bundle registers one of these per configured venue (Config Admin
 * factory configuration) with the service property {@value #VENUE_PROPERTY} set to the venue id. Inbound traffic
 * (market data, execution reports, session changes) goes to {@link io.livestack.api.runtime.EventIntake}.
 * <p>
 * The outbound methods are called on the processing thread: they must not block (queue the message and return).
 * Failures to send are reported as events (a rejected execution report, a session event), never thrown.
 */
@ConsumerType
public interface VenueAdapter {

    String VENUE_PROPERTY = "livestack.venue";

    VenueId venueId();

    /** The instruments this venue trades here (orders for anything else are refused). */
    Set<InstrumentId> instruments();

    VenueSessionState sessionState();

    /** Send a new order; {@code order} is PENDING_NEW with its handle as the ClOrdID. */
    void submit(OrderView order);

    /** Ask the venue to cancel {@code order}, using {@code cancelClientOrderId} as the request's ClOrdID. */
    void cancel(OrderView order, ClientOrderId cancelClientOrderId);

    /** Ask the venue to replace {@code order}'s price and quantity under the new ClOrdID. */
    void replace(OrderView order, ClientOrderId newClientOrderId, long newPrice, long newQuantity);

    /**
     * After a (re)logon the runtime hands the venue its open orders; the adapter asks the venue for their status,
     * publishes what it learns as execution reports, then publishes LOGGED_ON.
     */
    void reconcile(Collection<OrderView> openOrders);

    /** Operator control: (re)connect or log out. Asynchronous; the outcome arrives as session events. */
    void connect();

    /**
     * Ask the venue for the status of one order (a cancel or replace it left unanswered); the answer arrives as an
     * ORDER_STATUS execution report. The default does nothing (adapters whose venue has no status request).
     */
    default void requestStatus(OrderView order) {
    }

    /**
     * An operator resolved a failed reconciliation ({@link io.livestack.api.model.VenueSessionState#RECONCILE_FAILED}):
     * the venue is accepted as reconciled ({@code canceledInDoubt} false) or its orders in doubt were canceled;
     * the adapter publishes LOGGED_ON if it is still in that state. The default does nothing (adapters that never
     * fail a reconciliation).
     */
    default void resolveReconciliation(String user, boolean canceledInDoubt) {
    }

    void disconnect();

    /** Adapter kind for display, e.g. "fix" or "sim". */
    default String kind() {
        return "venue";
    }

    /** Human-readable connection details for display (never credentials). */
    default String describe() {
        return venueId().value();
    }
}
