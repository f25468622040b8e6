package io.livestack.storage.internal;

import io.livestack.api.intent.CancelOrder;
import io.livestack.api.intent.ReplaceOrder;
import io.livestack.api.intent.SubmitOrder;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecId;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.LiquidityFlag;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueOrderId;
import io.livestack.api.record.ExecutionRecord;
import io.livestack.api.record.FillRecord;
import io.livestack.api.record.MetadataRecord;
import io.livestack.api.record.OperatorActionRecord;
import io.livestack.api.record.OrderEvent;
import io.livestack.api.record.OrderRecord;
import io.livestack.api.record.PositionRecord;
import io.livestack.api.record.RiskRejectionRecord;
import io.livestack.api.risk.RejectReason;
import io.livestack.api.state.OrderView;
import io.livestack.api.state.PositionView;
import java.util.ArrayList;
import java.util.List;

/** Records with every field set (and the nullable ones null in a second variant). */
final class TestRecords {

    static final long T0 = 1_700_000_000_123_456_789L;
    static final VenueId VENUE = VenueId.of("SIM");
    static final InstrumentId BTC = InstrumentId.of("BTC-USD");
    static final InstrumentId ETH = InstrumentId.of("ETH-USD");
    static final StrategyId STRATEGY = StrategyId.of("mm1");

    static final io.livestack.api.model.AccountId ACCOUNT = io.livestack.api.model.AccountId.of("ACC1");

    private TestRecords() {
    }

    static OrderView withAccount(OrderView o) {
        return new OrderView(o.clientOrderId(), o.currentClientOrderId(), o.pendingClientOrderId(),
                o.venueOrderId(), o.strategy(), o.venue(), o.instrument(), o.side(), o.type(), o.timeInForce(),
                o.price(), o.quantity(), o.filledQuantity(), o.averageFillPrice(), o.status(), o.pendingPrice(),
                o.pendingQuantity(), o.overfilled(), o.venueAvailable(), o.lastText(), o.createdSeq(),
                o.updatedSeq(), o.createdTimeNanos(), o.updatedTimeNanos(), ACCOUNT);
    }

    static PositionView level(PositionView p, io.livestack.api.model.AccountId account, StrategyId strategy,
            VenueId venue) {
        return new PositionView(p.instrument(), p.netQuantity(), p.averagePrice(), p.realizedPnl(),
                p.unrealizedPnl(), p.markPrice(), p.boughtQuantity(), p.soldQuantity(), p.updatedSeq(), account,
                strategy, venue, Fixed.parse("0.25"));
    }

    static OrderView order(String id, OrderStatus status, long seq) {
        return new OrderView(ClientOrderId.of(id), ClientOrderId.of(id + "-r1"), ClientOrderId.of(id + "-c1"),
                VenueOrderId.of("V" + id), STRATEGY, VENUE, BTC, Side.BUY, OrderType.LIMIT, TimeInForce.GTC,
                Fixed.parse("101.25"), Fixed.of(3), Fixed.parse("1.5"), Fixed.parse("101.12345678"), status,
                Fixed.parse("101.5"), Fixed.of(4), false, true, "ok \u00e9\u20ac", 1, seq, T0, T0 + seq);
    }

    static OrderView minimalOrder(String id, OrderStatus status, long seq) {
        return new OrderView(ClientOrderId.of(id), ClientOrderId.of(id), null, null, STRATEGY, VENUE, ETH,
                Side.SELL, OrderType.MARKET, TimeInForce.IOC, 0, Fixed.of(1), 0, 0, status, 0, 0, true, false, null,
                seq, seq, T0, T0);
    }

    /** The record of an order reaching {@code status} (the order event of the same name, ACKNOWLEDGED for NEW). */
    static OrderRecord orderRecord(long seq, String id, OrderStatus status) {
        OrderEvent event = switch (status) {
            case PENDING_NEW -> OrderEvent.SUBMITTED;
            case NEW -> OrderEvent.ACKNOWLEDGED;
            case PENDING_CANCEL -> OrderEvent.CANCEL_REQUESTED;
            case PENDING_REPLACE -> OrderEvent.REPLACE_REQUESTED;
            default -> OrderEvent.valueOf(status.name());
        };
        return new OrderRecord(seq, T0 + seq, event, order(id, status, seq));
    }

    static FillRecord fill(long seq, String execId) {
        return new FillRecord(seq, T0 + seq, VENUE, ExecId.of(execId), ClientOrderId.of("C1"),
                VenueOrderId.of("VC1"), STRATEGY, BTC, Side.BUY, Fixed.parse("101.25"), Fixed.parse("0.5"),
                LiquidityFlag.MAKER, Fixed.parse("-0.01"), "USD", T0 - 1000);
    }

    static FillRecord minimalFill(long seq, String execId) {
        return new FillRecord(seq, T0 + seq, VENUE, ExecId.of(execId), ClientOrderId.of("C2"), null, null, ETH,
                Side.SELL, Fixed.of(2000), Fixed.of(1), null, 0, null, 0);
    }

    static PositionRecord position(long seq, InstrumentId instrument, long net) {
        return new PositionRecord(seq, T0 + seq, new PositionView(instrument, Fixed.of(net), Fixed.parse("101.2"),
                Fixed.parse("-3.5"), Fixed.parse("12.25"), Fixed.parse("102"), Fixed.of(10), Fixed.of(10 - net),
                seq));
    }

