package io.livestack.journal;

import static io.livestack.journal.EventCodec.LIQUIDITY;
import static io.livestack.journal.EventCodec.ORDER_STATUSES;
import static io.livestack.journal.EventCodec.ORDER_TYPES;
import static io.livestack.journal.EventCodec.SIDES;
import static io.livestack.journal.EventCodec.TIFS;

import io.livestack.api.model.AccountId;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecId;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.LiquidityFlag;
import io.livestack.api.model.Side;
import io.livestack.api.model.StrategyId;
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

/**
 * The binary form of every {@link ExecutionRecord} (and of the {@link OrderView} and {@link PositionView} they carry):
 * a type byte, then the fields in declaration order. Exact: decoding gives a value equal to the one encoded. A value
 * that the older types can say (an order or a fill of the DEFAULT account, a desk position without fees) is written
 * with them, so that its bytes are what older builds wrote; the others use the types journal format 5 added.
 */
public final class RecordCodec {

    private static final int ORDER = 1;
    private static final int FILL = 2;
    private static final int POSITION = 3;
    private static final int RISK_REJECTION = 4;
    private static final int OPERATOR_ACTION = 5;
    private static final int METADATA = 6;
    /** A fill record of kind BUST or CORRECTION: the FILL fields, then the kind and the exec id it refers to. */
    private static final int FILL_ADJUSTMENT = 7;
    /** An order record of an account other than DEFAULT: the ORDER fields, then the account (format 5). */
    private static final int ORDER_ACCOUNT = 8;
    /**
     * A fill record of an account other than DEFAULT: the FILL fields, the kind, the exec id it refers to (or none),
     * then the account (format 5).
     */
    private static final int FILL_ACCOUNT = 9;
    /**
     * A position record of a level finer than the desk or with fees: the POSITION fields, then account, strategy and
     * venue (each or none) and the fees (format 5).
     */
    private static final int POSITION_LEVEL = 10;
    private static final FillRecord.Kind[] FILL_KINDS = FillRecord.Kind.values();

    static final OrderEvent[] ORDER_EVENTS = OrderEvent.values();
    static final RejectReason[] REJECT_REASONS = RejectReason.values();
    static final MetadataRecord.Kind[] METADATA_KINDS = MetadataRecord.Kind.values();

    private RecordCodec() {
    }

    public static void write(WireOut out, ExecutionRecord record) {
        if (record instanceof OrderRecord r) {
            boolean account = !AccountId.DEFAULT.equals(r.order().account());
            out.u8(account ? ORDER_ACCOUNT : ORDER);
            out.i64(r.seq());
            out.i64(r.timeNanos());
            out.enumValue(r.event());
            writeOrder(out, r.order());
            if (account) {
                out.id(r.order().account());
            }
        } else if (record instanceof FillRecord r) {
            boolean account = !AccountId.DEFAULT.equals(r.account());
            out.u8(account ? FILL_ACCOUNT : r.kind() == FillRecord.Kind.TRADE ? FILL : FILL_ADJUSTMENT);
            out.i64(r.seq());
            out.i64(r.timeNanos());
            out.id(r.venue());
            out.id(r.execId());
            out.id(r.clientOrderId());
            out.id(r.venueOrderId());
            out.id(r.strategy());
            out.id(r.instrument());
            out.enumValue(r.side());
            out.i64(r.price());
            out.i64(r.quantity());
            out.enumValue(r.liquidity());
            out.i64(r.fee());
            out.string(r.feeCurrency());
            out.i64(r.venueTimeNanos());
            if (account) {
                out.enumValue(r.kind());
                out.id(r.refExecId());
                out.id(r.account());
            } else if (r.kind() != FillRecord.Kind.TRADE) {
                out.enumValue(r.kind());
                out.id(r.refExecId());
            }
        } else if (record instanceof PositionRecord r) {
            boolean level = hasLevel(r.position());
            out.u8(level ? POSITION_LEVEL : POSITION);
            out.i64(r.seq());
            out.i64(r.timeNanos());
            writePosition(out, r.position());
            if (level) {
                writePositionLevel(out, r.position());
            }
        } else if (record instanceof RiskRejectionRecord r) {
            out.u8(RISK_REJECTION);
            out.i64(r.seq());
            out.i64(r.timeNanos());
            EventCodec.writeIntent(out, r.intent());
            out.enumValue(r.reason());
            out.string(r.detail());
            out.string(r.customCheck());
        } else if (record instanceof OperatorActionRecord r) {
            out.u8(OPERATOR_ACTION);
            out.i64(r.seq());
            out.i64(r.timeNanos());
            out.string(r.user());
            out.string(r.action());
            out.string(r.target());
            out.string(r.outcome());
        } else if (record instanceof MetadataRecord r) {
            out.u8(METADATA);
            out.i64(r.seq());
            out.i64(r.timeNanos());
            out.enumValue(r.kind());
            out.string(r.subject());
            out.string(r.detail());
        } else {
            throw new IllegalArgumentException("no binary form for record " + record.getClass().getName());
        }
    }

