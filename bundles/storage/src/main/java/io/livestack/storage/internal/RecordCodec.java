package io.livestack.storage.internal;

import io.livestack.api.intent.CancelOrder;
import io.livestack.api.intent.Intent;
import io.livestack.api.intent.ReplaceOrder;
import io.livestack.api.intent.SubmitOrder;
import io.livestack.api.model.AccountId;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecId;
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
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * The exact binary form of an {@link Envelope}, base64 in the dead-letter table's {@code payload}: every field, enums
 * by name. Layout (format 2): format version (1 byte), seq, ord (longs), record type (1 byte), the record's fields in
 * declaration order. Strings: length (int, -1 for null) + UTF-8 bytes. Format 3 added an order's, a fill's and a new
 * order intent's account (after their other fields) and a position's account, strategy, venue and fees; format 2 (and
 * 1, written by versions with a spool, which had the record's accept time, a long, after ord) is still read: its
 * orders and fills are of the DEFAULT account, its positions the desk's without fees.
 */
final class RecordCodec {

    static final int FORMAT_VERSION = 3;
    private static final int FORMAT_WITHOUT_ACCOUNTS = 2;
    private static final int FORMAT_WITH_ACCEPT_TIME = 1;

    private static final int ORDER = 1;
    private static final int FILL = 2;
    /** A fill record of kind BUST or CORRECTION: FILL's fields, then the kind and the exec id it refers to. */
    private static final int FILL_ADJUSTMENT = 7;
    private static final int POSITION = 3;
    private static final int RISK_REJECTION = 4;
    private static final int OPERATOR_ACTION = 5;
    private static final int METADATA = 6;

    private static final int SUBMIT = 1;
    private static final int CANCEL = 2;
    private static final int REPLACE = 3;

    private RecordCodec() {
    }

    static byte[] encode(Envelope envelope) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try {
            encode(envelope, new DataOutputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    static Envelope decode(byte[] bytes) throws IOException {
        return decode(new DataInputStream(new ByteArrayInputStream(bytes)));
    }

    static void encode(Envelope envelope, DataOutput out) throws IOException {
        out.writeByte(FORMAT_VERSION);
        out.writeLong(envelope.seq());
        out.writeLong(envelope.ord());
        ExecutionRecord record = envelope.record();
        if (record instanceof OrderRecord r) {
            out.writeByte(ORDER);
            out.writeLong(r.seq());
            out.writeLong(r.timeNanos());
            writeEnum(out, r.event());
            writeOrder(out, r.order());
        } else if (record instanceof FillRecord r) {
            out.writeByte(r.kind() == FillRecord.Kind.TRADE ? FILL : FILL_ADJUSTMENT);
            out.writeLong(r.seq());
            out.writeLong(r.timeNanos());
            writeId(out, r.venue());
            writeId(out, r.execId());
            writeId(out, r.clientOrderId());
            writeId(out, r.venueOrderId());
            writeId(out, r.strategy());
            writeId(out, r.instrument());
            writeEnum(out, r.side());
            out.writeLong(r.price());
            out.writeLong(r.quantity());
            writeEnum(out, r.liquidity());
            out.writeLong(r.fee());
            writeString(out, r.feeCurrency());
            out.writeLong(r.venueTimeNanos());
            if (r.kind() != FillRecord.Kind.TRADE) {
                writeEnum(out, r.kind());
                writeId(out, r.refExecId());
            }
            writeId(out, r.account());
        } else if (record instanceof PositionRecord r) {
            out.writeByte(POSITION);
            out.writeLong(r.seq());
            out.writeLong(r.timeNanos());
            PositionView p = r.position();
            writeId(out, p.instrument());
            out.writeLong(p.netQuantity());
            out.writeLong(p.averagePrice());
            out.writeLong(p.realizedPnl());
            out.writeLong(p.unrealizedPnl());
            out.writeLong(p.markPrice());
            out.writeLong(p.boughtQuantity());
            out.writeLong(p.soldQuantity());
            out.writeLong(p.updatedSeq());
            writeId(out, p.account());
            writeId(out, p.strategy());
            writeId(out, p.venue());
            out.writeLong(p.fees());
        } else if (record instanceof RiskRejectionRecord r) {
            out.writeByte(RISK_REJECTION);
            out.writeLong(r.seq());
            out.writeLong(r.timeNanos());
            writeIntent(out, r.intent());
            writeEnum(out, r.reason());
            writeString(out, r.check());
            writeString(out, r.detail());
        } else if (record instanceof OperatorActionRecord r) {
            out.writeByte(OPERATOR_ACTION);
            out.writeLong(r.seq());
            out.writeLong(r.timeNanos());
            writeString(out, r.user());
            writeString(out, r.action());
            writeString(out, r.target());
            writeString(out, r.outcome());
        } else if (record instanceof MetadataRecord r) {
            out.writeByte(METADATA);
            out.writeLong(r.seq());
            out.writeLong(r.timeNanos());
            writeEnum(out, r.kind());
            writeString(out, r.subject());
            writeString(out, r.detail());
        } else {
            throw new IllegalArgumentException("unknown record type " + record.getClass().getName());
        }
    }

    static Envelope decode(DataInput in) throws IOException {
        int version = in.readUnsignedByte();
        if (version < FORMAT_WITH_ACCEPT_TIME || version > FORMAT_VERSION) {
            throw new IOException("unknown record format " + version + " (this version reads "
                    + FORMAT_WITH_ACCEPT_TIME + " to " + FORMAT_VERSION + ")");
        }
        boolean accounts = version > FORMAT_WITHOUT_ACCOUNTS;
        long seq = in.readLong();
        long ord = in.readLong();
        if (version == FORMAT_WITH_ACCEPT_TIME) {
            in.readLong(); // the accept time of a spooled record: no longer kept
        }
        int type = in.readUnsignedByte();
        ExecutionRecord record;
        try {
            record = switch (type) {
                case ORDER -> new OrderRecord(in.readLong(), in.readLong(), readEnum(in, OrderEvent.class),
                        readOrder(in, accounts));
                case FILL, FILL_ADJUSTMENT -> readFill(in, type == FILL_ADJUSTMENT, accounts);
                case POSITION -> new PositionRecord(in.readLong(), in.readLong(), readPosition(in, accounts));
                case RISK_REJECTION -> riskRejection(in.readLong(), in.readLong(), readIntent(in, accounts),
                        readEnum(in, RejectReason.class), readString(in), readString(in));
                case OPERATOR_ACTION -> new OperatorActionRecord(in.readLong(), in.readLong(), readString(in),
                        readString(in), readString(in), readString(in));
                case METADATA -> new MetadataRecord(in.readLong(), in.readLong(),
                        readEnum(in, MetadataRecord.Kind.class), readString(in), readString(in));
                default -> throw new IOException("unknown record type " + type);
            };
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IOException("encoded record (" + seq + ", " + ord + ") no longer valid: " + e.getMessage(),
                    e);
        }
        return new Envelope(seq, ord, record);
    }

    private static void writeOrder(DataOutput out, OrderView o) throws IOException {
        writeId(out, o.clientOrderId());
        writeId(out, o.currentClientOrderId());
        writeId(out, o.pendingClientOrderId());
        writeId(out, o.venueOrderId());
        writeId(out, o.strategy());
        writeId(out, o.venue());
        writeId(out, o.instrument());
        writeEnum(out, o.side());
        writeEnum(out, o.type());
        writeEnum(out, o.timeInForce());
        out.writeLong(o.price());
        out.writeLong(o.quantity());
        out.writeLong(o.filledQuantity());
        out.writeLong(o.averageFillPrice());
        writeEnum(out, o.status());
        out.writeLong(o.pendingPrice());
        out.writeLong(o.pendingQuantity());
        out.writeBoolean(o.overfilled());
        out.writeBoolean(o.venueAvailable());
        writeString(out, o.lastText());
        out.writeLong(o.createdSeq());
        out.writeLong(o.updatedSeq());
        out.writeLong(o.createdTimeNanos());
        out.writeLong(o.updatedTimeNanos());
        writeId(out, o.account());
    }

    private static PositionView readPosition(DataInput in, boolean levels) throws IOException {
        InstrumentId instrument = readId(in, InstrumentId::new);
        long net = in.readLong();
        long average = in.readLong();
        long realized = in.readLong();
        long unrealized = in.readLong();
        long mark = in.readLong();
        long bought = in.readLong();
        long sold = in.readLong();
        long updatedSeq = in.readLong();
        if (!levels) {
            return new PositionView(instrument, net, average, realized, unrealized, mark, bought, sold, updatedSeq);
        }
        return new PositionView(instrument, net, average, realized, unrealized, mark, bought, sold, updatedSeq,
                readId(in, AccountId::new), readId(in, StrategyId::new), readId(in, VenueId::new), in.readLong());
    }

    private static OrderView readOrder(DataInput in, boolean account) throws IOException {
        return new OrderView(readId(in, ClientOrderId::new), readId(in, ClientOrderId::new),
                readId(in, ClientOrderId::new), readId(in, VenueOrderId::new), readId(in, StrategyId::new),
                readId(in, VenueId::new), readId(in, InstrumentId::new), readEnum(in, Side.class),
                readEnum(in, OrderType.class), readEnum(in, TimeInForce.class), in.readLong(), in.readLong(),
                in.readLong(), in.readLong(), readEnum(in, OrderStatus.class), in.readLong(), in.readLong(),
                in.readBoolean(), in.readBoolean(), readString(in), in.readLong(), in.readLong(), in.readLong(),
                in.readLong(), account ? readId(in, AccountId::new) : AccountId.DEFAULT);
    }

    private static void writeIntent(DataOutput out, Intent intent) throws IOException {
        if (intent instanceof SubmitOrder s) {
            out.writeByte(SUBMIT);
            writeId(out, s.strategy());
            writeId(out, s.clientOrderId());
            writeId(out, s.venue());
            writeId(out, s.instrument());
            writeEnum(out, s.side());
            writeEnum(out, s.type());
            writeEnum(out, s.timeInForce());
            out.writeLong(s.price());
            out.writeLong(s.quantity());
            writeId(out, s.account());
        } else if (intent instanceof CancelOrder c) {
            out.writeByte(CANCEL);
            writeId(out, c.strategy());
            writeId(out, c.clientOrderId());
        } else if (intent instanceof ReplaceOrder r) {
            out.writeByte(REPLACE);
            writeId(out, r.strategy());
            writeId(out, r.clientOrderId());
            out.writeLong(r.newPrice());
            out.writeLong(r.newQuantity());
        } else {
            throw new IllegalArgumentException("unknown intent type " + intent.getClass().getName());
        }
    }

    private static Intent readIntent(DataInput in, boolean account) throws IOException {
        int type = in.readUnsignedByte();
        return switch (type) {
            case SUBMIT -> new SubmitOrder(readId(in, StrategyId::new), readId(in, ClientOrderId::new),
                    readId(in, VenueId::new), readId(in, InstrumentId::new), readEnum(in, Side.class),
                    readEnum(in, OrderType.class), readEnum(in, TimeInForce.class), in.readLong(), in.readLong(),
                    account ? readId(in, AccountId::new) : null);
            case CANCEL -> new CancelOrder(readId(in, StrategyId::new), readId(in, ClientOrderId::new));
            case REPLACE -> new ReplaceOrder(readId(in, StrategyId::new), readId(in, ClientOrderId::new),
                    in.readLong(), in.readLong());
            default -> throw new IOException("unknown intent type " + type);
        };
    }

    private static void writeId(DataOutput out, Object id) throws IOException {
        writeString(out, id == null ? null : id.toString());
    }

    private static <T> T readId(DataInput in, Function<String, T> factory) throws IOException {
        String value = readString(in);
        return value == null ? null : factory.apply(value);
    }

    /** As stored: the reason, the check (the custom check's name, else the reason's), the detail. */
    static RiskRejectionRecord riskRejection(long seq, long timeNanos, io.livestack.api.intent.Intent intent,
            RejectReason reason, String check, String detail) {
        return new RiskRejectionRecord(seq, timeNanos, intent, reason, detail,
                reason == RejectReason.CUSTOM_CHECK ? check : null);
    }

    private static void writeEnum(DataOutput out, Enum<?> value) throws IOException {
        writeString(out, value == null ? null : value.name());
    }

    private static <E extends Enum<E>> E readEnum(DataInput in, Class<E> type) throws IOException {
        String name = readString(in);
        return name == null ? null : Enum.valueOf(type, name);
    }

    private static void writeString(DataOutput out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInput in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static FillRecord readFill(DataInput in, boolean adjustment, boolean account) throws IOException {
        long seq = in.readLong();
        long time = in.readLong();
        VenueId venue = readId(in, VenueId::new);
        ExecId execId = readId(in, ExecId::new);
        ClientOrderId clientOrderId = readId(in, ClientOrderId::new);
        VenueOrderId venueOrderId = readId(in, VenueOrderId::new);
        StrategyId strategy = readId(in, StrategyId::new);
        InstrumentId instrument = readId(in, InstrumentId::new);
        Side side = readEnum(in, Side.class);
        long price = in.readLong();
        long quantity = in.readLong();
        LiquidityFlag liquidity = readEnum(in, LiquidityFlag.class);
        long fee = in.readLong();
        String feeCurrency = readString(in);
        long venueTime = in.readLong();
        FillRecord.Kind kind = adjustment ? readEnum(in, FillRecord.Kind.class) : FillRecord.Kind.TRADE;
        ExecId ref = adjustment ? readId(in, ExecId::new) : null;
        return new FillRecord(seq, time, venue, execId, clientOrderId, venueOrderId, strategy, instrument, side, price,
                quantity, liquidity, fee, feeCurrency, venueTime, kind, ref,
                account ? readId(in, AccountId::new) : AccountId.DEFAULT);
    }
}
