package io.livestack.journal;

import io.livestack.api.event.BookLevel;
import io.livestack.api.model.AccountId;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.TradingScope;
import io.livestack.api.model.TradingState;
import io.livestack.api.model.VenueAlert;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.record.FillRecord;
import io.livestack.api.risk.RiskSnapshot;
import io.livestack.api.runtime.ExecutionSnapshot;
import io.livestack.api.runtime.HostSnapshot;
import io.livestack.api.state.BookState;
import io.livestack.api.state.OrderView;
import io.livestack.api.state.PositionView;
import io.livestack.api.state.ReferenceData;
import io.livestack.api.state.StateSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The binary form of each stage's snapshot (plain data of the api). Collections in their given order (the snapshots
 * keep sorted ones sorted), so equal snapshots encode to equal bytes: the state hash is taken over these bytes.
 */
public final class SnapshotCodec {

    private static final VenueAlert[] VENUE_ALERTS = VenueAlert.values();

    private SnapshotCodec() {
    }

    public static void write(WireOut out, StateSnapshot s) {
        out.i64(s.lastSeq());
        out.i32(s.orders().size());
        for (OrderView o : s.orders()) {
            RecordCodec.writeOrder(out, o);
        }
        out.i32(s.aliases().size());
        for (Map.Entry<ClientOrderId, ClientOrderId> e : s.aliases().entrySet()) {
            out.id(e.getKey());
            out.id(e.getValue());
        }
        out.i32(s.positions().size());
        for (PositionView p : s.positions()) {
            RecordCodec.writePosition(out, p);
        }
        out.i32(s.marks().size());
        for (Map.Entry<InstrumentId, Long> e : s.marks().entrySet()) {
            out.id(e.getKey());
            out.i64(e.getValue());
        }
        out.i32(s.executions().size());
        for (Map.Entry<String, Long> e : s.executions().entrySet()) {
            out.string(e.getKey());
            out.i64(e.getValue());
        }
        out.i32(s.venueStates().size());
        for (Map.Entry<VenueId, VenueSessionState> e : s.venueStates().entrySet()) {
            out.id(e.getKey());
            out.enumValue(e.getValue());
        }
        out.i32(s.books().size());
        for (BookState b : s.books()) {
            out.id(b.venue());
            out.id(b.instrument());
            levels(out, b.bids());
            levels(out, b.asks());
            out.i64(b.lastTradePrice());
            out.i64(b.lastUpdateSeq());
        }
        out.i32(s.recentFills().size());
        for (FillRecord f : s.recentFills()) {
            RecordCodec.write(out, f);
        }
        out.i32(s.venueAlerts().size()); // last: a state section written before alerts were counted ends before it
        for (Map.Entry<VenueId, Map<VenueAlert, Long>> e : s.venueAlerts().entrySet()) {
            out.id(e.getKey());
            out.i32(e.getValue().size());
            for (Map.Entry<VenueAlert, Long> a : e.getValue().entrySet()) {
                out.enumValue(a.getKey());
                out.i64(a.getValue());
            }
        }
        out.i32(s.stuckOrders().size());
        for (Map.Entry<ClientOrderId, Long> e : s.stuckOrders().entrySet()) {
            out.id(e.getKey());
            out.i64(e.getValue());
        }
        out.i32(s.venueDetails().size());
        for (Map.Entry<VenueId, String> e : s.venueDetails().entrySet()) {
            out.id(e.getKey());
            out.string(e.getValue());
        }
        // format 5 (snapshot version 4): each order's account, each position's level and fees, the reference data
        out.i32(s.orders().size());
        for (OrderView o : s.orders()) {
            out.id(o.account());
        }
        out.i32(s.positions().size());
        for (PositionView p : s.positions()) {
            RecordCodec.writePositionLevel(out, p);
        }
        out.bool(s.referenceData() != null);
        if (s.referenceData() != null) {
            ReferenceDataCodec.write(out, s.referenceData());
        }
    }

