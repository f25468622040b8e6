package io.livestack.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livestack.api.event.BindingEvent;
import io.livestack.api.event.BookLevel;
import io.livestack.api.event.Command;
import io.livestack.api.event.ConfigurationEvent;
import io.livestack.api.event.Event;
import io.livestack.api.event.ExecutionReport;
import io.livestack.api.event.OperatorCommand;
import io.livestack.api.event.OrderCancelRejected;
import io.livestack.api.event.RuntimeEvent;
import io.livestack.api.event.TimerEvent;
import io.livestack.api.event.TimerOwner;
import io.livestack.api.intent.CancelOrder;
import io.livestack.api.intent.Intent;
import io.livestack.api.intent.ReplaceOrder;
import io.livestack.api.model.AccountId;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecId;
import io.livestack.api.model.ExecType;
import io.livestack.api.model.LiquidityFlag;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.Side;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.model.TradingScope;
import io.livestack.api.model.TradingState;
import io.livestack.api.model.VenueOrderId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.record.ExecutionRecord;
import io.livestack.api.record.FillRecord;
import io.livestack.api.record.MetadataRecord;
import io.livestack.api.record.OperatorActionRecord;
import io.livestack.api.record.OrderEvent;
import io.livestack.api.record.OrderRecord;
import io.livestack.api.record.PositionRecord;
import io.livestack.api.record.RiskRejectionRecord;
import io.livestack.api.risk.RejectReason;
import io.livestack.api.state.PositionView;
import io.livestack.testkit.TestEvents;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every event, command, intent and record reads back equal to what was written. */
class CodecTest {

    static final AccountId ACCOUNT = AccountId.of("ACC-7");

