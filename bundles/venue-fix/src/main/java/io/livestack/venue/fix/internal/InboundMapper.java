package io.livestack.venue.fix.internal;

import io.livestack.api.event.BookDelta;
import io.livestack.api.event.BookLevel;
import io.livestack.api.event.BookSnapshot;
import io.livestack.api.event.Event;
import io.livestack.api.event.ExecutionReport;
import io.livestack.api.event.LevelChange;
import io.livestack.api.event.MarketDataEvent;
import io.livestack.api.event.OrderCancelRejected;
import io.livestack.api.event.TradeTick;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecId;
import io.livestack.api.model.ExecType;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.LiquidityFlag;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.Side;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueOrderId;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import quickfix.FieldMap;
import quickfix.FieldNotFound;
import quickfix.Group;
import quickfix.IncorrectTagValue;
import quickfix.Message;
import quickfix.field.AvgPx;
import quickfix.field.ClOrdID;
import quickfix.field.CommCurrency;
import quickfix.field.CommType;
import quickfix.field.Commission;
import quickfix.field.CumQty;
import quickfix.field.CxlRejReason;
import quickfix.field.CxlRejResponseTo;
import quickfix.field.ExecID;
import quickfix.field.ExecTransType;
import quickfix.field.LastLiquidityInd;
import quickfix.field.LastPx;
import quickfix.field.LastQty;
import quickfix.field.LeavesQty;
import quickfix.field.MDEntryPx;
import quickfix.field.MDEntrySize;
import quickfix.field.MDEntryType;
import quickfix.field.MDReqID;
import quickfix.field.MDReqRejReason;
import quickfix.field.MDUpdateAction;
import quickfix.field.MsgSeqNum;
import quickfix.field.NoMDEntries;
import quickfix.field.OrdRejReason;
import quickfix.field.OrdStatus;
import quickfix.field.OrderID;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.PossDupFlag;
import quickfix.field.PossResend;
import quickfix.field.Price;
import quickfix.field.SendingTime;
import quickfix.field.Symbol;
import quickfix.field.Text;
import quickfix.field.TransactTime;

/**
 * Maps inbound FIX application messages of one venue to runtime events. Works on tag numbers (identical across
 * FIX 4.2, 4.4 and 5.0 SP2) and asks the {@link FixDialect} for the version rules.
 * <p>
 * A message we cannot process raises the QuickFIX/J exception that makes the session answer as FIX prescribes: a
 * missing field we need raises {@link FieldNotFound} (BusinessMessageReject, reason 5, or a session Reject), a value
 * we cannot use raises {@link IncorrectTagValue} (session Reject, reason 5). Prices and quantities must be exact with
 * at most {@value Fixed#DECIMALS} decimals; only AvgPx, a computed value, is rounded.
 */
final class InboundMapper {

    /** The longest Text (58) of the venue kept (it ends up in the order's last text, see {@link #text}). */
    static final int MAX_TEXT = 1000;

    private final VenueId venue;
    private final FixDialect dialect;

    InboundMapper(VenueId venue, FixDialect dialect) {
        this.venue = venue;
        this.dialect = dialect;
    }

