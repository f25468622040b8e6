package io.livestack.strategies.examples.internal;

import io.livestack.api.event.BookLevel;
import io.livestack.api.intent.CancelOrder;
import io.livestack.api.intent.Intent;
import io.livestack.api.intent.ReplaceOrder;
import io.livestack.api.intent.SubmitOrder;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.state.BookView;
import io.livestack.api.state.OrderView;
import io.livestack.api.state.PositionView;
import io.livestack.api.state.StateView;
import io.livestack.api.strategy.StrategyContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strategy context over hand-built state. Intents are logged; like execution control would, a submit puts a
 * PENDING_NEW order into the state and a cancel or replace marks the order pending. Tests play the venue with
 * {@link #ack}, {@link #fill}, {@link #confirmCancel} and {@link #confirmReplace}.
 */
final class FakeStrategyContext implements StrategyContext {

    final StrategyId id;
    long now = 1_000_000_000_000L;
    int nextId = 1;
    long bookUpdates;
    final List<Intent> intents = new ArrayList<>();
    final Map<ClientOrderId, OrderView> orders = new LinkedHashMap<>();
    final Map<InstrumentId, Long> positions = new HashMap<>();
    final Map<InstrumentId, Long> others = new HashMap<>();
    final Map<InstrumentId, io.livestack.api.state.InstrumentSpec> specs = new HashMap<>();
    final Map<VenueId, VenueSessionState> venues = new HashMap<>();
    final Map<String, BookView> books = new HashMap<>();
    private final StateView state = new State();

    FakeStrategyContext(String id) {
        this.id = StrategyId.of(id);
    }

    void book(VenueId venue, InstrumentId instrument, String bid, String ask) {
        book(venue, instrument, bid, ask, ++bookUpdates);
    }

    /** A book the state last updated at event {@code updateSeq}. */
    void book(VenueId venue, InstrumentId instrument, String bid, String ask, long updateSeq) {
        List<BookLevel> bids = bid == null ? List.of() : List.of(new BookLevel(Fixed.parse(bid), Fixed.of(1)));
        List<BookLevel> asks = ask == null ? List.of() : List.of(new BookLevel(Fixed.parse(ask), Fixed.of(1)));
        books.put(venue + "/" + instrument, new FakeBook(venue, instrument, bids, asks, updateSeq));
    }

    /** The strategy's own position in the instrument. */
    void position(InstrumentId instrument, String quantity) {
        positions.put(instrument, Fixed.parse(quantity));
    }

    /** Reference data for an instrument (every venue). */
    void spec(io.livestack.api.state.InstrumentSpec spec) {
        specs.put(spec.instrument(), spec);
    }

    /** What the other strategies of the desk hold in the instrument (the desk's position is theirs + this one's). */
    void othersPosition(InstrumentId instrument, String quantity) {
        others.put(instrument, Fixed.parse(quantity));
    }

    List<Intent> drain() {
        List<Intent> copy = List.copyOf(intents);
        intents.clear();
        return copy;
    }

    OrderView order(ClientOrderId id) {
        return orders.get(id);
    }

    void ack(ClientOrderId id) {
        update(id, o -> with(o, o.price(), o.quantity(), o.filledQuantity(), OrderStatus.NEW, null));
    }

    void fill(ClientOrderId id, String quantity) {
        long q = Fixed.parse(quantity);
        OrderView o = orders.get(id);
        long filled = o.filledQuantity() + q;
        positions.merge(o.instrument(), o.side().sign() * q, Long::sum);
        update(id, x -> with(x, x.price(), x.quantity(), filled,
                filled >= x.quantity() ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED, x.pendingClientOrderId()));
    }

    void confirmCancel(ClientOrderId id) {
        update(id, o -> with(o, o.price(), o.quantity(), o.filledQuantity(), OrderStatus.CANCELED, null));
    }

    void confirmReplace(ClientOrderId id) {
        update(id, o -> with(o, o.pendingPrice(), o.pendingQuantity(), o.filledQuantity(),
                o.filledQuantity() > 0 ? OrderStatus.PARTIALLY_FILLED : OrderStatus.NEW, null));
    }

    private void update(ClientOrderId id, java.util.function.UnaryOperator<OrderView> change) {
        orders.put(id, change.apply(orders.get(id)));
    }

    private static OrderView with(OrderView o, long price, long quantity, long filled, OrderStatus status,
            ClientOrderId pending) {
        return new OrderView(o.clientOrderId(), o.currentClientOrderId(), pending, o.venueOrderId(), o.strategy(),
                o.venue(), o.instrument(), o.side(), o.type(), o.timeInForce(), price, quantity, filled,
                o.averageFillPrice(), status, pending == null ? 0 : o.pendingPrice(),
                pending == null ? 0 : o.pendingQuantity(), false, true, "", o.createdSeq(), o.updatedSeq(),
                o.createdTimeNanos(), o.updatedTimeNanos());
    }

    @Override
    public StrategyId strategyId() {
        return id;
    }

    @Override
    public StateView state() {
        return state;
    }

    @Override
    public long now() {
        return now;
    }

    @Override
    public Collection<OrderView> openOrders() {
        return orders.values().stream().filter(OrderView::isOpen).toList();
    }

    @Override
    public ClientOrderId submit(VenueId venue, InstrumentId instrument, Side side, OrderType type,
            TimeInForce timeInForce, long price, long quantity) {
        ClientOrderId handle = ClientOrderId.of("C" + nextId++);
        intents.add(new SubmitOrder(id, handle, venue, instrument, side, type, timeInForce, price, quantity));
        orders.put(handle, new OrderView(handle, handle, null, null, id, venue, instrument, side, type, timeInForce,
                price, quantity, 0, 0, OrderStatus.PENDING_NEW, 0, 0, false, true, "", 1, 1, now, now));
        return handle;
    }

    @Override
    public void cancel(ClientOrderId order) {
        intents.add(new CancelOrder(id, order));
        ClientOrderId request = ClientOrderId.of("C" + nextId++);
        update(order, o -> new OrderView(o.clientOrderId(), o.currentClientOrderId(), request, o.venueOrderId(),
                o.strategy(), o.venue(), o.instrument(), o.side(), o.type(), o.timeInForce(), o.price(),
                o.quantity(), o.filledQuantity(), o.averageFillPrice(), OrderStatus.PENDING_CANCEL, 0, 0, false,
                true, "", o.createdSeq(), o.updatedSeq(), o.createdTimeNanos(), o.updatedTimeNanos()));
    }

    @Override
    public void replace(ClientOrderId order, long newPrice, long newQuantity) {
        intents.add(new ReplaceOrder(id, order, newPrice, newQuantity));
        ClientOrderId request = ClientOrderId.of("C" + nextId++);
        update(order, o -> new OrderView(o.clientOrderId(), o.currentClientOrderId(), request, o.venueOrderId(),
                o.strategy(), o.venue(), o.instrument(), o.side(), o.type(), o.timeInForce(), o.price(),
                o.quantity(), o.filledQuantity(), o.averageFillPrice(), OrderStatus.PENDING_REPLACE, newPrice,
                newQuantity, false, true, "", o.createdSeq(), o.updatedSeq(), o.createdTimeNanos(),
                o.updatedTimeNanos()));
    }

    @Override
    public void scheduleTimer(long atNanos, long token) {
        throw new UnsupportedOperationException("not used by the sample strategies");
    }

    private final class State implements StateView {
        @Override
        public BookView book(VenueId venue, InstrumentId instrument) {
            return books.get(venue + "/" + instrument);
        }

        @Override
        public Collection<? extends BookView> books() {
            return books.values();
        }

        @Override
        public OrderView order(ClientOrderId anyClientOrderId) {
            return orders.get(anyClientOrderId);
        }

        @Override
        public Collection<OrderView> orders() {
            return orders.values();
        }

        @Override
        public Collection<OrderView> openOrders() {
            return FakeStrategyContext.this.openOrders();
        }

        @Override
        public int openOrderCount() {
            return openOrders().size();
        }

        @Override
        public PositionView position(InstrumentId instrument) {
            long q = positions.getOrDefault(instrument, 0L) + others.getOrDefault(instrument, 0L);
            return new PositionView(instrument, q, 0, 0, 0, 0, 0, 0, 0);
        }

        @Override
        public io.livestack.api.state.InstrumentSpec instrumentSpec(VenueId venue, InstrumentId instrument) {
            return specs.get(instrument);
        }

        @Override
        public PositionView position(io.livestack.api.model.StrategyId strategy, InstrumentId instrument) {
            long q = positions.getOrDefault(instrument, 0L);
            return new PositionView(instrument, q, 0, 0, 0, 0, 0, 0, 0, null, strategy, null, 0);
        }

        @Override
        public Collection<PositionView> positions() {
            return positions.keySet().stream().map(this::position).toList();
        }

        @Override
        public Map<VenueId, VenueSessionState> venueStates() {
            return venues;
        }

        @Override
        public long lastSeq() {
            return 0;
        }
    }
}