    static final List<Event> EVENTS = List.of(
            TestEvents.snapshot(TestEvents.SIM, TestEvents.BTC, 11, List.of(new BookLevel(100, 2)),
                    List.of(new BookLevel(101, 3), new BookLevel(102, 1))),
            TestEvents.delta(TestEvents.SIM, TestEvents.ETH, 12, TestEvents.bid(99, 0), TestEvents.ask(103, 7)),
            TestEvents.trade(TestEvents.ALT, TestEvents.BTC, 13, 100, 5, Side.SELL),
            new ExecutionReport(TestEvents.SIM, 14, ClientOrderId.of("A1"), ClientOrderId.of("A0"),
                    new VenueOrderId("V9"), new ExecId("E1"), ExecType.TRADE, OrderStatus.PARTIALLY_FILLED,
                    TestEvents.BTC, Side.BUY, 10, 100, 4, 100, 4, 6, 100, LiquidityFlag.MAKER, 3, "USD",
                    "fill ü", true, 4711),
            TestEvents.report(TestEvents.SIM, "B1", "E2", ExecType.NEW, OrderStatus.NEW),
            new OrderCancelRejected(TestEvents.SIM, 15, ClientOrderId.of("C2"), ClientOrderId.of("C1"), null, true,
                    "too late", 4712),
            TestEvents.session(TestEvents.SIM, VenueSessionState.LOGGED_ON),
            new TimerEvent(16, TimerOwner.strategy(StrategyId.of("mm")), 42),
            new TimerEvent(17, TimerOwner.SESSION, -1),
            new OperatorCommand(18, "alice", new Command.Kill("runaway")),
            new OperatorCommand(19, "bob", new Command.Resume()),
            new OperatorCommand(20, "bob", new Command.SetTradingState(TradingScope.instrument(TestEvents.BTC),
                    TradingState.REDUCING)),
            new OperatorCommand(21, "bob", new Command.ManualIntent(TestEvents.submit(Intent.MANUAL, TestEvents.SIM,
                    TestEvents.BTC, 100, 1))),
            new OperatorCommand(22, "bob", new Command.StartStrategy(StrategyId.of("mm"))),
            new OperatorCommand(23, "bob", new Command.StopStrategy(StrategyId.of("mm"))),
            new OperatorCommand(24, "bob", new Command.ConnectVenue(TestEvents.SIM)),
            new OperatorCommand(25, "bob", new Command.DisconnectVenue(TestEvents.SIM)),
            new OperatorCommand(26, "system", new Command.StartSession()),
            new OperatorCommand(27, "bob", new Command.StopSession(true)),
            new BindingEvent(28, BindingEvent.Kind.VENUE, "SIM", true, 3, "io.livestack.venue.sim", "0.1.0",
                    Map.of(BindingEvent.INSTRUMENTS, "BTC-USD,ETH-USD")),
            new ConfigurationEvent(29, "livestack.risk", Map.of("maxOrderQuantity", "5")),
            new RuntimeEvent(30, RuntimeEvent.Kind.MANIFEST, Map.of("bundle:io.livestack.risk", "0.1.0")),
            new io.livestack.api.event.SentOrderRecovered(31, TestEvents.SIM,
                    io.livestack.api.model.ClientOrderId.of("LS0ABCDEFG7"), TestEvents.STRAT, TestEvents.BTC,
                    Side.SELL, OrderType.LIMIT, TimeInForce.GTC, 30_000, 5, 412),
            new ExecutionReport(TestEvents.SIM, 32, ClientOrderId.of("A1"), null, new VenueOrderId("V9"),
                    new ExecId("C7"), ExecType.TRADE_CORRECT, OrderStatus.PARTIALLY_FILLED, TestEvents.BTC, Side.BUY,
                    10, 100, 3, 99, 3, 7, 99, LiquidityFlag.UNKNOWN, 0, null, "trade corrected", false, 4713,
                    new ExecId("E1")),
            new RuntimeEvent(33, RuntimeEvent.Kind.DURABILITY,
                    Map.of(RuntimeEvent.JOURNAL_DURABLE, "41", RuntimeEvent.DATABASE_WRITTEN, "40")),
            // format 5
            new OperatorCommand(34, "alice", new Command.Kill("venue down", TradingScope.venue(TestEvents.SIM))),
            new OperatorCommand(35, "alice", new Command.Kill("account", TradingScope.account(ACCOUNT))),
            new OperatorCommand(36, "bob", new Command.CancelAll(TradingScope.strategy(TestEvents.STRAT))),
            new OperatorCommand(37, "bob", new Command.CancelAll(TradingScope.GLOBAL)),
            new OperatorCommand(38, "bob", new Command.ManualIntent(TestEvents.submit(Intent.MANUAL, TestEvents.SIM,
                    TestEvents.BTC, 100, 1).withAccount(ACCOUNT))));