    /** ExecutionReport (8) → {@link ExecutionReport}, for every ExecType. */
    ExecutionReport executionReport(Message m) throws FieldNotFound, IncorrectTagValue {
        ClientOrderId clOrdId = clientOrderId(m, ClOrdID.FIELD);
        ClientOrderId origClOrdId = m.isSetField(OrigClOrdID.FIELD) ? clientOrderId(m, OrigClOrdID.FIELD) : null;
        VenueOrderId orderId = m.isSetField(OrderID.FIELD) ? venueOrderId(m) : null;
        String venueExecId = m.getString(ExecID.FIELD);
        char fixExecType = m.getChar(quickfix.field.ExecType.FIELD);
        char fixOrdStatus = m.getChar(OrdStatus.FIELD);
        InstrumentId instrument = instrument(m);
        Side side = side(m);

        String text = text(m);
        ExecType execType;
        if (dialect.isFix42() && m.isSetField(ExecTransType.FIELD)) {
            char transType = m.getChar(ExecTransType.FIELD);
            switch (transType) {
                case ExecTransType.NEW -> execType = execType(fixExecType);
                case ExecTransType.STATUS -> execType = ExecType.ORDER_STATUS;
                case ExecTransType.CANCEL, ExecTransType.CORRECT -> {
                    execType = transType == ExecTransType.CANCEL ? ExecType.TRADE_CANCEL : ExecType.TRADE_CORRECT;
                    text = "trade " + (transType == ExecTransType.CANCEL ? "cancel" : "correction")
                            + " of execution " + refExecId(m) + " (ExecTransType=" + transType + ")"
                            + (text == null ? "" : ": " + text);
                }
                default -> throw new IncorrectTagValue(ExecTransType.FIELD, String.valueOf(transType));
            }
        } else {
            execType = execType(fixExecType);
            if (fixExecType == quickfix.field.ExecType.TRADE_CORRECT
                    || fixExecType == quickfix.field.ExecType.TRADE_CANCEL) {
                text = "trade " + (fixExecType == quickfix.field.ExecType.TRADE_CANCEL ? "cancel" : "correction")
                        + " of execution " + refExecId(m) + " (ExecType=" + fixExecType + ")"
                        + (text == null ? "" : ": " + text);
            }
        }

        long cumQty = nonNegative(m, CumQty.FIELD);
        long leavesQty = nonNegative(m, LeavesQty.FIELD);
        long orderQty = m.isSetField(OrderQty.FIELD) ? nonNegative(m, OrderQty.FIELD) : cumQty + leavesQty;
        long price = m.isSetField(Price.FIELD) ? nonNegative(m, Price.FIELD) : 0;
        long avgPx = m.isSetField(AvgPx.FIELD) ? rounded(m, AvgPx.FIELD) : 0;
        long lastQty = 0;
        long lastPx = 0;
        if (execType == ExecType.TRADE || execType == ExecType.TRADE_CORRECT) {
            lastQty = nonNegative(m, LastQty.FIELD);
            if (lastQty == 0) {
                throw new IncorrectTagValue(LastQty.FIELD, m.getString(LastQty.FIELD),
                        "a trade or trade correction execution report needs LastQty > 0");
            }
            lastPx = nonNegative(m, LastPx.FIELD);
        }
        ExecId execRefId = null;
        if (execType == ExecType.TRADE_CANCEL || execType == ExecType.TRADE_CORRECT) {
            execRefId = execId(m.getString(quickfix.field.ExecRefID.FIELD)); // required: FieldNotFound → reject
        }
        OrderStatus status = orderStatus(fixOrdStatus, cumQty, leavesQty, orderQty);
        if (execType == ExecType.REJECTED && text == null && m.isSetField(OrdRejReason.FIELD)) {
            text = "OrdRejReason=" + m.getString(OrdRejReason.FIELD);
        }

        LiquidityFlag liquidity = LiquidityFlag.UNKNOWN;
        if (m.isSetField(LastLiquidityInd.FIELD)) {
            int ind = m.getInt(LastLiquidityInd.FIELD);
            liquidity = ind == LastLiquidityInd.ADDED_LIQUIDITY ? LiquidityFlag.MAKER
                    : ind == LastLiquidityInd.REMOVED_LIQUIDITY ? LiquidityFlag.TAKER : LiquidityFlag.UNKNOWN;
        }
        long fee = 0;
        String feeCurrency = null;
        if (m.isSetField(Commission.FIELD)
                && (!m.isSetField(CommType.FIELD) || m.getChar(CommType.FIELD) == CommType.ABSOLUTE)) {
            fee = fixed(m, Commission.FIELD);
            feeCurrency = m.isSetField(CommCurrency.FIELD) ? m.getString(CommCurrency.FIELD) : null;
        }

        ExecId execId;
        if (execType == ExecType.ORDER_STATUS) {
            // Venues often answer every status request with the same ExecID (e.g. "0"): qualify it with the message's
            // sequence number, which stays the same when the venue resends the message.
            execId = execId(venueExecId + "@" + m.getHeader().getString(MsgSeqNum.FIELD));
        } else {
            execId = execId(venueExecId);
        }
        try {
            return new ExecutionReport(venue, sourceTime(m), clOrdId, origClOrdId, orderId, execId, execType, status,
                    instrument, side, orderQty, price, lastQty, lastPx, cumQty, leavesQty, avgPx, liquidity, fee,
                    feeCurrency, text, possibleDuplicate(m), venueSeq(m), execRefId);
        } catch (IllegalArgumentException e) {
            throw new IncorrectTagValue(ExecID.FIELD, venueExecId, e.getMessage());
        }
    }