    public static StateSnapshot readState(WireIn in) {
        long lastSeq = in.i64();
        int n = EventCodec.count(in, 8);
        List<OrderView> orders = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            orders.add(RecordCodec.readOrder(in));
        }
        n = EventCodec.count(in, 8);
        Map<ClientOrderId, ClientOrderId> aliases = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            aliases.put(in.id(ClientOrderId::new), in.id(ClientOrderId::new));
        }
        n = EventCodec.count(in, 8);
        List<PositionView> positions = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            positions.add(RecordCodec.readPosition(in));
        }
        n = EventCodec.count(in, 12);
        Map<InstrumentId, Long> marks = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            marks.put(in.id(InstrumentId::new), in.i64());
        }
        n = EventCodec.count(in, 12);
        Map<String, Long> executions = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            executions.put(in.requiredString("execution key"), in.i64());
        }
        n = EventCodec.count(in, 5);
        Map<VenueId, VenueSessionState> venueStates = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            venueStates.put(in.id(VenueId::new), in.enumValue(EventCodec.SESSION_STATES));
        }
        n = EventCodec.count(in, 32);
        List<BookState> books = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            books.add(new BookState(in.id(VenueId::new), in.id(InstrumentId::new), levels(in), levels(in), in.i64(),
                    in.i64()));
        }
        n = EventCodec.count(in, 8);
        List<FillRecord> fills = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            fills.add((FillRecord) RecordCodec.read(in));
        }
        Map<VenueId, Map<VenueAlert, Long>> alerts = new LinkedHashMap<>();
        n = in.remaining() == 0 ? 0 : EventCodec.count(in, 9);
        for (int i = 0; i < n; i++) {
            VenueId venue = in.id(VenueId::new);
            int m = EventCodec.count(in, 9);
            Map<VenueAlert, Long> counts = new java.util.EnumMap<>(VenueAlert.class);
            for (int j = 0; j < m; j++) {
                counts.put(in.enumValue(VENUE_ALERTS), in.i64());
            }
            alerts.put(venue, counts);
        }
        n = in.remaining() == 0 ? 0 : EventCodec.count(in, 12);
        Map<ClientOrderId, Long> stuck = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            stuck.put(in.id(ClientOrderId::new), in.i64());
        }
        n = in.remaining() == 0 ? 0 : EventCodec.count(in, 9);
        Map<VenueId, String> details = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            details.put(in.id(VenueId::new), in.string());
        }
        n = in.remaining() == 0 ? 0 : EventCodec.count(in, 4);
        if (n != 0 && n != orders.size()) {
            throw new JournalFormatException("state section: " + n + " order accounts for " + orders.size()
                    + " orders");
        }
        for (int i = 0; i < n; i++) {
            orders.set(i, RecordCodec.withAccount(orders.get(i), in.id(AccountId::new)));
        }
        n = in.remaining() == 0 ? 0 : EventCodec.count(in, 20);
        if (n != 0 && n != positions.size()) {
            throw new JournalFormatException("state section: " + n + " position levels for " + positions.size()
                    + " positions");
        }
        for (int i = 0; i < n; i++) {
            positions.set(i, RecordCodec.readPositionLevel(positions.get(i), in));
        }
        ReferenceData referenceData = in.remaining() > 0 && in.bool() ? ReferenceDataCodec.read(in) : null;
        return new StateSnapshot(lastSeq, orders, aliases, positions, marks, executions, venueStates, books, fills,
                alerts, stuck, details, referenceData);
    }

    public static void write(WireOut out, ExecutionSnapshot s) {
        out.i32(s.tradingStates().size());
        for (Map.Entry<TradingScope, TradingState> e : s.tradingStates().entrySet()) {
            EventCodec.writeScope(out, e.getKey());
            out.enumValue(e.getValue());
        }
        out.bool(s.killSwitchEngaged());
        out.string(s.killReason());
        out.i32(s.synthesizedOutstanding().size());
        for (Map.Entry<ClientOrderId, Long> e : s.synthesizedOutstanding().entrySet()) {
            out.id(e.getKey());
            out.i64(e.getValue());
        }
        out.i32(s.bookedFills().size()); // last: a section written before fills were kept ends before it
        for (Map.Entry<String, ExecutionSnapshot.BookedFill> e : s.bookedFills().entrySet()) {
            out.string(e.getKey());
            out.id(e.getValue().order());
            out.i64(e.getValue().quantity());
            out.i64(e.getValue().price());
        }
        ExecutionSnapshot.StuckChecks stuck = s.stuckChecks(); // after the fills: a section written before ends there
        out.i64(stuck.armedAtNanos());
        out.i64(stuck.lastToken());
        out.i32(stuck.asked().size());
        for (ClientOrderId id : stuck.asked()) {
            out.id(id);
        }
    }

    public static ExecutionSnapshot readExecution(WireIn in) {
        int n = EventCodec.count(in, 6);
        Map<TradingScope, TradingState> states = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            states.put(EventCodec.readScope(in), in.enumValue(EventCodec.TRADING_STATES));
        }
        boolean kill = in.bool();
        String reason = in.string();
        n = EventCodec.count(in, 12);
        Map<ClientOrderId, Long> outstanding = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            outstanding.put(in.id(ClientOrderId::new), in.i64());
        }
        n = in.remaining() == 0 ? 0 : EventCodec.count(in, 24);
        Map<String, ExecutionSnapshot.BookedFill> fills = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            fills.put(in.requiredString("booked fill key"), new ExecutionSnapshot.BookedFill(
                    in.id(ClientOrderId::new), in.i64(), in.i64()));
        }
        ExecutionSnapshot.StuckChecks stuck = ExecutionSnapshot.StuckChecks.NONE;
        if (in.remaining() > 0) {
            long armedAt = in.i64();
            long lastToken = in.i64();
            n = EventCodec.count(in, 4);
            List<ClientOrderId> asked = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                asked.add(in.id(ClientOrderId::new));
            }
            stuck = new ExecutionSnapshot.StuckChecks(armedAt, lastToken, asked);
        }
        return new ExecutionSnapshot(states, kill, reason, outstanding, fills, stuck);
    }

    public static void write(WireOut out, RiskSnapshot s) {
        longs(out, s.orderTimes());
        longs(out, s.cancelTimes());
        // format 5 (snapshot version 4): the named windows and values
        out.i32(s.windows().size());
        for (Map.Entry<String, List<Long>> e : s.windows().entrySet()) {
            out.string(e.getKey());
            longs(out, e.getValue());
        }
        out.i32(s.values().size());
        for (Map.Entry<String, Long> e : s.values().entrySet()) {
            out.string(e.getKey());
            out.i64(e.getValue());
        }
    }

    public static RiskSnapshot readRisk(WireIn in) {
        List<Long> orders = longs(in);
        List<Long> cancels = longs(in);
        Map<String, List<Long>> windows = new LinkedHashMap<>();
        int n = in.remaining() == 0 ? 0 : EventCodec.count(in, 8);
        for (int i = 0; i < n; i++) {
            windows.put(in.requiredString("risk window"), longs(in));
        }
        Map<String, Long> values = new LinkedHashMap<>();
        n = in.remaining() == 0 ? 0 : EventCodec.count(in, 12);
        for (int i = 0; i < n; i++) {
            values.put(in.requiredString("risk value"), in.i64());
        }
        return new RiskSnapshot(orders, cancels, windows, values);
    }

    public static void write(WireOut out, HostSnapshot s) {
        out.bool(s.sessionRunning());
        out.i32(s.strategies().size());
        for (HostSnapshot.Hosted h : s.strategies()) {
            out.id(h.id());
            out.bool(h.attached());
            out.bool(h.running());
            out.i64(h.events());
            out.i64(h.intents());
            out.i64(h.faults());
            out.i32(h.consecutiveFaults());
            out.string(h.lastFault());
        }
    }

    public static HostSnapshot readHost(WireIn in) {
        boolean running = in.bool();
        int n = EventCodec.count(in, 35);
        List<HostSnapshot.Hosted> strategies = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            strategies.add(new HostSnapshot.Hosted(in.id(StrategyId::new), in.bool(), in.bool(), in.i64(), in.i64(),
                    in.i64(), in.i32(), in.string()));
        }
        return new HostSnapshot(running, strategies);
    }

    private static void levels(WireOut out, List<BookLevel> levels) {
        out.i32(levels.size());
        for (BookLevel l : levels) {
            out.i64(l.price());
            out.i64(l.quantity());
        }
    }

    private static List<BookLevel> levels(WireIn in) {
        int n = EventCodec.count(in, 16);
        List<BookLevel> levels = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            levels.add(new BookLevel(in.i64(), in.i64()));
        }
        return levels;
    }

    static void longs(WireOut out, List<Long> values) {
        out.i32(values.size());
        for (long v : values) {
            out.i64(v);
        }
    }

    static List<Long> longs(WireIn in) {
        int n = EventCodec.count(in, 8);
        List<Long> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(in.i64());
        }
        return values;
    }
}