    static final List<ExecutionRecord> RECORDS = List.of(
            new OrderRecord(1, 2, OrderEvent.SUBMITTED, TestEvents.order("O1", TestEvents.SIM, OrderStatus.NEW)),
            new FillRecord(3, 4, TestEvents.SIM, new ExecId("E"), ClientOrderId.of("O1"), new VenueOrderId("V"),
                    TestEvents.STRAT, TestEvents.BTC, Side.BUY, 100, 2, LiquidityFlag.TAKER, 1, null, 5),
            new FillRecord(3, 4, TestEvents.SIM, new ExecId("B"), ClientOrderId.of("O1"), null, TestEvents.STRAT,
                    TestEvents.BTC, Side.BUY, 100, 2, LiquidityFlag.UNKNOWN, 0, null, 5, FillRecord.Kind.BUST,
                    new ExecId("E")),
            new PositionRecord(6, 7, new PositionView(TestEvents.BTC, 2, 100, 3, 4, 101, 2, 0, 6)),
            new RiskRejectionRecord(8, 9, new CancelOrder(TestEvents.STRAT, ClientOrderId.of("O1")),
                    RejectReason.CUSTOM_CHECK, "no", "fat-finger"),
            new RiskRejectionRecord(8, 9, new ReplaceOrder(TestEvents.STRAT, ClientOrderId.of("O1"), 5, 6),
                    RejectReason.MAX_ORDER_QUANTITY, "too big"),
            new OperatorActionRecord(10, 11, "alice", "kill", "*", "ok"),
            new MetadataRecord(12, 13, MetadataRecord.Kind.STRATEGY, "mm", "started"),
            // format 5
            new OrderRecord(14, 15, OrderEvent.SUBMITTED, RecordCodec.withAccount(
                    TestEvents.order("O2", TestEvents.SIM, OrderStatus.NEW), ACCOUNT)),
            new FillRecord(16, 17, TestEvents.SIM, new ExecId("F"), ClientOrderId.of("O2"), new VenueOrderId("V"),
                    TestEvents.STRAT, TestEvents.BTC, Side.SELL, 100, 2, LiquidityFlag.MAKER, 1, "EUR", 5,
                    FillRecord.Kind.TRADE, null, ACCOUNT),
            new FillRecord(18, 19, TestEvents.SIM, new ExecId("G"), ClientOrderId.of("O2"), null, TestEvents.STRAT,
                    TestEvents.BTC, Side.SELL, 100, 2, LiquidityFlag.UNKNOWN, 0, null, 5, FillRecord.Kind.CORRECTION,
                    new ExecId("F"), ACCOUNT),
            new PositionRecord(20, 21, new PositionView(TestEvents.BTC, 2, 100, 3, 4, 101, 2, 0, 6, null, null, null,
                    9)),
            new PositionRecord(20, 21, new PositionView(TestEvents.BTC, 2, 100, 3, 4, 101, 2, 0, 6, ACCOUNT,
                    TestEvents.STRAT, null, 9)),
            new PositionRecord(20, 21, new PositionView(TestEvents.BTC, -2, 100, 3, 4, 101, 2, 0, 6, ACCOUNT, null,
                    TestEvents.SIM, 0)),
            new PositionRecord(20, 21, new PositionView(TestEvents.BTC, -2, 100, 3, 4, 101, 2, 0, 6, null,
                    TestEvents.STRAT, null, 0)),
            new RiskRejectionRecord(22, 23, TestEvents.submit(TestEvents.STRAT, TestEvents.SIM, TestEvents.BTC, 100, 1)
                    .withAccount(ACCOUNT), RejectReason.MAX_LOSS, "loss"));

    @Test
    void everyEventReadsBackEqual() {
        WireOut out = new WireOut(16);
        WireIn in = new WireIn();
        for (Event e : EVENTS) {
            EventCodec.write(out.reset(), e);
            assertThat(EventCodec.read(in.wrap(out.toByteArray()))).isEqualTo(e);
            assertThat(in.remaining()).isZero();
        }
    }

    @Test
    void everyRecordReadsBackEqual() {
        WireOut out = new WireOut(16);
        WireIn in = new WireIn();
        for (ExecutionRecord r : RECORDS) {
            RecordCodec.write(out.reset(), r);
            assertThat(RecordCodec.read(in.wrap(out.toByteArray()))).isEqualTo(r);
            assertThat(in.remaining()).isZero();
        }
    }

