package io.livestack.journal;

import io.livestack.api.event.BindingEvent;
import io.livestack.api.event.BookDelta;
import io.livestack.api.event.BookLevel;
import io.livestack.api.event.BookSnapshot;
import io.livestack.api.event.Command;
import io.livestack.api.event.ConfigurationEvent;
import io.livestack.api.event.Event;
import io.livestack.api.event.ExecutionReport;
import io.livestack.api.event.LevelChange;
import io.livestack.api.event.OperatorCommand;
import io.livestack.api.event.OrderCancelRejected;
import io.livestack.api.event.SentOrderRecovered;
import io.livestack.api.event.RuntimeEvent;
import io.livestack.api.event.TimerEvent;
import io.livestack.api.event.TimerOwner;
import io.livestack.api.event.TradeTick;
import io.livestack.api.event.VenueSessionEvent;
import io.livestack.api.intent.CancelOrder;
import io.livestack.api.intent.Intent;
import io.livestack.api.intent.ReplaceOrder;
import io.livestack.api.intent.SubmitOrder;
import io.livestack.api.model.AccountId;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecId;
import io.livestack.api.model.ExecType;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.LiquidityFlag;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.model.TradingScope;
import io.livestack.api.model.TradingState;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueOrderId;
import io.livestack.api.model.VenueSessionState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The binary form of every {@link Event}, operator {@link Command} and {@link Intent}: a type byte, then the fields
 * in declaration order. Exact: decoding gives a value equal to the one encoded.
 */
public final class EventCodec {

    static final int BOOK_SNAPSHOT = 1;
    static final int BOOK_DELTA = 2;
    static final int TRADE_TICK = 3;
    static final int EXECUTION_REPORT = 4;
    static final int CANCEL_REJECTED = 5;
    static final int VENUE_SESSION = 6;
    static final int TIMER = 7;
    static final int OPERATOR_COMMAND = 8;
    static final int BINDING = 9;
    static final int CONFIGURATION = 10;
    static final int RUNTIME = 11;
    /** An execution report that names an earlier execution (a bust or correction): type 4's fields, then ExecRefID. */
    static final int EXECUTION_REPORT_REF = 13;
    static final int SENT_ORDER_RECOVERED = 12;

    private static final int KILL = 1;
    private static final int RESUME = 2;
    private static final int SET_TRADING_STATE = 3;
    private static final int MANUAL_INTENT = 4;
    private static final int START_STRATEGY = 5;
    private static final int STOP_STRATEGY = 6;
    private static final int CONNECT_VENUE = 7;
    private static final int DISCONNECT_VENUE = 8;
    private static final int START_SESSION = 9;
    private static final int STOP_SESSION = 10;
    private static final int RESOLVE_VENUE = 11;
    /** A kill of a scope other than the desk: the reason, then the scope (format 5). */
    private static final int KILL_SCOPE = 12;
    /** Cancel every open order of a scope (format 5). */
    private static final int CANCEL_ALL = 13;

    private static final int SUBMIT = 1;
    private static final int CANCEL = 2;
    private static final int REPLACE = 3;
    /** A new order with its account: the SUBMIT fields, then the account (format 5). */
    private static final int SUBMIT_ACCOUNT = 4;

    static final Side[] SIDES = Side.values();
    static final OrderType[] ORDER_TYPES = OrderType.values();
    static final TimeInForce[] TIFS = TimeInForce.values();
    static final ExecType[] EXEC_TYPES = ExecType.values();
    static final OrderStatus[] ORDER_STATUSES = OrderStatus.values();
    static final LiquidityFlag[] LIQUIDITY = LiquidityFlag.values();
    static final VenueSessionState[] SESSION_STATES = VenueSessionState.values();
    static final TimerOwner.Kind[] TIMER_KINDS = TimerOwner.Kind.values();
    static final TradingScope.Kind[] SCOPE_KINDS = TradingScope.Kind.values();
    static final TradingState[] TRADING_STATES = TradingState.values();
    static final BindingEvent.Kind[] BINDING_KINDS = BindingEvent.Kind.values();
    static final RuntimeEvent.Kind[] RUNTIME_KINDS = RuntimeEvent.Kind.values();