    /** OrderCancelReject (9) → {@link OrderCancelRejected}. */
    OrderCancelRejected cancelReject(Message m) throws FieldNotFound, IncorrectTagValue {
        ClientOrderId clOrdId = clientOrderId(m, ClOrdID.FIELD);
        ClientOrderId origClOrdId = m.isSetField(OrigClOrdID.FIELD) ? clientOrderId(m, OrigClOrdID.FIELD) : null;
        VenueOrderId orderId = m.isSetField(OrderID.FIELD) ? venueOrderId(m) : null;
        char responseTo = m.getChar(CxlRejResponseTo.FIELD);
        if (responseTo != CxlRejResponseTo.ORDER_CANCEL_REQUEST
                && responseTo != CxlRejResponseTo.ORDER_CANCEL_REPLACE_REQUEST) {
            throw new IncorrectTagValue(CxlRejResponseTo.FIELD, String.valueOf(responseTo));
        }
        StringBuilder reason = new StringBuilder();
        if (m.isSetField(CxlRejReason.FIELD)) {
            reason.append("CxlRejReason=").append(m.getString(CxlRejReason.FIELD))
                    .append(" (").append(cxlRejReasonText(m.getInt(CxlRejReason.FIELD))).append(')');
        }
        if (m.isSetField(Text.FIELD)) {
            reason.append(reason.length() > 0 ? ": " : "").append(text(m));
        }
        return new OrderCancelRejected(venue, sourceTime(m), clOrdId, origClOrdId, orderId,
                responseTo == CxlRejResponseTo.ORDER_CANCEL_REPLACE_REQUEST, reason.toString(), venueSeq(m));
    }

    /**
     * The venue's Text (58), or null: free text for a person, cut to {@value #MAX_TEXT} characters (and saying how long
     * it was), because it becomes the order's last text, which every later record of the order carries and the
     * record store keeps in a bounded column: a venue's 64 KiB Text made every record of the order unwritable.
     */
    static String text(FieldMap m) throws FieldNotFound {
        if (!m.isSetField(Text.FIELD)) {
            return null;
        }
        String text = m.getString(Text.FIELD);
        return text.length() <= MAX_TEXT ? text
                : text.substring(0, MAX_TEXT) + "... (" + text.length() + " characters from the venue)";
    }

    /** The message's MsgSeqNum (0 when absent or not a number: the header was validated by QuickFIX/J). */
    static long venueSeq(Message m) {
        try {
            return m.getHeader().isSetField(MsgSeqNum.FIELD) ? Math.max(0, m.getHeader().getInt(MsgSeqNum.FIELD)) : 0;
        } catch (FieldNotFound | quickfix.FieldException e) {
            return 0;
        }
    }