    @Test
    void executionControlsSnapshotReadsBackEqualWithItsStuckRequestCheck() {
        io.livestack.api.runtime.ExecutionSnapshot s = new io.livestack.api.runtime.ExecutionSnapshot(
                Map.of(TradingScope.GLOBAL, TradingState.ACTIVE), false, "",
                Map.of(ClientOrderId.of("A1"), 5L), Map.of("SIM|T1", new io.livestack.api.runtime.ExecutionSnapshot
                        .BookedFill(ClientOrderId.of("A1"), 2, 100)),
                new io.livestack.api.runtime.ExecutionSnapshot.StuckChecks(1_700_000_010_000_000_000L, 3,
                        List.of(ClientOrderId.of("C9"), ClientOrderId.of("C2"))));
        WireOut out = new WireOut(16);
        WireIn in = new WireIn();
        SnapshotCodec.write(out, s);
        assertThat(SnapshotCodec.readExecution(in.wrap(out.toByteArray()))).isEqualTo(s);
        assertThat(in.remaining()).isZero();

        // a section written before the check was kept ends after the booked fills: nothing armed, nothing asked
        SnapshotCodec.write(out.reset(), new io.livestack.api.runtime.ExecutionSnapshot(s.tradingStates(), false, "",
                s.synthesizedOutstanding(), s.bookedFills()));
        byte[] older = java.util.Arrays.copyOf(out.toByteArray(), out.length() - 20);
        assertThat(SnapshotCodec.readExecution(in.wrap(older)).stuckChecks())
                .isEqualTo(io.livestack.api.runtime.ExecutionSnapshot.StuckChecks.NONE);
    }

    @Test
    void valuesTheOlderTypesCanSayAreWrittenAsBefore() {
        WireOut out = new WireOut(16);
        EventCodec.writeCommand(out, new Command.Kill("runaway", TradingScope.GLOBAL));
        assertThat(out.toByteArray()[0]).as("KILL").isEqualTo((byte) 1);
        EventCodec.writeIntent(out.reset(), TestEvents.submit(TestEvents.STRAT, TestEvents.SIM, TestEvents.BTC, 1, 1));
        assertThat(out.toByteArray()[0]).as("SUBMIT").isEqualTo((byte) 1);
        RecordCodec.write(out.reset(), RECORDS.get(1));
        assertThat(out.toByteArray()[0]).as("FILL of the DEFAULT account").isEqualTo((byte) 2);
        RecordCodec.write(out.reset(), RECORDS.get(3));
        assertThat(out.toByteArray()[0]).as("desk POSITION without fees").isEqualTo((byte) 3);
    }

    @Test
    void aTruncatedValueIsAClearError() {
        WireOut out = new WireOut();
        EventCodec.write(out, EVENTS.get(3));
        byte[] cut = java.util.Arrays.copyOf(out.toByteArray(), out.length() - 3);
        assertThatThrownBy(() -> EventCodec.read(new WireIn().wrap(cut)))
                .isInstanceOf(JournalFormatException.class).hasMessageContaining("truncated");
    }

    @Test
    void anUnknownTypeIsAClearError() {
        assertThatThrownBy(() -> EventCodec.read(new WireIn().wrap(new byte[] {99})))
                .isInstanceOf(JournalFormatException.class).hasMessageContaining("unknown event type 99");
    }