    public static ExecutionRecord read(WireIn in) {
        int type = in.u8();
        return switch (type) {
            case ORDER -> new OrderRecord(in.i64(), in.i64(), in.enumValue(ORDER_EVENTS), readOrder(in));
            case ORDER_ACCOUNT -> new OrderRecord(in.i64(), in.i64(), in.enumValue(ORDER_EVENTS),
                    withAccount(readOrder(in), in.id(AccountId::new)));
            case FILL, FILL_ADJUSTMENT, FILL_ACCOUNT -> readFill(in, type);
            case POSITION -> new PositionRecord(in.i64(), in.i64(), readPosition(in));
            case POSITION_LEVEL -> new PositionRecord(in.i64(), in.i64(), readPositionLevel(readPosition(in), in));
            case RISK_REJECTION -> new RiskRejectionRecord(in.i64(), in.i64(), EventCodec.readIntent(in),
                    in.enumValue(REJECT_REASONS), in.string(), in.string());
            case OPERATOR_ACTION -> new OperatorActionRecord(in.i64(), in.i64(), in.requiredString("user"),
                    in.requiredString("action"), in.string(), in.string());
            case METADATA -> new MetadataRecord(in.i64(), in.i64(), in.enumValue(METADATA_KINDS), in.string(),
                    in.string());
            default -> throw new JournalFormatException("unknown record type " + type + " at offset "
                    + (in.position() - 1));
        };
    }

    public static void writeOrder(WireOut out, OrderView o) {
        out.id(o.clientOrderId());
        out.id(o.currentClientOrderId());
        out.id(o.pendingClientOrderId());
        out.id(o.venueOrderId());
        out.id(o.strategy());
        out.id(o.venue());
        out.id(o.instrument());
        out.enumValue(o.side());
        out.enumValue(o.type());
        out.enumValue(o.timeInForce());
        out.i64(o.price());
        out.i64(o.quantity());
        out.i64(o.filledQuantity());
        out.i64(o.averageFillPrice());
        out.enumValue(o.status());
        out.i64(o.pendingPrice());
        out.i64(o.pendingQuantity());
        out.bool(o.overfilled());
        out.bool(o.venueAvailable());
        out.string(o.lastText());
        out.i64(o.createdSeq());
        out.i64(o.updatedSeq());
        out.i64(o.createdTimeNanos());
        out.i64(o.updatedTimeNanos());
    }

    public static OrderView readOrder(WireIn in) {
        return new OrderView(in.id(ClientOrderId::new), in.id(ClientOrderId::new), in.id(ClientOrderId::new),
                in.id(VenueOrderId::new), in.id(StrategyId::new), in.id(VenueId::new), in.id(InstrumentId::new),
                in.enumValue(SIDES), in.enumValue(ORDER_TYPES), in.enumValue(TIFS), in.i64(), in.i64(), in.i64(),
                in.i64(), in.enumValue(ORDER_STATUSES), in.i64(), in.i64(), in.bool(), in.bool(), in.string(),
                in.i64(), in.i64(), in.i64(), in.i64());
    }