    private EventCodec() {
    }

    public static void write(WireOut out, Event event) {
        if (event instanceof BookDelta d) {
            out.u8(BOOK_DELTA);
            out.id(d.venue());
            out.id(d.instrument());
            out.i64(d.sourceTimeNanos());
            List<LevelChange> changes = d.changes();
            out.i32(changes.size());
            for (int i = 0; i < changes.size(); i++) {
                LevelChange c = changes.get(i);
                out.enumValue(c.side());
                out.i64(c.price());
                out.i64(c.quantity());
            }
        } else if (event instanceof BookSnapshot s) {
            out.u8(BOOK_SNAPSHOT);
            out.id(s.venue());
            out.id(s.instrument());
            out.i64(s.sourceTimeNanos());
            writeLevels(out, s.bids());
            writeLevels(out, s.asks());
        } else if (event instanceof TradeTick t) {
            out.u8(TRADE_TICK);
            out.id(t.venue());
            out.id(t.instrument());
            out.i64(t.sourceTimeNanos());
            out.i64(t.price());
            out.i64(t.quantity());
            out.enumValue(t.aggressor());
        } else if (event instanceof ExecutionReport r) {
            out.u8(r.execRefId() == null ? EXECUTION_REPORT : EXECUTION_REPORT_REF);
            writeReport(out, r);
            if (r.execRefId() != null) {
                out.id(r.execRefId());
            }
        } else if (event instanceof OrderCancelRejected r) {
            out.u8(CANCEL_REJECTED);
            out.id(r.venue());
            out.i64(r.sourceTimeNanos());
            out.id(r.clientOrderId());
            out.id(r.origClientOrderId());
            out.id(r.venueOrderId());
            out.bool(r.replace());
            out.string(r.reason());
            out.i64(r.venueSeq());
        } else if (event instanceof VenueSessionEvent v) {
            out.u8(VENUE_SESSION);
            out.id(v.venue());
            out.i64(v.sourceTimeNanos());
            out.enumValue(v.state());
            out.string(v.detail());
        } else if (event instanceof TimerEvent t) {
            out.u8(TIMER);
            out.i64(t.sourceTimeNanos());
            out.enumValue(t.owner().kind());
            out.string(t.owner().id());
            out.i64(t.token());
        } else if (event instanceof OperatorCommand c) {
            out.u8(OPERATOR_COMMAND);
            out.i64(c.sourceTimeNanos());
            out.string(c.user());
            writeCommand(out, c.command());
        } else if (event instanceof BindingEvent b) {
            out.u8(BINDING);
            out.i64(b.sourceTimeNanos());
            out.enumValue(b.kind());
            out.string(b.id());
            out.bool(b.bound());
            out.i64(b.generation());
            out.string(b.bundle());
            out.string(b.version());
            writeMap(out, b.properties());
        } else if (event instanceof ConfigurationEvent c) {
            out.u8(CONFIGURATION);
            out.i64(c.sourceTimeNanos());
            out.string(c.pid());
            writeMap(out, c.properties());
        } else if (event instanceof RuntimeEvent r) {
            out.u8(RUNTIME);
            out.i64(r.sourceTimeNanos());
            out.enumValue(r.kind());
            writeMap(out, r.detail());
        } else if (event instanceof SentOrderRecovered o) {
            out.u8(SENT_ORDER_RECOVERED);
            out.i64(o.sourceTimeNanos());
            out.id(o.venue());
            out.id(o.clientOrderId());
            out.id(o.strategy());
            out.id(o.instrument());
            out.enumValue(o.side());
            out.enumValue(o.type());
            out.enumValue(o.timeInForce());
            out.i64(o.price());
            out.i64(o.quantity());
            out.i32(o.msgSeqNum());
        } else {
            throw new IllegalArgumentException("no binary form for " + event.getClass().getName());
        }
    }

