package io.livestack.venue.fix.internal;

import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.state.OrderView;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import quickfix.Group;
import quickfix.Message;
import quickfix.MessageFactory;
import quickfix.field.AggregatedBook;
import quickfix.field.ClOrdID;
import quickfix.field.HandlInst;
import quickfix.field.MDEntryType;
import quickfix.field.MDReqID;
import quickfix.field.MDUpdateType;
import quickfix.field.MarketDepth;
import quickfix.field.MassStatusReqID;
import quickfix.field.MassStatusReqType;
import quickfix.field.MsgType;
import quickfix.field.NoMDEntryTypes;
import quickfix.field.NoRelatedSym;
import quickfix.field.OrdType;
import quickfix.field.OrderID;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.Password;
import quickfix.field.Price;
import quickfix.field.SubscriptionRequestType;
import quickfix.field.Symbol;
import quickfix.field.TransactTime;
import quickfix.field.Username;

/**
 * Builds the outbound FIX messages of one venue from runtime values: NewOrderSingle, OrderCancelRequest,
 * OrderCancelReplaceRequest, OrderStatusRequest, OrderMassStatusRequest, MarketDataRequest, and the Logon
 * credentials. Prices and quantities leave as exact decimals ({@link Fixed#toBigDecimal}). The messages are instances
 * of the session version's classes (e.g. {@code quickfix.fix42.NewOrderSingle}) with the version's required fields.
 * The order messages carry the order's Account and strategy as {@link OrderTags} says.
 */
final class OutboundMapper {

    private final FixDialect dialect;
    private final MessageFactory factory;
    private final OrderTags orderTags;

    OutboundMapper(FixDialect dialect, MessageFactory factory) {
        this(dialect, factory, OrderTags.NONE);
    }

    /** @param orderTags the Account and strategy tag of the order messages */
    OutboundMapper(FixDialect dialect, MessageFactory factory, OrderTags orderTags) {
        this.dialect = dialect;
        this.factory = factory;
        this.orderTags = orderTags;
    }

    FixDialect dialect() {
        return dialect;
    }

    /** NewOrderSingle (D) for an order in PENDING_NEW; its ClOrdID is the order's current ClOrdID. */
    Message newOrderSingle(OrderView order, LocalDateTime transactTime) {
        Message m = dialect.newMessage(factory, MsgType.ORDER_SINGLE);
        m.setString(ClOrdID.FIELD, order.currentClientOrderId().value());
        m.setChar(HandlInst.FIELD, HandlInst.AUTOMATED_EXECUTION_ORDER_PRIVATE_NO_BROKER_INTERVENTION);
        m.setString(Symbol.FIELD, order.instrument().value());
        m.setChar(quickfix.field.Side.FIELD, side(order.side()));
        m.setUtcTimeStamp(TransactTime.FIELD, transactTime, true);
        m.setDecimal(OrderQty.FIELD, decimal(order.quantity()));
        setPriceAndType(m, order.type(), order.price());
        m.setChar(quickfix.field.TimeInForce.FIELD, timeInForce(order.timeInForce()));
        orderTags.apply(m, order);
        return m;
    }

    /** OrderCancelRequest (F) for {@code order}, under the request's own ClOrdID. */
    Message cancel(OrderView order, ClientOrderId cancelId, LocalDateTime transactTime) {
        Message m = dialect.newMessage(factory, MsgType.ORDER_CANCEL_REQUEST);
        m.setString(OrigClOrdID.FIELD, order.currentClientOrderId().value());
        m.setString(ClOrdID.FIELD, cancelId.value());
        if (order.venueOrderId() != null) {
            m.setString(OrderID.FIELD, order.venueOrderId().value());
        }
        m.setString(Symbol.FIELD, order.instrument().value());
        m.setChar(quickfix.field.Side.FIELD, side(order.side()));
        m.setUtcTimeStamp(TransactTime.FIELD, transactTime, true);
        m.setDecimal(OrderQty.FIELD, decimal(order.quantity()));
        orderTags.apply(m, order);
        return m;
    }

    /** OrderCancelReplaceRequest (G): new price and total quantity under a new ClOrdID. */
    Message replace(OrderView order, ClientOrderId newId, long newPrice, long newQuantity,
            LocalDateTime transactTime) {
        Message m = dialect.newMessage(factory, MsgType.ORDER_CANCEL_REPLACE_REQUEST);
        if (order.venueOrderId() != null) {
            m.setString(OrderID.FIELD, order.venueOrderId().value());
        }
        m.setString(OrigClOrdID.FIELD, order.currentClientOrderId().value());
        m.setString(ClOrdID.FIELD, newId.value());
        m.setChar(HandlInst.FIELD, HandlInst.AUTOMATED_EXECUTION_ORDER_PRIVATE_NO_BROKER_INTERVENTION);
        m.setString(Symbol.FIELD, order.instrument().value());
        m.setChar(quickfix.field.Side.FIELD, side(order.side()));
        m.setUtcTimeStamp(TransactTime.FIELD, transactTime, true);
        m.setDecimal(OrderQty.FIELD, decimal(newQuantity));
        setPriceAndType(m, order.type(), newPrice);
        m.setChar(quickfix.field.TimeInForce.FIELD, timeInForce(order.timeInForce()));
        orderTags.apply(m, order);
        return m;
    }