    static RiskRejectionRecord submitRejected(long seq) {
        return new RiskRejectionRecord(seq, T0 + seq, new SubmitOrder(STRATEGY, ClientOrderId.of("C9"), VENUE, BTC,
                Side.SELL, OrderType.LIMIT, TimeInForce.DAY, Fixed.parse("99.5"), Fixed.of(1000)),
                RejectReason.MAX_ORDER_QUANTITY, "quantity 1000 > max 100");
    }

    static RiskRejectionRecord cancelRejected(long seq) {
        return new RiskRejectionRecord(seq, T0 + seq, new CancelOrder(STRATEGY, ClientOrderId.of("C8")),
                RejectReason.UNKNOWN_ORDER, null);
    }

    static RiskRejectionRecord customCheckRejected(long seq) {
        return new RiskRejectionRecord(seq, T0 + seq, new CancelOrder(STRATEGY, ClientOrderId.of("C6")),
                RejectReason.CUSTOM_CHECK, "MAX_POSITION: 1 at night", "night-limit");
    }

    static RiskRejectionRecord replaceRejected(long seq) {
        return new RiskRejectionRecord(seq, T0 + seq, new ReplaceOrder(StrategyId.of("manual"),
                ClientOrderId.of("C7"), Fixed.parse("100.01"), -Fixed.of(1)), RejectReason.INVALID_QUANTITY, "");
    }

    static OperatorActionRecord operatorAction(long seq) {
        return new OperatorActionRecord(seq, T0 + seq, "alice", "kill", "global", "ok");
    }

    static MetadataRecord metadata(long seq, MetadataRecord.Kind kind) {
        return new MetadataRecord(seq, T0 + seq, kind, "session", "started with config x=1");
    }

    /** One of each type and variant, seq 1.. in order. */
    static List<ExecutionRecord> everyType() {
        List<ExecutionRecord> all = new ArrayList<>();
        all.add(orderRecord(1, "C1", OrderStatus.NEW));
        all.add(new OrderRecord(2, T0 + 2, OrderEvent.SUBMITTED, minimalOrder("C2", OrderStatus.PENDING_NEW, 2)));
        all.add(fill(3, "E1"));
        all.add(minimalFill(3, "E2"));
        all.add(position(3, BTC, 5));
        all.add(submitRejected(4));
        all.add(cancelRejected(5));
        all.add(replaceRejected(6));
        all.add(operatorAction(7));
        for (MetadataRecord.Kind kind : MetadataRecord.Kind.values()) {
            all.add(metadata(8, kind));
        }
        all.add(new MetadataRecord(0, T0, MetadataRecord.Kind.RUNTIME, "", ""));
        // accounts and position levels (schema 4)
        all.add(new OrderRecord(9, T0 + 9, OrderEvent.FILLED, withAccount(order("C9", OrderStatus.FILLED, 9))));
        all.add(new FillRecord(9, T0 + 9, VENUE, ExecId.of("E9"), ClientOrderId.of("C9"), null, STRATEGY, BTC,
                Side.BUY, Fixed.of(100), Fixed.of(1), LiquidityFlag.TAKER, Fixed.parse("0.1"), "EUR", 0,
                FillRecord.Kind.TRADE, null, ACCOUNT));
        PositionView p = position(9, BTC, 1).position();
        all.add(new PositionRecord(9, T0 + 9, level(p, ACCOUNT, null, null)));
        all.add(new PositionRecord(9, T0 + 9, level(p, null, STRATEGY, null)));
        all.add(new PositionRecord(9, T0 + 9, level(p, ACCOUNT, STRATEGY, null)));
        all.add(new PositionRecord(9, T0 + 9, level(p, ACCOUNT, null, VENUE)));
        all.add(new RiskRejectionRecord(10, T0 + 10, new SubmitOrder(STRATEGY, ClientOrderId.of("C10"), VENUE, BTC,
                Side.SELL, OrderType.LIMIT, TimeInForce.DAY, Fixed.parse("99.5"), Fixed.of(1), ACCOUNT),
                RejectReason.OFF_TICK, "99.5 is off tick"));
        return all;
    }

    /** The records a fill produces, as intake hands them over: the order, the fill, the position (same seq). */
    static List<ExecutionRecord> fillEvent(long seq) {
        return List.of(orderRecord(seq, "C" + seq, OrderStatus.PARTIALLY_FILLED), fill(seq, "E" + seq),
                position(seq, BTC, seq));
    }

    /** {@link #fillEvent} for seq from..to-1, one list per event. */
    static List<List<ExecutionRecord>> fillEvents(long from, long to) {
        List<List<ExecutionRecord>> all = new ArrayList<>();
        for (long seq = from; seq < to; seq++) {
            all.add(fillEvent(seq));
        }
        return all;
    }

    /** Simple distinct records for volume tests: operator actions with seq from..to-1. */
    static List<ExecutionRecord> many(long from, long to) {
        List<ExecutionRecord> all = new ArrayList<>();
        for (long seq = from; seq < to; seq++) {
            all.add(seq % 3 == 0 ? fill(seq, "E" + seq) : seq % 3 == 1 ? orderRecord(seq, "C" + seq,
                    OrderStatus.NEW) : operatorAction(seq));
        }
        return all;
    }
}
