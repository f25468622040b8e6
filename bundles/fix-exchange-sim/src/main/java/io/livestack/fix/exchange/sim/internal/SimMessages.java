package io.livestack.fix.exchange.sim.internal;

import io.livestack.api.model.Fixed;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.TimeInForce;
import io.livestack.fix.exchange.sim.internal.OrderBook.Level;
import io.livestack.fix.exchange.sim.internal.SimOrder.OrderState;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import quickfix.Group;
import quickfix.Message;
import quickfix.MessageFactory;
import quickfix.field.AvgPx;
import quickfix.field.ClOrdID;
import quickfix.field.CumQty;
import quickfix.field.CxlRejReason;
import quickfix.field.CxlRejResponseTo;
import quickfix.field.ExecID;
import quickfix.field.ExecTransType;
import quickfix.field.ExecType;
import quickfix.field.LastLiquidityInd;
import quickfix.field.LastPx;
import quickfix.field.LastQty;
import quickfix.field.LastRptRequested;
import quickfix.field.LeavesQty;
import quickfix.field.MDEntryPx;
import quickfix.field.MDEntrySize;
import quickfix.field.MDEntryType;
import quickfix.field.MDReqID;
import quickfix.field.MDReqRejReason;
import quickfix.field.MDUpdateAction;
import quickfix.field.MassStatusReqID;
import quickfix.field.MsgType;
import quickfix.field.NoMDEntries;
import quickfix.field.OrdRejReason;
import quickfix.field.OrdStatus;
import quickfix.field.OrdType;
import quickfix.field.OrderID;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.Price;
import quickfix.field.Symbol;
import quickfix.field.Text;
import quickfix.field.TotNumReports;
import quickfix.field.TransactTime;

/**
 * Builds the simulator's outbound FIX messages as a real venue sends them, per version: execution reports (FIX 4.2:
 * ExecTransType, ExecType 1/2 for fills, status answers with ExecTransType=3 and ExecType=OrdStatus, OrdStatus 5 on a
 * replace; 4.4 / 5.0 SP2: ExecType F for trades with OrdStatus 1/2, I for status answers, LastLiquidityInd),
 * OrderCancelReject, market data snapshots, incremental refreshes and request rejects.
 */
final class SimMessages {

    private final MessageFactory factory;

    SimMessages(MessageFactory factory) {
        this.factory = factory;
    }

    /** The execution report for one order event. */
    Message report(SimDialect d, SimEvent event, String execId, LocalDateTime now) {
        if (event instanceof SimEvent.Accepted e) {
            return er(d, e.order(), ExecType.NEW, ordStatus(e.order().status()), execId, 0, 0, null, null, now);
        }
        if (event instanceof SimEvent.Trade e) {
            char execType = d.isFix42() ? (e.order().status() == OrderStatus.FILLED ? ExecType.FILL
                    : ExecType.PARTIAL_FILL) : ExecType.TRADE;
            Message m = er(d, e.order(), execType, ordStatus(e.order().status()), e.execId(), e.lastQuantity(),
                    e.lastPrice(), null, null, now);
            if (!d.isFix42()) {
                m.setInt(LastLiquidityInd.FIELD, e.maker() ? LastLiquidityInd.ADDED_LIQUIDITY
                        : LastLiquidityInd.REMOVED_LIQUIDITY);
            }
            return m;
        }
        if (event instanceof SimEvent.TradeAdjusted e) {
            char execType = d.isFix42() ? (e.order().status() == OrderStatus.FILLED ? ExecType.FILL
                    : ExecType.PARTIAL_FILL) : e.bust() ? ExecType.TRADE_CANCEL : ExecType.TRADE_CORRECT;
            Message m = er(d, e.order(), execType, ordStatus(e.order().status()), e.execId(), e.lastQuantity(),
                    e.lastPrice(), e.bust() ? "trade busted" : "trade corrected",
                    e.bust() ? ExecTransType.CANCEL : ExecTransType.CORRECT, now);
            m.setString(quickfix.field.ExecRefID.FIELD, e.refExecId());
            return m;
        }
        if (event instanceof SimEvent.Canceled e) {
            return er(d, e.order(), ExecType.CANCELED, OrdStatus.CANCELED, execId, 0, 0, e.text(), null, now);
        }
        if (event instanceof SimEvent.Replaced e) {
            return er(d, e.order(), ExecType.REPLACED,
                    d.isFix42() ? OrdStatus.REPLACED : ordStatus(e.order().status()), execId, 0, 0, null, null, now);
        }
        if (event instanceof SimEvent.Expired e) {
            return er(d, e.order(), ExecType.EXPIRED, OrdStatus.EXPIRED, execId, 0, 0, "day order expired", null,
                    now);
        }
        if (event instanceof SimEvent.Rejected e) {
            OrderState o = new OrderState("NONE", e.owner(), e.clOrdId(), null, e.symbol(), e.side(), e.type(),
                    e.timeInForce(), e.price(), e.quantity(), 0, 0, 0, OrderStatus.REJECTED);
            Message m = er(d, o, ExecType.REJECTED, OrdStatus.REJECTED, execId, 0, 0, e.text(), null, now);
            m.setInt(OrdRejReason.FIELD, ordRejReason(d, e.ordRejReason()));
            return m;
        }
        if (event instanceof SimEvent.CancelRejected e) {
            return cancelReject(d, e);
        }
        if (event instanceof SimEvent.Status e) {
            return status(d, e, execId, now);
        }
        throw new IllegalArgumentException("no execution report for " + event);
    }

