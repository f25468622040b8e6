package io.livestack.itests.chain;

import io.livestack.api.event.ExecutionReport;
import io.livestack.api.event.VenueSessionEvent;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecId;
import io.livestack.api.model.ExecType;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.LiquidityFlag;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueOrderId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.runtime.EventIntake;
import io.livestack.api.state.OrderView;
import io.livestack.api.venue.VenueAdapter;
import java.util.Collection;
import java.util.Set;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * The benchmark's venue adapter stub: timestamps the receipt of each new order with System.nanoTime() (tick-to-order
 * = receipt − the tick's publish time left in the {@link BenchStrategy.Probe}) and answers with a complete fill,
 * published into the sequencer from the processing thread, so the order is closed and the state stays small (the fill goes
 * through execution, state and the strategy host like any report). Cancels and replaces are confirmed.
 */
final class BenchVenue implements VenueAdapter {

    private final VenueId id;
    private final Set<InstrumentId> instruments;
    private final BenchStrategy.Probe probe;
    private volatile EventIntake intake;
    private volatile VenueSessionState session = VenueSessionState.DISCONNECTED;
    /** Tick-to-order, recorded only when on. */
    volatile SingleWriterRecorder tickToOrder;
    /** Strategy's decision to the order's receipt (the session gate, risk, execution), recorded only when on. */
    volatile SingleWriterRecorder orderPath;
    private long orders;
    private long execs;

    BenchVenue(VenueId id, Set<InstrumentId> instruments, BenchStrategy.Probe probe) {
        this.id = id;
        this.instruments = instruments;
        this.probe = probe;
    }

    void attach(EventIntake target) {
        intake = target;
    }

    @Override
    public VenueId venueId() {
        return id;
    }

    @Override
    public Set<InstrumentId> instruments() {
        return instruments;
    }

    @Override
    public VenueSessionState sessionState() {
        return session;
    }

    @Override
    public void submit(OrderView order) {
        long received = System.nanoTime();
        SingleWriterRecorder r = tickToOrder;
        if (r != null) {
            r.recordValue(Math.max(0, received - probe.tickPublishNanos));
        }
        SingleWriterRecorder p = orderPath;
        if (p != null && probe.decidedNanos != 0) {
            p.recordValue(Math.max(0, received - probe.decidedNanos));
        }
        orders++;
        answer(new ExecutionReport(id, order.updatedTimeNanos(), order.clientOrderId(), null,
                VenueOrderId.of("V" + orders), ExecId.of("E" + (++execs)), ExecType.TRADE, OrderStatus.FILLED,
                order.instrument(), order.side(), order.quantity(), order.price(), order.quantity(), order.price(),
                order.quantity(), 0, order.price(), LiquidityFlag.TAKER, 0, null, null, false));
    }

    @Override
    public void cancel(OrderView order, ClientOrderId cancelClientOrderId) {
        answer(new ExecutionReport(id, order.updatedTimeNanos(), cancelClientOrderId,
                order.currentClientOrderId(), order.venueOrderId(), ExecId.of("E" + (++execs)), ExecType.CANCELED,
                OrderStatus.CANCELED, order.instrument(), order.side(), order.quantity(), order.price(), 0, 0,
                order.filledQuantity(), 0, order.averageFillPrice(), null, 0, null, null, false));
    }

    @Override
    public void replace(OrderView order, ClientOrderId newClientOrderId, long newPrice, long newQuantity) {
        answer(new ExecutionReport(id, order.updatedTimeNanos(), newClientOrderId,
                order.currentClientOrderId(), order.venueOrderId(), ExecId.of("E" + (++execs)), ExecType.REPLACED,
                OrderStatus.NEW, order.instrument(), order.side(), newQuantity, newPrice, 0, 0,
                order.filledQuantity(), newQuantity - order.filledQuantity(), order.averageFillPrice(), null, 0, null,
                null, false));
    }

    @Override
    public void reconcile(Collection<OrderView> openOrders) {
        loggedOn();
    }

    @Override
    public void connect() {
        loggedOn();
    }

    @Override
    public void disconnect() {
        session = VenueSessionState.LOGGED_OUT;
        answer(new VenueSessionEvent(id, 0, VenueSessionState.LOGGED_OUT, "bench"));
    }

    private void loggedOn() {
        session = VenueSessionState.LOGGED_ON;
        answer(new VenueSessionEvent(id, 0, VenueSessionState.LOGGED_ON, "bench"));
    }

    /** Publishes an answer (dropped once intake is closing: the benchmark run is over). */
    private void answer(io.livestack.api.event.Event event) {
        try {
            intake.publish(event);
        } catch (IllegalStateException closed) {
            // intake is closed: nobody is listening any more
        }
    }

    long orders() {
        return orders;
    }
}
