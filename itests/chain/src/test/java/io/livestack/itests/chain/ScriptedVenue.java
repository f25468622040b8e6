package io.livestack.itests.chain;

import io.livestack.api.event.Event;
import io.livestack.api.event.ExecutionReport;
import io.livestack.api.event.OrderCancelRejected;
import io.livestack.api.event.VenueSessionEvent;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecId;
import io.livestack.api.model.ExecType;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.LiquidityFlag;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.Side;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueOrderId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.runtime.EventIntake;
import io.livestack.api.state.OrderView;
import io.livestack.api.venue.VenueAdapter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A venue stub whose answers depend only on what it is asked, in order: no threads, no clock, no randomness. It is
 * called on the processing thread and answers by publishing into intake from there (so its answers are sequenced
 * right behind the request, at the same position in every run).
 * <ul>
 * <li>connect: CONNECTING, RECONCILING; reconcile: an ORDER_STATUS report per open order, then LOGGED_ON;
 * disconnect: LOGGED_OUT — and, to exercise reconciliation, the oldest resting order is filled "while the session
 * is down" without a report (the ORDER_STATUS after the reconnect tells);</li>
 * <li>new order: NEW; then IOC orders fill completely, except every third one expires; DAY orders fill completely
 * every fifth order and half every seventh, the others rest;</li>
 * <li>cancel: CANCELED, or a cancel reject when the order is no longer live (or the session is down);</li>
 * <li>replace: REPLACED with the new price and quantity (then every fourth replaced order fills completely, every
 * third other one half), or a replace reject.</li>
 * </ul>
 * Every call is logged ({@link #calls()}): that log is "the intents the venue received", ClOrdIDs included.
 * In {@link Mode#SILENT} it logs the calls but publishes nothing (a replay feeds the answers itself).
 */
final class ScriptedVenue implements VenueAdapter {

    enum Mode {
        RESPOND, SILENT
    }

    /** The venue's own view of one order. */
    private static final class VenueOrder {
        final ClientOrderId handle;
        ClientOrderId current;
        final VenueOrderId venueOrderId;
        final InstrumentId instrument;
        final Side side;
        long price;
        long quantity;
        long cumulative;
        long notional;
        OrderStatus status = OrderStatus.NEW;

        VenueOrder(OrderView order, VenueOrderId venueOrderId) {
            this.handle = order.clientOrderId();
            this.current = order.currentClientOrderId();
            this.venueOrderId = venueOrderId;
            this.instrument = order.instrument();
            this.side = order.side();
            this.price = order.price();
            this.quantity = order.quantity();
        }

        boolean live() {
            return !status.isTerminal();
        }

        long leaves() {
            return live() ? Math.max(0, quantity - cumulative) : 0;
        }

        long average() {
            return cumulative == 0 ? 0 : Fixed.divide(notional, cumulative);
        }

        void fill(long qty) {
            cumulative += qty;
            notional += Fixed.multiply(price, qty);
            status = cumulative >= quantity ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED;
        }
    }

    private final VenueId id;
    private final Set<InstrumentId> instruments;
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final Map<ClientOrderId, VenueOrder> orders = new LinkedHashMap<>();
    private volatile EventIntake intake;
    private volatile Mode mode = Mode.RESPOND;
    private volatile VenueSessionState session = VenueSessionState.DISCONNECTED;
    private long orderCount;
    private long replaceCount;
    private long execCount;
    private long time;

    ScriptedVenue(VenueId id, Set<InstrumentId> instruments) {
        this.id = id;
        this.instruments = Set.copyOf(instruments);
    }

    void attach(EventIntake target) {
        this.intake = target;
    }

    void mode(Mode value) {
        this.mode = value;
    }

    /** Every call the venue got, in order. */
    List<String> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    Map<String, Object> properties() {
        return Map.of(VenueAdapter.VENUE_PROPERTY, id.value());
    }

    // ------------------------------------------------------------------------------------------ VenueAdapter

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
        calls.add("SUBMIT " + order.clientOrderId() + " " + order.strategy() + " " + order.instrument() + " "
                + order.side() + " " + order.type() + " " + order.timeInForce() + " " + Fixed.format(order.quantity())
                + " @ " + Fixed.format(order.price()));
        time = Math.max(time, order.updatedTimeNanos());
        VenueOrder v = new VenueOrder(order, VenueOrderId.of(id.value() + "-" + (++orderCount)));
        orders.put(v.handle, v);
        if (session != VenueSessionState.LOGGED_ON) {
            v.status = OrderStatus.REJECTED;
            answer(report(v, ExecType.REJECTED, 0, v.current, null, "venue session is " + session));
            return;
        }
        answer(report(v, ExecType.NEW, 0, v.current, null, null));
        long n = orderCount;
        if (order.timeInForce() == TimeInForce.IOC) {
            if (n % 3 == 0) {
                v.status = OrderStatus.EXPIRED;
                answer(report(v, ExecType.EXPIRED, 0, v.current, null, "IOC: no liquidity"));
            } else {
                fill(v, v.leaves());
            }
        } else if (n % 5 == 0) {
            fill(v, v.leaves());
        } else if (n % 7 == 0 && v.leaves() / 2 > 0) {
            fill(v, v.leaves() / 2);
        }
    }

    @Override
    public void cancel(OrderView order, ClientOrderId cancelClientOrderId) {
        calls.add("CANCEL " + order.clientOrderId() + " as " + cancelClientOrderId);
        time = Math.max(time, order.updatedTimeNanos());
        VenueOrder v = orders.get(order.clientOrderId());
        if (v == null || !v.live() || session != VenueSessionState.LOGGED_ON) {
            answer(new OrderCancelRejected(id, time, cancelClientOrderId, order.currentClientOrderId(),
                    v == null ? null : v.venueOrderId, false, v == null ? "unknown order"
                            : v.live() ? "venue session is " + session : "order is " + v.status));
            return;
        }
        v.status = OrderStatus.CANCELED;
        ClientOrderId previous = v.current;
        v.current = cancelClientOrderId;
        answer(report(v, ExecType.CANCELED, 0, cancelClientOrderId, previous, null));
    }

    @Override
    public void replace(OrderView order, ClientOrderId newClientOrderId, long newPrice, long newQuantity) {
        calls.add("REPLACE " + order.clientOrderId() + " as " + newClientOrderId + " " + Fixed.format(newQuantity)
                + " @ " + Fixed.format(newPrice));
        time = Math.max(time, order.updatedTimeNanos());
        VenueOrder v = orders.get(order.clientOrderId());
        if (v == null || !v.live() || session != VenueSessionState.LOGGED_ON || newQuantity <= v.cumulative) {
            answer(new OrderCancelRejected(id, time, newClientOrderId, order.currentClientOrderId(),
                    v == null ? null : v.venueOrderId, true, v == null ? "unknown order"
                            : !v.live() ? "order is " + v.status : "replace refused"));
            return;
        }
        ClientOrderId previous = v.current;
        v.current = newClientOrderId;
        v.price = newPrice;
        v.quantity = newQuantity;
        answer(report(v, ExecType.REPLACED, 0, newClientOrderId, previous, null));
        replaceCount++;
        if (replaceCount % 4 == 0) {
            fill(v, v.leaves());
        } else if (replaceCount % 3 == 0 && v.leaves() / 2 > 0) {
            fill(v, v.leaves() / 2);
        }
    }

    @Override
    public void reconcile(Collection<OrderView> openOrders) {
        List<String> ids = new ArrayList<>();
        for (OrderView o : openOrders) {
            ids.add(o.clientOrderId().value());
        }
        calls.add("RECONCILE " + ids);
        for (OrderView o : openOrders) {
            time = Math.max(time, o.updatedTimeNanos());
            VenueOrder v = orders.get(o.clientOrderId());
            if (v != null) {
                answer(report(v, ExecType.ORDER_STATUS, 0, v.current, null, "status"));
            }
        }
        session(VenueSessionState.LOGGED_ON, "reconciled " + ids.size() + " open orders");
    }

    @Override
    public void connect() {
        calls.add("CONNECT");
        session(VenueSessionState.CONNECTING, "");
        session(VenueSessionState.RECONCILING, "logged on");
    }

    @Override
    public void disconnect() {
        calls.add("DISCONNECT");
        for (VenueOrder v : orders.values()) {
            if (v.live() && v.leaves() > 0) {
                v.fill(v.leaves()); // filled while the session is down: only reconciliation will tell
                calls.add("FILLED-UNREPORTED " + v.handle);
                break;
            }
        }
        session(VenueSessionState.LOGGED_OUT, "logout requested");
    }

    @Override
    public String kind() {
        return "scripted";
    }

    // ------------------------------------------------------------------------------------------ answers

    private void fill(VenueOrder v, long quantity) {
        v.fill(quantity);
        answer(report(v, ExecType.TRADE, quantity, v.current, null, null));
    }

    private ExecutionReport report(VenueOrder v, ExecType type, long lastQuantity, ClientOrderId clOrdId,
            ClientOrderId origClOrdId, String text) {
        String execId = (type == ExecType.ORDER_STATUS ? "S" : "E") + (++execCount);
        return new ExecutionReport(id, time, clOrdId, origClOrdId, v.venueOrderId, ExecId.of(execId), type,
                v.status, v.instrument, v.side, v.quantity, v.price, lastQuantity, lastQuantity > 0 ? v.price : 0,
                v.cumulative, v.leaves(), v.average(), lastQuantity > 0 ? LiquidityFlag.MAKER : null,
                0, null, text, false);
    }

    private void session(VenueSessionState state, String detail) {
        session = state;
        answer(new VenueSessionEvent(id, time, state, detail));
    }

    private void answer(Event event) {
        EventIntake target = intake;
        if (mode == Mode.RESPOND && target != null) {
            target.publish(event);
        }
    }
}