    private Message status(SimDialect d, SimEvent.Status e, String execId, LocalDateTime now) {
        OrderState o = e.order();
        boolean unknown = o == null;
        if (unknown) {
            o = new OrderState("NONE", e.owner(), e.requestClOrdId(), null, e.symbol(), e.side(), OrderType.LIMIT,
                    TimeInForce.DAY, 0, 0, 0, 0, 0, OrderStatus.REJECTED);
        }
        char status = ordStatus(o.status());
        Message m = er(d, o, d.isFix42() ? status : ExecType.ORDER_STATUS, status, execId, 0, 0,
                unknown ? (e.massStatusReqId() != null ? "no open orders" : "unknown order") : null,
                ExecTransType.STATUS, now);
        if (unknown) {
            m.setInt(OrdRejReason.FIELD, OrdRejReason.UNKNOWN_ORDER);
        }
        if (e.massStatusReqId() != null && !d.isFix42()) {
            m.setString(MassStatusReqID.FIELD, e.massStatusReqId());
            m.setInt(TotNumReports.FIELD, e.totalReports());
            m.setBoolean(LastRptRequested.FIELD, e.lastReport());
        }
        return m;
    }

    private Message er(SimDialect d, OrderState o, char execType, char ordStatus, String execId, long lastQty,
            long lastPx, String text, Character transType, LocalDateTime now) {
        Message m = d.newMessage(factory, MsgType.EXECUTION_REPORT);
        m.setString(OrderID.FIELD, o.orderId());
        m.setString(ClOrdID.FIELD, o.clOrdId());
        if (o.origClOrdId() != null && (execType == ExecType.CANCELED || execType == ExecType.REPLACED)) {
            m.setString(OrigClOrdID.FIELD, o.origClOrdId());
        }
        m.setString(ExecID.FIELD, execId);
        if (d.isFix42()) {
            m.setChar(ExecTransType.FIELD, transType == null ? ExecTransType.NEW : transType);
        }
        m.setChar(ExecType.FIELD, execType);
        m.setChar(OrdStatus.FIELD, ordStatus);
        m.setString(Symbol.FIELD, o.symbol());
        m.setChar(quickfix.field.Side.FIELD, o.side() == Side.BUY ? quickfix.field.Side.BUY : quickfix.field.Side.SELL);
        if (o.quantity() > 0) {
            m.setDecimal(OrderQty.FIELD, decimal(o.quantity()));
        }
        m.setChar(OrdType.FIELD, o.type() == OrderType.MARKET ? OrdType.MARKET : OrdType.LIMIT);
        if (o.type() == OrderType.LIMIT && o.price() > 0) {
            m.setDecimal(Price.FIELD, decimal(o.price()));
        }
        m.setChar(quickfix.field.TimeInForce.FIELD, switch (o.timeInForce()) {
            case DAY -> quickfix.field.TimeInForce.DAY;
            case GTC -> quickfix.field.TimeInForce.GOOD_TILL_CANCEL;
            case IOC -> quickfix.field.TimeInForce.IMMEDIATE_OR_CANCEL;
        });
        if (lastQty > 0) {
            m.setDecimal(LastQty.FIELD, decimal(lastQty));
            m.setDecimal(LastPx.FIELD, decimal(lastPx));
        }
        m.setDecimal(LeavesQty.FIELD, decimal(o.leavesQty()));
        m.setDecimal(CumQty.FIELD, decimal(o.cumQty()));
        m.setDecimal(AvgPx.FIELD, decimal(o.averagePrice()));
        m.setUtcTimeStamp(TransactTime.FIELD, now, true);
        if (text != null) {
            m.setString(Text.FIELD, text);
        }
        return m;
    }

