package io.livestack.strategy.host.internal;

import io.livestack.api.event.MarketDataEvent;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecId;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.record.ExecutionRecord;
import io.livestack.api.record.FillRecord;
import io.livestack.api.record.MetadataRecord;
import io.livestack.api.record.PositionRecord;
import io.livestack.api.record.RiskRejectionRecord;
import io.livestack.api.runtime.ProcessingContext;
import io.livestack.api.state.BookView;
import io.livestack.api.state.OrderView;
import io.livestack.api.state.PositionView;
import io.livestack.api.state.StateStore;
import io.livestack.api.venue.VenueAdapter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** A processing context for host tests: records what stages hand it, counts ClOrdIDs, keeps orders in a list. */
final class FakeProcessingContext implements ProcessingContext {

    record Timer(String owner, long atNanos, long token) {
    }

    long seq = 1;
    long now = 1_000_000_000L;
    int nextId = 1;
    final List<ExecutionRecord> records = new ArrayList<>();
    final List<Timer> timers = new ArrayList<>();
    final FakeState state = new FakeState();

    @Override
    public long seq() {
        return seq;
    }

    @Override
    public long now() {
        return now;
    }

    @Override
    public StateStore state() {
        return state;
    }

    @Override
    public VenueAdapter venue(VenueId venue) {
        return null;
    }

    @Override
    public Collection<VenueAdapter> venues() {
        return List.of();
    }

    @Override
    public void record(ExecutionRecord record) {
        records.add(record);
    }

    @Override
    public ClientOrderId nextClientOrderId() {
        return ClientOrderId.of("C" + nextId++);
    }

    @Override
    public void scheduleTimer(String owner, long atNanos, long token) {
        timers.add(new Timer(owner, atNanos, token));
    }

    List<MetadataRecord> metadata(MetadataRecord.Kind kind) {
        return records.stream().filter(MetadataRecord.class::isInstance).map(MetadataRecord.class::cast)
                .filter(r -> r.kind() == kind).toList();
    }

    List<RiskRejectionRecord> rejections() {
        return records.stream().filter(RiskRejectionRecord.class::isInstance).map(RiskRejectionRecord.class::cast)
                .toList();
    }

    /** Only what the host touches: orders. */
    static final class FakeState implements StateStore {
        final List<OrderView> orders = new ArrayList<>();

        @Override
        public BookView book(VenueId venue, InstrumentId instrument) {
            return null;
        }

        @Override
        public Collection<? extends BookView> books() {
            return List.of();
        }

        @Override
        public OrderView order(ClientOrderId id) {
            return orders.stream().filter(o -> o.clientOrderId().equals(id)).findFirst().orElse(null);
        }

        @Override
        public Collection<OrderView> orders() {
            return List.copyOf(orders);
        }

        @Override
        public Collection<OrderView> openOrders() {
            return orders.stream().filter(OrderView::isOpen).toList();
        }

        @Override
        public int openOrderCount() {
            return openOrders().size();
        }

        @Override
        public PositionView position(InstrumentId instrument) {
            return PositionView.flat(instrument);
        }

        @Override
        public Collection<PositionView> positions() {
            return List.of();
        }

        @Override
        public Map<VenueId, VenueSessionState> venueStates() {
            return Map.of();
        }

        @Override
        public long lastSeq() {
            return 0;
        }

        @Override
        public void apply(long seq, MarketDataEvent event) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void putOrder(OrderView order) {
            orders.add(order);
        }

        @Override
        public void alias(ClientOrderId alias, ClientOrderId handle) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean knowsExecution(VenueId venue, ExecId execId) {
            return false;
        }

        @Override
        public PositionRecord applyFill(long seq, long timeNanos, FillRecord fill) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setVenueState(VenueId venue, VenueSessionState state) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String stateHash() {
            return "";
        }
    }
}