    /** MarketDataSnapshotFullRefresh (W) → a {@link BookSnapshot}, then a {@link TradeTick} per trade entry. */
    List<MarketDataEvent> snapshot(Message m, Function<String, String> symbolOfRequest)
            throws FieldNotFound, IncorrectTagValue {
        String symbol = m.isSetField(Symbol.FIELD) ? m.getString(Symbol.FIELD)
                : m.isSetField(MDReqID.FIELD) ? symbolOfRequest.apply(m.getString(MDReqID.FIELD)) : null;
        if (symbol == null) {
            throw new FieldNotFound(Symbol.FIELD);
        }
        InstrumentId instrument = instrument(symbol);
        long time = sourceTime(m);
        TreeMap<Long, Long> bids = new TreeMap<>(Comparator.reverseOrder());
        TreeMap<Long, Long> asks = new TreeMap<>();
        List<MarketDataEvent> trades = new ArrayList<>();
        int count = m.isSetField(NoMDEntries.FIELD) ? m.getGroupCount(NoMDEntries.FIELD) : 0;
        for (int i = 1; i <= count; i++) {
            Group g = m.getGroup(i, NoMDEntries.FIELD);
            char type = g.getChar(MDEntryType.FIELD);
            switch (type) {
                case MDEntryType.BID, MDEntryType.OFFER -> {
                    long px = nonNegative(g, MDEntryPx.FIELD);
                    long size = nonNegative(g, MDEntrySize.FIELD);
                    (type == MDEntryType.BID ? bids : asks).merge(px, size, Long::sum);
                }
                case MDEntryType.TRADE -> trades.add(new TradeTick(venue, instrument, time,
                        nonNegative(g, MDEntryPx.FIELD), nonNegative(g, MDEntrySize.FIELD), null));
                default -> {
                    // other entry types (opening price, VWAP, ...) are not part of the book: ignored
                }
            }
        }
        List<MarketDataEvent> events = new ArrayList<>(1 + trades.size());
        events.add(new BookSnapshot(venue, instrument, time, levels(bids), levels(asks)));
        events.addAll(trades);
        return events;
    }

    /**
     * MarketDataIncrementalRefresh (X) → one {@link BookDelta} per instrument (in order of appearance), then a
     * {@link TradeTick} per trade entry. An entry without Symbol inherits the previous entry's, or the request's.
     */
    List<MarketDataEvent> incremental(Message m, Function<String, String> symbolOfRequest)
            throws FieldNotFound, IncorrectTagValue {
        String requestSymbol = m.isSetField(MDReqID.FIELD) ? symbolOfRequest.apply(m.getString(MDReqID.FIELD)) : null;
        long time = sourceTime(m);
        Map<String, List<LevelChange>> changes = new LinkedHashMap<>();
        List<MarketDataEvent> trades = new ArrayList<>();
        int count = m.getGroupCount(NoMDEntries.FIELD);
        if (count == 0) {
            throw new FieldNotFound(NoMDEntries.FIELD);
        }
        String symbol = requestSymbol;
        for (int i = 1; i <= count; i++) {
            Group g = m.getGroup(i, NoMDEntries.FIELD);
            if (g.isSetField(Symbol.FIELD)) {
                symbol = g.getString(Symbol.FIELD);
            }
            if (symbol == null) {
                throw new FieldNotFound(Symbol.FIELD);
            }
            char action = g.getChar(MDUpdateAction.FIELD);
            char type = g.getChar(MDEntryType.FIELD);
            if (type == MDEntryType.TRADE) {
                if (action == MDUpdateAction.NEW) {
                    trades.add(new TradeTick(venue, instrument(symbol), time, nonNegative(g, MDEntryPx.FIELD),
                            nonNegative(g, MDEntrySize.FIELD), null));
                }
                continue;
            }
            if (type != MDEntryType.BID && type != MDEntryType.OFFER) {
                continue;
            }
            Side side = type == MDEntryType.BID ? Side.BUY : Side.SELL;
            long px = nonNegative(g, MDEntryPx.FIELD);
            long size = switch (action) {
                case MDUpdateAction.NEW, MDUpdateAction.CHANGE -> nonNegative(g, MDEntrySize.FIELD);
                case MDUpdateAction.DELETE -> 0;
                default -> throw new IncorrectTagValue(MDUpdateAction.FIELD, String.valueOf(action),
                        "only New, Change and Delete are supported");
            };
            instrument(symbol);
            changes.computeIfAbsent(symbol, s -> new ArrayList<>()).add(new LevelChange(side, px, size));
        }
        List<MarketDataEvent> events = new ArrayList<>(changes.size() + trades.size());
        for (Map.Entry<String, List<LevelChange>> e : changes.entrySet()) {
            events.add(new BookDelta(venue, instrument(e.getKey()), time, e.getValue()));
        }
        events.addAll(trades);
        return events;
    }