    /** OrderMassCancelReport (r) answering an OrderMassCancelRequest: accepted for all orders (530/531 = 7). */
    Message massCancelReport(SimDialect d, String clOrdId, int canceled) {
        Message m = d.newMessage(factory, MsgType.ORDER_MASS_CANCEL_REPORT);
        m.setString(ClOrdID.FIELD, clOrdId);
        m.setString(OrderID.FIELD, "MC-" + clOrdId);
        m.setChar(quickfix.field.MassCancelRequestType.FIELD,
                quickfix.field.MassCancelRequestType.CANCEL_ALL_ORDERS);
        m.setChar(quickfix.field.MassCancelResponse.FIELD, quickfix.field.MassCancelResponse.CANCEL_ALL_ORDERS);
        m.setInt(quickfix.field.TotalAffectedOrders.FIELD, canceled);
        return m;
    }

    Message cancelReject(SimDialect d, SimEvent.CancelRejected e) {
        Message m = d.newMessage(factory, MsgType.ORDER_CANCEL_REJECT);
        m.setString(OrderID.FIELD, e.order() == null ? "NONE" : e.order().orderId());
        m.setString(ClOrdID.FIELD, e.clOrdId());
        m.setString(OrigClOrdID.FIELD, e.origClOrdId());
        m.setChar(OrdStatus.FIELD, e.order() == null ? OrdStatus.REJECTED : ordStatus(e.order().status()));
        m.setChar(CxlRejResponseTo.FIELD, e.replace() ? CxlRejResponseTo.ORDER_CANCEL_REPLACE_REQUEST
                : CxlRejResponseTo.ORDER_CANCEL_REQUEST);
        m.setInt(CxlRejReason.FIELD, cxlRejReason(d, e.cxlRejReason()));
        m.setString(Text.FIELD, e.text());
        return m;
    }

    /** MarketDataSnapshotFullRefresh (W) of the given levels. */
    Message snapshot(SimDialect d, String reqId, String symbol, List<Level> bids, List<Level> asks) {
        Message m = d.newMessage(factory, MsgType.MARKET_DATA_SNAPSHOT_FULL_REFRESH);
        m.setString(MDReqID.FIELD, reqId);
        m.setString(Symbol.FIELD, symbol);
        for (Level l : bids) {
            m.addGroup(entry(d, MsgType.MARKET_DATA_SNAPSHOT_FULL_REFRESH, MDEntryType.BID, l.price(), l.quantity()));
        }
        for (Level l : asks) {
            m.addGroup(entry(d, MsgType.MARKET_DATA_SNAPSHOT_FULL_REFRESH, MDEntryType.OFFER, l.price(),
                    l.quantity()));
        }
        if (bids.isEmpty() && asks.isEmpty()) {
            m.setInt(NoMDEntries.FIELD, 0);
        }
        return m;
    }