    /** OrderStatusRequest (H) by the order's current ClOrdID (and the venue's OrderID when known). */
    Message orderStatus(OrderView order) {
        Message m = dialect.newMessage(factory, MsgType.ORDER_STATUS_REQUEST);
        if (order.venueOrderId() != null) {
            m.setString(OrderID.FIELD, order.venueOrderId().value());
        }
        m.setString(ClOrdID.FIELD, order.currentClientOrderId().value());
        m.setString(Symbol.FIELD, order.instrument().value());
        m.setChar(quickfix.field.Side.FIELD, side(order.side()));
        return m;
    }

    /** OrderMassStatusRequest (AF) for all our orders (FIX 4.4 and later). */
    Message massStatus(String massStatusReqId) {
        if (!dialect.supportsMassStatus()) {
            throw new IllegalStateException("no OrderMassStatusRequest in " + dialect.beginString());
        }
        Message m = dialect.newMessage(factory, MsgType.ORDER_MASS_STATUS_REQUEST);
        m.setString(MassStatusReqID.FIELD, massStatusReqId);
        m.setInt(MassStatusReqType.FIELD, MassStatusReqType.STATUS_FOR_ALL_ORDERS);
        return m;
    }

    /** TestRequest (1): the venue answers with a Heartbeat at once. */
    Message testRequest(String testReqId) {
        Message m = dialect.newMessage(factory, MsgType.TEST_REQUEST);
        m.setString(quickfix.field.TestReqID.FIELD, testReqId);
        return m;
    }

    /** OrderMassCancelRequest (q) for every order of the session (530 = 7), FIX 4.3 and later. */
    Message massCancel(String clOrdId, java.time.LocalDateTime transactTime) {
        if (!dialect.supportsMassStatus()) {
            throw new IllegalStateException("no OrderMassCancelRequest in " + dialect.beginString());
        }
        Message m = dialect.newMessage(factory, MsgType.ORDER_MASS_CANCEL_REQUEST);
        m.setString(ClOrdID.FIELD, clOrdId);
        m.setChar(quickfix.field.MassCancelRequestType.FIELD,
                quickfix.field.MassCancelRequestType.CANCEL_ALL_ORDERS);
        m.setUtcTimeStamp(quickfix.field.TransactTime.FIELD, transactTime, true);
        return m;
    }

    /**
     * MarketDataRequest (V): snapshot + updates, incremental refresh, aggregated book, bids/offers/trades for one
     * instrument; {@code depth} 0 = full book.
     */
    Message marketDataRequest(String mdReqId, InstrumentId instrument, int depth) {
        Message m = dialect.newMessage(factory, MsgType.MARKET_DATA_REQUEST);
        m.setString(MDReqID.FIELD, mdReqId);
        m.setChar(SubscriptionRequestType.FIELD, SubscriptionRequestType.SNAPSHOT_UPDATES);
        m.setInt(MarketDepth.FIELD, depth);
        m.setInt(MDUpdateType.FIELD, MDUpdateType.INCREMENTAL_REFRESH);
        m.setBoolean(AggregatedBook.FIELD, true);
        for (char type : new char[] {MDEntryType.BID, MDEntryType.OFFER, MDEntryType.TRADE}) {
            Group g = dialect.newGroup(factory, MsgType.MARKET_DATA_REQUEST, NoMDEntryTypes.FIELD, MDEntryType.FIELD);
            g.setChar(MDEntryType.FIELD, type);
            m.addGroup(g);
        }
        Group sym = dialect.newGroup(factory, MsgType.MARKET_DATA_REQUEST, NoRelatedSym.FIELD, Symbol.FIELD);
        sym.setString(Symbol.FIELD, instrument.value());
        m.addGroup(sym);
        return m;
    }

    /** Adds Username (553) and Password (554) to an outgoing Logon when configured. */
    static void addCredentials(Message logon, String username, String password) {
        if (!username.isEmpty()) {
            logon.setString(Username.FIELD, username);
        }
        if (!password.isEmpty()) {
            logon.setString(Password.FIELD, password);
        }
    }

    private static void setPriceAndType(Message m, OrderType type, long price) {
        if (type == OrderType.MARKET) {
            m.setChar(OrdType.FIELD, OrdType.MARKET);
        } else {
            m.setChar(OrdType.FIELD, OrdType.LIMIT);
            m.setDecimal(Price.FIELD, decimal(price));
        }
    }

    static BigDecimal decimal(long fixed) {
        BigDecimal d = Fixed.toBigDecimal(fixed).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0) : d;
    }

    static char side(Side side) {
        return side == Side.BUY ? quickfix.field.Side.BUY : quickfix.field.Side.SELL;
    }

    static char timeInForce(TimeInForce tif) {
        return switch (tif) {
            case DAY -> quickfix.field.TimeInForce.DAY;
            case IOC -> quickfix.field.TimeInForce.IMMEDIATE_OR_CANCEL;
            case GTC -> quickfix.field.TimeInForce.GOOD_TILL_CANCEL;
        };
    }
}