    /**
     * Enums are written by ordinal: these are the constants of format version 5 (4 had the same less the reject
     * reasons from NO_REFERENCE_DATA on and the trading scope kinds VENUE and ACCOUNT; 3 also less TRADE_CANCEL,
     * TRADE_CORRECT, RECONCILE_FAILED, FILL_BUST, FILL_CORRECTED and STUCK; 2 and 1 also less
     * RECOVERED_FROM_VENUE_STORE), in order. A change to any of these
     * lists changes the format: bump {@link JournalFormat#VERSION} (and keep reading the old one) before changing
     * this test.
     */
    @Test
    void theEnumsOfThisFormatVersionAreUnchanged() {
        assertThat(JournalFormat.VERSION).isEqualTo(5);
        assertThat(names(Side.values())).containsExactly("BUY", "SELL");
        assertThat(names(ExecType.values())).containsExactly("PENDING_NEW", "NEW", "TRADE", "PENDING_CANCEL",
                "CANCELED", "PENDING_REPLACE", "REPLACED", "REJECTED", "EXPIRED", "RESTATED", "ORDER_STATUS",
                "TRADE_CANCEL", "TRADE_CORRECT");
        assertThat(names(OrderStatus.values())).containsExactly("PENDING_NEW", "NEW", "PARTIALLY_FILLED", "FILLED",
                "PENDING_CANCEL", "CANCELED", "PENDING_REPLACE", "REPLACED", "REJECTED", "EXPIRED");
        assertThat(names(RejectReason.values())).containsExactly("INVALID_QUANTITY", "INVALID_PRICE",
                "UNKNOWN_VENUE", "UNKNOWN_INSTRUMENT", "UNKNOWN_ORDER", "DUPLICATE_CLIENT_ORDER_ID", "ORDER_NOT_OPEN",
                "MAX_ORDER_QUANTITY", "MAX_ORDER_NOTIONAL", "MAX_POSITION", "PRICE_BAND", "NO_REFERENCE_PRICE",
                "MAX_OPEN_ORDERS", "ORDER_RATE", "CANCEL_RATE", "SELF_CROSS", "TRADING_HALTED", "TRADING_REDUCING",
                "VENUE_NOT_READY", "STRATEGY_NOT_RUNNING", "SESSION_NOT_RUNNING", "RISK_UNAVAILABLE",
                "EXECUTION_UNAVAILABLE", "CUSTOM_CHECK", "JOURNAL_UNAVAILABLE", "NO_REFERENCE_DATA", "OFF_TICK",
                "OFF_LOT", "QUANTITY_OUT_OF_RANGE", "MAX_GROSS_EXPOSURE", "MAX_NET_EXPOSURE", "PRICE_COLLAR",
                "MESSAGE_RATE", "DUPLICATE_ORDER", "MAX_LOSS");
        assertThat(names(LiquidityFlag.values())).containsExactly("MAKER", "TAKER", "UNKNOWN");
        assertThat(names(TimeInForce.values())).containsExactly("DAY", "IOC", "GTC");
        assertThat(names(OrderType.values())).containsExactly("LIMIT", "MARKET");
        assertThat(names(VenueSessionState.values())).containsExactly("DISCONNECTED", "CONNECTING", "RECONCILING",
                "LOGGED_ON", "LOGGED_OUT", "ERROR", "UNAVAILABLE", "RECONCILE_FAILED");
        assertThat(names(TradingState.values())).containsExactly("ACTIVE", "REDUCING", "HALTED");
        assertThat(names(MetadataRecord.Kind.values())).containsExactly("SESSION", "VENUE", "STRATEGY",
                "STRATEGY_FAULT", "CONFIG", "TRADING_STATE", "RUNTIME");
        assertThat(names(TradingScope.Kind.values())).containsExactly("GLOBAL", "STRATEGY", "INSTRUMENT", "VENUE",
                "ACCOUNT");
        assertThat(names(TimerOwner.Kind.values())).containsExactly("RUNTIME", "STRATEGY");
        assertThat(names(OrderEvent.values())).containsExactly("SUBMITTED", "ACKNOWLEDGED", "PARTIALLY_FILLED",
                "FILLED", "CANCEL_REQUESTED", "CANCELED", "REPLACE_REQUESTED", "REPLACED", "REJECTED", "EXPIRED",
                "CANCEL_REJECTED", "RESTATED", "OVERFILLED", "VENUE_UNAVAILABLE", "VENUE_AVAILABLE", "RECONCILED",
                "LATE_FILL", "RECOVERED_FROM_VENUE_STORE", "FILL_BUST", "FILL_CORRECTED", "STUCK");
        assertThat(names(BindingEvent.Kind.values())).containsExactly("STATE", "STRATEGY_HOST", "RISK", "EXECUTION",
                "VENUE", "STRATEGY", "RISK_CHECK");
        assertThat(names(RuntimeEvent.Kind.values())).containsExactly("SNAPSHOT", "RECOVERED", "MANIFEST",
                "DURABILITY");
    }

    private static List<String> names(Enum<?>[] values) {
        return java.util.Arrays.stream(values).map(Enum::name).toList();
    }
}