    /** MarketDataIncrementalRefresh (X): level changes, then trades. */
    Message incremental(SimDialect d, MarketDataFeed.Update update) {
        Message m = d.newMessage(factory, MsgType.MARKET_DATA_INCREMENTAL_REFRESH);
        m.setString(MDReqID.FIELD, update.reqId());
        for (MarketDataFeed.Change c : update.changes()) {
            Group g = d.newGroup(factory, MsgType.MARKET_DATA_INCREMENTAL_REFRESH, NoMDEntries.FIELD,
                    MDUpdateAction.FIELD);
            g.setChar(MDUpdateAction.FIELD, c.action());
            g.setChar(MDEntryType.FIELD, c.side() == Side.BUY ? MDEntryType.BID : MDEntryType.OFFER);
            g.setString(Symbol.FIELD, update.symbol());
            g.setDecimal(MDEntryPx.FIELD, decimal(c.price()));
            if (c.action() != MarketDataFeed.Change.DELETE) {
                g.setDecimal(MDEntrySize.FIELD, decimal(c.quantity()));
            }
            m.addGroup(g);
        }
        for (SimEvent.Print p : update.trades()) {
            Group g = d.newGroup(factory, MsgType.MARKET_DATA_INCREMENTAL_REFRESH, NoMDEntries.FIELD,
                    MDUpdateAction.FIELD);
            g.setChar(MDUpdateAction.FIELD, MDUpdateAction.NEW);
            g.setChar(MDEntryType.FIELD, MDEntryType.TRADE);
            g.setString(Symbol.FIELD, update.symbol());
            g.setDecimal(MDEntryPx.FIELD, decimal(p.price()));
            g.setDecimal(MDEntrySize.FIELD, decimal(p.quantity()));
            m.addGroup(g);
        }
        return m;
    }

    /** A Logon with ResetSeqNumFlag=Y, to start a new session in the middle of one (QuickFIX/J numbers it 1). */
    Message resetLogon(SimDialect d, int heartBtInt) {
        Message m = d.newMessage(factory, MsgType.LOGON);
        m.setInt(quickfix.field.EncryptMethod.FIELD, quickfix.field.EncryptMethod.NONE_OTHER);
        m.setInt(quickfix.field.HeartBtInt.FIELD, heartBtInt);
        m.setBoolean(quickfix.field.ResetSeqNumFlag.FIELD, true);
        if (d.beginString.startsWith("FIXT")) {
            m.setString(quickfix.field.DefaultApplVerID.FIELD, quickfix.field.ApplVerID.FIX50SP2);
        }
        return m;
    }

    /** MarketDataRequestReject (Y). */
    Message marketDataReject(SimDialect d, String reqId, char reason, String text) {
        Message m = d.newMessage(factory, MsgType.MARKET_DATA_REQUEST_REJECT);
        m.setString(MDReqID.FIELD, reqId);
        m.setChar(MDReqRejReason.FIELD, reason);
        m.setString(Text.FIELD, text);
        return m;
    }

    private Group entry(SimDialect d, String msgType, char type, long price, long quantity) {
        Group g = d.newGroup(factory, msgType, NoMDEntries.FIELD, MDEntryType.FIELD);
        g.setChar(MDEntryType.FIELD, type);
        g.setDecimal(MDEntryPx.FIELD, decimal(price));
        g.setDecimal(MDEntrySize.FIELD, decimal(quantity));
        return g;
    }

    /** The reason as the version knows it: FIX 4.2 has 0-6 (else 0, broker option), 4.4 has 0-15 and 99 (other). */
    static int ordRejReason(SimDialect d, int reason) {
        return switch (d) {
            case FIX42 -> reason <= OrdRejReason.DUPLICATE_ORDER ? reason : OrdRejReason.BROKER_EXCHANGE_OPTION;
            case FIX44 -> reason <= 15 ? reason : OrdRejReason.OTHER;
            case FIX50SP2 -> reason;
        };
    }

    /** FIX 4.2 knows CxlRejReason 0-3 (else 2, broker option); later versions all of ours. */
    static int cxlRejReason(SimDialect d, int reason) {
        return d.isFix42() && reason > 3 ? CxlRejReason.BROKER_EXCHANGE_OPTION : reason;
    }

    static char ordStatus(OrderStatus s) {
        return switch (s) {
            case NEW, PENDING_NEW -> OrdStatus.NEW;
            case PARTIALLY_FILLED -> OrdStatus.PARTIALLY_FILLED;
            case FILLED -> OrdStatus.FILLED;
            case CANCELED -> OrdStatus.CANCELED;
            case REJECTED -> OrdStatus.REJECTED;
            case EXPIRED -> OrdStatus.EXPIRED;
            case PENDING_CANCEL -> OrdStatus.PENDING_CANCEL;
            case PENDING_REPLACE -> OrdStatus.PENDING_REPLACE;
            case REPLACED -> OrdStatus.REPLACED;
        };
    }

    static BigDecimal decimal(long fixed) {
        BigDecimal d = Fixed.toBigDecimal(fixed).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0) : d;
    }
}