    public static Event read(WireIn in) {
        int type = in.u8();
        return switch (type) {
            case BOOK_DELTA -> {
                VenueId venue = in.id(VenueId::new);
                InstrumentId instrument = in.id(InstrumentId::new);
                long time = in.i64();
                int n = count(in, 17);
                List<LevelChange> changes = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    changes.add(new LevelChange(in.enumValue(SIDES), in.i64(), in.i64()));
                }
                yield new BookDelta(venue, instrument, time, changes);
            }
            case BOOK_SNAPSHOT -> new BookSnapshot(in.id(VenueId::new), in.id(InstrumentId::new), in.i64(),
                    readLevels(in), readLevels(in));
            case TRADE_TICK -> new TradeTick(in.id(VenueId::new), in.id(InstrumentId::new), in.i64(), in.i64(),
                    in.i64(), in.enumValue(SIDES));
            case EXECUTION_REPORT -> readReport(in, false);
            case EXECUTION_REPORT_REF -> readReport(in, true);
            case CANCEL_REJECTED -> new OrderCancelRejected(in.id(VenueId::new), in.i64(),
                    in.id(ClientOrderId::new), in.id(ClientOrderId::new), in.id(VenueOrderId::new), in.bool(),
                    in.string(), in.i64());
            case VENUE_SESSION -> new VenueSessionEvent(in.id(VenueId::new), in.i64(), in.enumValue(SESSION_STATES),
                    in.string());
            case TIMER -> new TimerEvent(in.i64(), new TimerOwner(in.enumValue(TIMER_KINDS),
                    in.requiredString("timer owner")), in.i64());
            case OPERATOR_COMMAND -> new OperatorCommand(in.i64(), in.requiredString("user"), readCommand(in));
            case BINDING -> new BindingEvent(in.i64(), in.enumValue(BINDING_KINDS), in.requiredString("binding id"),
                    in.bool(), in.i64(), in.string(), in.string(), readMap(in));
            case CONFIGURATION -> new ConfigurationEvent(in.i64(), in.requiredString("pid"), readMap(in));
            case RUNTIME -> new RuntimeEvent(in.i64(), in.enumValue(RUNTIME_KINDS), readMap(in));
            case SENT_ORDER_RECOVERED -> new SentOrderRecovered(in.i64(), in.id(VenueId::new),
                    in.id(ClientOrderId::new), in.id(StrategyId::new), in.id(InstrumentId::new), in.enumValue(SIDES),
                    in.enumValue(ORDER_TYPES), in.enumValue(TIFS), in.i64(), in.i64(), in.i32());
            default -> throw new JournalFormatException("unknown event type " + type + " at offset "
                    + (in.position() - 1));
        };
    }

    private static void writeReport(WireOut out, ExecutionReport r) {
        out.id(r.venue());
        out.i64(r.sourceTimeNanos());
        out.id(r.clientOrderId());
        out.id(r.origClientOrderId());
        out.id(r.venueOrderId());
        out.id(r.execId());
        out.enumValue(r.execType());
        out.enumValue(r.orderStatus());
        out.id(r.instrument());
        out.enumValue(r.side());
        out.i64(r.orderQuantity());
        out.i64(r.price());
        out.i64(r.lastQuantity());
        out.i64(r.lastPrice());
        out.i64(r.cumulativeQuantity());
        out.i64(r.leavesQuantity());
        out.i64(r.averagePrice());
        out.enumValue(r.liquidity());
        out.i64(r.fee());
        out.string(r.feeCurrency());
        out.string(r.text());
        out.bool(r.possibleDuplicate());
        out.i64(r.venueSeq());
    }

    private static ExecutionReport readReport(WireIn in, boolean withRef) {
        VenueId venue = in.id(VenueId::new);
        long sourceTime = in.i64();
        ClientOrderId clientOrderId = in.id(ClientOrderId::new);
        ClientOrderId origClientOrderId = in.id(ClientOrderId::new);
        VenueOrderId venueOrderId = in.id(VenueOrderId::new);
        ExecId execId = in.id(ExecId::new);
        ExecType execType = in.enumValue(EXEC_TYPES);
        OrderStatus status = in.enumValue(ORDER_STATUSES);
        InstrumentId instrument = in.id(InstrumentId::new);
        Side side = in.enumValue(SIDES);
        long orderQuantity = in.i64();
        long price = in.i64();
        long lastQuantity = in.i64();
        long lastPrice = in.i64();
        long cumulativeQuantity = in.i64();
        long leavesQuantity = in.i64();
        long averagePrice = in.i64();
        LiquidityFlag liquidity = in.enumValue(LIQUIDITY);
        long fee = in.i64();
        String feeCurrency = in.string();
        String text = in.string();
        boolean possibleDuplicate = in.bool();
        long venueSeq = in.i64();
        ExecId execRefId = withRef ? in.id(ExecId::new) : null;
        return new ExecutionReport(venue, sourceTime, clientOrderId, origClientOrderId, venueOrderId, execId,
                execType, status, instrument, side, orderQuantity, price, lastQuantity, lastPrice, cumulativeQuantity,
                leavesQuantity, averagePrice, liquidity, fee, feeCurrency, text, possibleDuplicate, venueSeq,
                execRefId);
    }

    private static void writeLevels(WireOut out, List<BookLevel> levels) {
        out.i32(levels.size());
        for (int i = 0; i < levels.size(); i++) {
            BookLevel l = levels.get(i);
            out.i64(l.price());
            out.i64(l.quantity());
        }
    }

    private static List<BookLevel> readLevels(WireIn in) {
        int n = count(in, 16);
        List<BookLevel> levels = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            levels.add(new BookLevel(in.i64(), in.i64()));
        }
        return levels;
    }

    static void writeCommand(WireOut out, Command command) {
        if (command instanceof Command.Kill k) {
            boolean scoped = !TradingScope.GLOBAL.equals(k.scope());
            out.u8(scoped ? KILL_SCOPE : KILL);
            out.string(k.reason());
            if (scoped) {
                writeScope(out, k.scope());
            }
        } else if (command instanceof Command.CancelAll c) {
            out.u8(CANCEL_ALL);
            writeScope(out, c.scope());
        } else if (command instanceof Command.Resume) {
            out.u8(RESUME);
        } else if (command instanceof Command.SetTradingState s) {
            out.u8(SET_TRADING_STATE);
            writeScope(out, s.scope());
            out.enumValue(s.state());
        } else if (command instanceof Command.ManualIntent m) {
            out.u8(MANUAL_INTENT);
            writeIntent(out, m.intent());
        } else if (command instanceof Command.StartStrategy s) {
            out.u8(START_STRATEGY);
            out.id(s.strategy());
        } else if (command instanceof Command.StopStrategy s) {
            out.u8(STOP_STRATEGY);
            out.id(s.strategy());
        } else if (command instanceof Command.ConnectVenue c) {
            out.u8(CONNECT_VENUE);
            out.id(c.venue());
        } else if (command instanceof Command.DisconnectVenue d) {
            out.u8(DISCONNECT_VENUE);
            out.id(d.venue());
        } else if (command instanceof Command.StartSession) {
            out.u8(START_SESSION);
        } else if (command instanceof Command.StopSession s) {
            out.u8(STOP_SESSION);
            out.bool(s.cancelOpenOrders());
        } else if (command instanceof Command.ResolveVenue r) {
            out.u8(RESOLVE_VENUE);
            out.id(r.venue());
            out.bool(r.cancelInDoubt());
        } else {
            throw new IllegalArgumentException("no binary form for command " + command.getClass().getName());
        }
    }

    static Command readCommand(WireIn in) {
        int type = in.u8();
        return switch (type) {
            case KILL -> new Command.Kill(in.string());
            case KILL_SCOPE -> new Command.Kill(in.string(), readScope(in));
            case CANCEL_ALL -> new Command.CancelAll(readScope(in));
            case RESUME -> new Command.Resume();
            case SET_TRADING_STATE -> new Command.SetTradingState(readScope(in), in.enumValue(TRADING_STATES));
            case MANUAL_INTENT -> new Command.ManualIntent(readIntent(in));
            case START_STRATEGY -> new Command.StartStrategy(in.id(StrategyId::new));
            case STOP_STRATEGY -> new Command.StopStrategy(in.id(StrategyId::new));
            case CONNECT_VENUE -> new Command.ConnectVenue(in.id(VenueId::new));
            case DISCONNECT_VENUE -> new Command.DisconnectVenue(in.id(VenueId::new));
            case START_SESSION -> new Command.StartSession();
            case STOP_SESSION -> new Command.StopSession(in.bool());
            case RESOLVE_VENUE -> new Command.ResolveVenue(in.id(VenueId::new), in.bool());
            default -> throw new JournalFormatException("unknown command type " + type + " at offset "
                    + (in.position() - 1));
        };
    }

    static void writeScope(WireOut out, TradingScope scope) {
        out.enumValue(scope.kind());
        out.string(scope.id());
    }

    static TradingScope readScope(WireIn in) {
        return new TradingScope(in.enumValue(SCOPE_KINDS), in.requiredString("scope id"));
    }

    public static void writeIntent(WireOut out, Intent intent) {
        if (intent instanceof SubmitOrder s) {
            out.u8(s.account() == null ? SUBMIT : SUBMIT_ACCOUNT);
            out.id(s.strategy());
            out.id(s.clientOrderId());
            out.id(s.venue());
            out.id(s.instrument());
            out.enumValue(s.side());
            out.enumValue(s.type());
            out.enumValue(s.timeInForce());
            out.i64(s.price());
            out.i64(s.quantity());
            if (s.account() != null) {
                out.id(s.account());
            }
        } else if (intent instanceof CancelOrder c) {
            out.u8(CANCEL);
            out.id(c.strategy());
            out.id(c.clientOrderId());
        } else if (intent instanceof ReplaceOrder r) {
            out.u8(REPLACE);
            out.id(r.strategy());
            out.id(r.clientOrderId());
            out.i64(r.newPrice());
            out.i64(r.newQuantity());
        } else {
            throw new IllegalArgumentException("no binary form for intent " + intent.getClass().getName());
        }
    }

    public static Intent readIntent(WireIn in) {
        int type = in.u8();
        return switch (type) {
            case SUBMIT, SUBMIT_ACCOUNT -> {
                SubmitOrder submit = new SubmitOrder(in.id(StrategyId::new), in.id(ClientOrderId::new),
                        in.id(VenueId::new), in.id(InstrumentId::new), in.enumValue(SIDES), in.enumValue(ORDER_TYPES),
                        in.enumValue(TIFS), in.i64(), in.i64());
                yield type == SUBMIT ? submit : submit.withAccount(in.id(AccountId::new));
            }
            case CANCEL -> new CancelOrder(in.id(StrategyId::new), in.id(ClientOrderId::new));
            case REPLACE -> new ReplaceOrder(in.id(StrategyId::new), in.id(ClientOrderId::new), in.i64(),
                    in.i64());
            default -> throw new JournalFormatException("unknown intent type " + type + " at offset "
                    + (in.position() - 1));
        };
    }

    static void writeMap(WireOut out, Map<String, String> map) {
        out.i32(map.size());
        for (Map.Entry<String, String> e : map.entrySet()) {
            out.string(e.getKey());
            out.string(e.getValue());
        }
    }

    static Map<String, String> readMap(WireIn in) {
        int n = count(in, 8);
        Map<String, String> map = new LinkedHashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            map.put(in.requiredString("key"), in.string());
        }
        return map;
    }

    /** A count of items of at least {@code minBytes} each: never more than what is left to read. */
    static int count(WireIn in, int minBytes) {
        int n = in.i32();
        if (n < 0 || (long) n * minBytes > in.remaining()) {
            throw new JournalFormatException("impossible count " + n + " at offset " + (in.position() - 4)
                    + " (" + in.remaining() + " bytes left)");
        }
        return n;
    }
}