    public static void writePosition(WireOut out, PositionView p) {
        out.id(p.instrument());
        out.i64(p.netQuantity());
        out.i64(p.averagePrice());
        out.i64(p.realizedPnl());
        out.i64(p.unrealizedPnl());
        out.i64(p.markPrice());
        out.i64(p.boughtQuantity());
        out.i64(p.soldQuantity());
        out.i64(p.updatedSeq());
    }

    /** Whether a position needs {@link #writePositionLevel}: a level finer than the desk, or fees. */
    static boolean hasLevel(PositionView p) {
        return p.level() != PositionView.Level.DESK || p.fees() != 0;
    }

    /** What a position has beyond {@link #writePosition}: account, strategy, venue (each or none), fees. */
    public static void writePositionLevel(WireOut out, PositionView p) {
        out.id(p.account());
        out.id(p.strategy());
        out.id(p.venue());
        out.i64(p.fees());
    }

    /** {@code p} with what {@link #writePositionLevel} wrote. */
    public static PositionView readPositionLevel(PositionView p, WireIn in) {
        return new PositionView(p.instrument(), p.netQuantity(), p.averagePrice(), p.realizedPnl(),
                p.unrealizedPnl(), p.markPrice(), p.boughtQuantity(), p.soldQuantity(), p.updatedSeq(),
                in.id(AccountId::new), in.id(StrategyId::new), in.id(VenueId::new), in.i64());
    }

    /** {@code o} trading for {@code account}. */
    public static OrderView withAccount(OrderView o, AccountId account) {
        return new OrderView(o.clientOrderId(), o.currentClientOrderId(), o.pendingClientOrderId(),
                o.venueOrderId(), o.strategy(), o.venue(), o.instrument(), o.side(), o.type(), o.timeInForce(),
                o.price(), o.quantity(), o.filledQuantity(), o.averageFillPrice(), o.status(), o.pendingPrice(),
                o.pendingQuantity(), o.overfilled(), o.venueAvailable(), o.lastText(), o.createdSeq(),
                o.updatedSeq(), o.createdTimeNanos(), o.updatedTimeNanos(), account);
    }

    public static PositionView readPosition(WireIn in) {
        return new PositionView(in.id(InstrumentId::new), in.i64(), in.i64(), in.i64(), in.i64(), in.i64(),
                in.i64(), in.i64(), in.i64());
    }

    private static FillRecord readFill(WireIn in, int type) {
        boolean adjustment = type != FILL;
        long seq = in.i64();
        long time = in.i64();
        VenueId venue = in.id(VenueId::new);
        ExecId execId = in.id(ExecId::new);
        ClientOrderId clientOrderId = in.id(ClientOrderId::new);
        VenueOrderId venueOrderId = in.id(VenueOrderId::new);
        StrategyId strategy = in.id(StrategyId::new);
        InstrumentId instrument = in.id(InstrumentId::new);
        Side side = in.enumValue(SIDES);
        long price = in.i64();
        long quantity = in.i64();
        LiquidityFlag liquidity = in.enumValue(LIQUIDITY);
        long fee = in.i64();
        String feeCurrency = in.string();
        long venueTime = in.i64();
        FillRecord.Kind kind = adjustment ? in.enumValue(FILL_KINDS) : FillRecord.Kind.TRADE;
        ExecId ref = adjustment ? in.id(ExecId::new) : null;
        AccountId account = type == FILL_ACCOUNT ? in.id(AccountId::new) : AccountId.DEFAULT;
        return new FillRecord(seq, time, venue, execId, clientOrderId, venueOrderId, strategy, instrument, side, price,
                quantity, liquidity, fee, feeCurrency, venueTime, kind, ref, account);
    }
}