    /** MarketDataRequestReject (Y) → a one-line description naming the request, the instrument and the reason. */
    String marketDataReject(Message m, Function<String, String> symbolOfRequest) throws FieldNotFound {
        String reqId = m.getString(MDReqID.FIELD);
        String symbol = symbolOfRequest.apply(reqId);
        StringBuilder s = new StringBuilder("market data request ").append(reqId);
        if (symbol != null) {
            s.append(" (").append(symbol).append(')');
        }
        s.append(" rejected");
        if (m.isSetField(MDReqRejReason.FIELD)) {
            s.append(": MDReqRejReason=").append(m.getString(MDReqRejReason.FIELD));
        }
        if (m.isSetField(Text.FIELD)) {
            s.append(": ").append(text(m));
        }
        return s.toString();
    }

    /**
     * The event that settles one of our order messages that the venue refused at session or business level
     * (Reject, BusinessMessageReject): a REJECTED execution report for a NewOrderSingle, an
     * {@link OrderCancelRejected} for a cancel or replace request; null for other messages.
     */
    Event rejectionOf(SentMessages.Sent sent, String reason, long timeNanos) {
        try {
            return switch (sent.msgType()) {
                case "D" -> rejectedReport(sent.id(), sent.symbol(), sent.side(), sent.quantity(), sent.price(),
                        reason, timeNanos, "R" + sent.seqNum());
                case "F", "G" -> new OrderCancelRejected(venue, timeNanos, new ClientOrderId(sent.id()),
                        sent.origId() == null ? null : new ClientOrderId(sent.origId()), null,
                        "G".equals(sent.msgType()), reason);
                default -> null;
            };
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * A REJECTED execution report for an order the venue never accepted (not sent, refused at session level). Its
     * exec id is made up by us: "LS-" + tag + "-" + ClOrdID (shortened with a hash past 64 characters).
     */
    ExecutionReport rejectedReport(String clOrdId, String symbol, char side, long quantity, long price, String reason,
            long timeNanos, String tag) {
        return new ExecutionReport(venue, timeNanos, new ClientOrderId(clOrdId), null, null,
                syntheticExecId(tag, clOrdId), ExecType.REJECTED, OrderStatus.REJECTED, new InstrumentId(symbol),
                side == quickfix.field.Side.BUY ? Side.BUY : Side.SELL, quantity, price, 0, 0, 0, 0, 0,
                LiquidityFlag.UNKNOWN, 0, null, reason, false);
    }

    static ExecId syntheticExecId(String tag, String clOrdId) {
        String id = "LS-" + tag + "-" + clOrdId;
        if (id.length() > 64) {
            id = id.substring(0, 50) + "-" + Integer.toHexString(id.hashCode());
        }
        return new ExecId(id);
    }

    /** Whether the message is a possible duplicate (PossDupFlag or PossResend). */
    static boolean possibleDuplicate(Message m) {
        try {
            FieldMap h = m.getHeader();
            return (h.isSetField(PossDupFlag.FIELD) && h.getBoolean(PossDupFlag.FIELD))
                    || (h.isSetField(PossResend.FIELD) && h.getBoolean(PossResend.FIELD));
        } catch (FieldNotFound e) {
            return false;
        }
    }

    /** TransactTime when present, else SendingTime, as epoch nanos (0 when neither is there). */
    static long sourceTime(Message m) {
        try {
            if (m.isSetField(TransactTime.FIELD)) {
                return epochNanos(m.getUtcTimeStamp(TransactTime.FIELD));
            }
            if (m.getHeader().isSetField(SendingTime.FIELD)) {
                return epochNanos(m.getHeader().getUtcTimeStamp(SendingTime.FIELD));
            }
        } catch (FieldNotFound | RuntimeException e) {
            // an unparseable time is not worth refusing a message over: the event keeps intake time
        }
        return 0;
    }

    static long epochNanos(LocalDateTime utc) {
        var instant = utc.toInstant(ZoneOffset.UTC);
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    static ExecType execType(char fix) throws IncorrectTagValue {
        return switch (fix) {
            case quickfix.field.ExecType.NEW -> ExecType.NEW;
            case quickfix.field.ExecType.PARTIAL_FILL, quickfix.field.ExecType.FILL, quickfix.field.ExecType.TRADE ->
                    ExecType.TRADE;
            case quickfix.field.ExecType.CANCELED -> ExecType.CANCELED;
            case quickfix.field.ExecType.REPLACED -> ExecType.REPLACED;
            case quickfix.field.ExecType.PENDING_CANCEL -> ExecType.PENDING_CANCEL;
            case quickfix.field.ExecType.REJECTED -> ExecType.REJECTED;
            case quickfix.field.ExecType.PENDING_NEW -> ExecType.PENDING_NEW;
            case quickfix.field.ExecType.EXPIRED -> ExecType.EXPIRED;
            case quickfix.field.ExecType.PENDING_REPLACE -> ExecType.PENDING_REPLACE;
            case quickfix.field.ExecType.ORDER_STATUS -> ExecType.ORDER_STATUS;
            case quickfix.field.ExecType.TRADE_CANCEL -> ExecType.TRADE_CANCEL;
            case quickfix.field.ExecType.TRADE_CORRECT -> ExecType.TRADE_CORRECT;
            case quickfix.field.ExecType.DONE_FOR_DAY, quickfix.field.ExecType.STOPPED,
                    quickfix.field.ExecType.SUSPENDED, quickfix.field.ExecType.CALCULATED,
                    quickfix.field.ExecType.RESTATED, quickfix.field.ExecType.TRADE_IN_A_CLEARING_HOLD,
                    quickfix.field.ExecType.TRADE_HAS_BEEN_RELEASED_TO_CLEARING,
                    quickfix.field.ExecType.TRIGGERED_OR_ACTIVATED_BY_SYSTEM -> ExecType.RESTATED;
            default -> throw new IncorrectTagValue(quickfix.field.ExecType.FIELD, String.valueOf(fix));
        };
    }

    /**
     * OrdStatus (39) → {@link OrderStatus}. Statuses the runtime has no state for are derived from the quantities:
     * Replaced (FIX 4.2: the live replacement order), Stopped, Suspended, Calculated → NEW / PARTIALLY_FILLED /
     * FILLED; Done for day → EXPIRED when nothing is left, else live.
     */
    static OrderStatus orderStatus(char fix, long cumQty, long leavesQty, long orderQty) throws IncorrectTagValue {
        return switch (fix) {
            case OrdStatus.NEW, OrdStatus.ACCEPTED_FOR_BIDDING -> OrderStatus.NEW;
            case OrdStatus.PARTIALLY_FILLED -> OrderStatus.PARTIALLY_FILLED;
            case OrdStatus.FILLED -> OrderStatus.FILLED;
            case OrdStatus.CANCELED -> OrderStatus.CANCELED;
            case OrdStatus.PENDING_CANCEL -> OrderStatus.PENDING_CANCEL;
            case OrdStatus.REJECTED -> OrderStatus.REJECTED;
            case OrdStatus.PENDING_NEW -> OrderStatus.PENDING_NEW;
            case OrdStatus.EXPIRED -> OrderStatus.EXPIRED;
            case OrdStatus.PENDING_REPLACE -> OrderStatus.PENDING_REPLACE;
            case OrdStatus.DONE_FOR_DAY -> leavesQty == 0 ? OrderStatus.EXPIRED : live(cumQty, leavesQty, orderQty);
            case OrdStatus.REPLACED, OrdStatus.STOPPED, OrdStatus.SUSPENDED, OrdStatus.CALCULATED ->
                    live(cumQty, leavesQty, orderQty);
            default -> throw new IncorrectTagValue(OrdStatus.FIELD, String.valueOf(fix));
        };
    }

    private static OrderStatus live(long cumQty, long leavesQty, long orderQty) {
        if (cumQty == 0) {
            return OrderStatus.NEW;
        }
        return leavesQty == 0 && cumQty >= orderQty ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED;
    }

    private static String cxlRejReasonText(int reason) {
        return switch (reason) {
            case CxlRejReason.TOO_LATE_TO_CANCEL -> "too late to cancel";
            case CxlRejReason.UNKNOWN_ORDER -> "unknown order";
            case CxlRejReason.BROKER_EXCHANGE_OPTION -> "broker/exchange option";
            case CxlRejReason.ORDER_ALREADY_IN_PENDING_CANCEL_OR_PENDING_REPLACE_STATUS ->
                    "already pending cancel or replace";
            case CxlRejReason.DUPLICATE_CLORDID_RECEIVED -> "duplicate ClOrdID";
            default -> "other";
        };
    }

    private static List<BookLevel> levels(TreeMap<Long, Long> side) {
        List<BookLevel> levels = new ArrayList<>(side.size());
        side.forEach((px, qty) -> levels.add(new BookLevel(px, qty)));
        return levels;
    }

    private static String refExecId(Message m) {
        try {
            return m.isSetField(quickfix.field.ExecRefID.FIELD) ? m.getString(quickfix.field.ExecRefID.FIELD) : "?";
        } catch (FieldNotFound e) {
            return "?";
        }
    }

    private static ClientOrderId clientOrderId(FieldMap m, int tag) throws FieldNotFound, IncorrectTagValue {
        String value = m.getString(tag);
        try {
            return new ClientOrderId(value);
        } catch (IllegalArgumentException e) {
            throw new IncorrectTagValue(tag, value, e.getMessage());
        }
    }

    private static VenueOrderId venueOrderId(FieldMap m) throws FieldNotFound, IncorrectTagValue {
        String value = m.getString(OrderID.FIELD);
        try {
            return new VenueOrderId(value);
        } catch (IllegalArgumentException e) {
            throw new IncorrectTagValue(OrderID.FIELD, value, e.getMessage());
        }
    }

    private static ExecId execId(String value) throws IncorrectTagValue {
        try {
            return new ExecId(value);
        } catch (IllegalArgumentException e) {
            throw new IncorrectTagValue(ExecID.FIELD, value, e.getMessage());
        }
    }

    private static InstrumentId instrument(FieldMap m) throws FieldNotFound, IncorrectTagValue {
        return instrument(m.getString(Symbol.FIELD));
    }

    private static InstrumentId instrument(String symbol) throws IncorrectTagValue {
        try {
            return new InstrumentId(symbol);
        } catch (IllegalArgumentException e) {
            throw new IncorrectTagValue(Symbol.FIELD, symbol, e.getMessage());
        }
    }

    static Side side(FieldMap m) throws FieldNotFound, IncorrectTagValue {
        char side = m.getChar(quickfix.field.Side.FIELD);
        return switch (side) {
            case quickfix.field.Side.BUY -> Side.BUY;
            case quickfix.field.Side.SELL, quickfix.field.Side.SELL_SHORT, quickfix.field.Side.SELL_SHORT_EXEMPT ->
                    Side.SELL;
            default -> throw new IncorrectTagValue(quickfix.field.Side.FIELD, String.valueOf(side),
                    "only buy and sell (short) are supported");
        };
    }

    /** An exact fixed-point value; more than 8 decimals, or out of range, is an incorrect value. */
    static long fixed(FieldMap m, int tag) throws FieldNotFound, IncorrectTagValue {
        BigDecimal value = m.getDecimal(tag);
        try {
            return Fixed.fromBigDecimal(value);
        } catch (IllegalArgumentException e) {
            throw new IncorrectTagValue(tag, value.toPlainString(),
                    "not representable with " + Fixed.DECIMALS + " decimals");
        }
    }

    private static long nonNegative(FieldMap m, int tag) throws FieldNotFound, IncorrectTagValue {
        long v = fixed(m, tag);
        if (v < 0) {
            throw new IncorrectTagValue(tag, m.getString(tag), "must not be negative");
        }
        return v;
    }

    private static long rounded(FieldMap m, int tag) throws FieldNotFound, IncorrectTagValue {
        BigDecimal value = m.getDecimal(tag);
        try {
            long v = Fixed.fromBigDecimal(value.setScale(Fixed.DECIMALS, RoundingMode.HALF_EVEN));
            if (v < 0) {
                throw new IncorrectTagValue(tag, value.toPlainString(), "must not be negative");
            }
            return v;
        } catch (IllegalArgumentException e) {
            throw new IncorrectTagValue(tag, value.toPlainString(), "out of range");
        }
    }
}
