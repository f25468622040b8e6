package io.livestack.fix.exchange.sim.internal;

import io.livestack.api.model.Fixed;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.TimeInForce;
import io.livestack.fix.exchange.sim.ExchangeControl;
import io.livestack.fix.exchange.sim.ExchangeControl.ClientFill;
import io.livestack.fix.exchange.sim.internal.OrderBook.Level;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.mina.core.service.IoAcceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.Application;
import quickfix.ConfigError;
import quickfix.DoNotSend;
import quickfix.FieldMap;
import quickfix.FieldNotFound;
import quickfix.FileLogFactory;
import quickfix.FileStoreFactory;
import quickfix.IncorrectDataFormat;
import quickfix.IncorrectTagValue;
import quickfix.Message;
import quickfix.MessageFactory;
import quickfix.RejectLogon;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.SocketAcceptor;
import quickfix.UnsupportedMessageType;
import quickfix.field.ClOrdID;
import quickfix.field.MDReqID;
import quickfix.field.MarketDepth;
import quickfix.field.MassStatusReqID;
import quickfix.field.MsgType;
import quickfix.field.NoRelatedSym;
import quickfix.field.OrdType;
import quickfix.field.OrderID;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.Password;
import quickfix.field.PossDupFlag;
import quickfix.field.Price;
import quickfix.field.SubscriptionRequestType;
import quickfix.field.Symbol;
import quickfix.mina.acceptor.DynamicAcceptorSessionProvider;
import quickfix.mina.acceptor.DynamicAcceptorSessionProvider.TemplateMapping;

/**
 * The FIX exchange simulator: a QuickFIX/J acceptor (dynamic sessions from one template per FIX version, any number
 * of clients, durable message stores so that what a disconnected client missed is resent when it logs on again), a
 * {@link MatchingEngine} with a {@link MarketMaker} for synthetic liquidity, and a {@link MarketDataFeed}.
 * <p>
 * Threads: QuickFIX/J's acceptor thread parses and validates the clients' messages (invalid ones are rejected as FIX
 * prescribes) and hands them to the owned engine thread ({@code livestack-fixsim-engine}), which runs the matching,
 * the random walk and all outbound messages, in order.
 */
public final class FixExchange implements ExchangeControl, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FixExchange.class);
    private static final Set<String> MARKET_DATA = Set.of(MsgType.MARKET_DATA_SNAPSHOT_FULL_REFRESH,
            MsgType.MARKET_DATA_INCREMENTAL_REFRESH, MsgType.MARKET_DATA_REQUEST_REJECT);

    private final SimSettings settings;
    private final Clock clock;
    private final MessageFactory messageFactory = SimDialect.messageFactory();
    private final SimMessages messages = new SimMessages(messageFactory);
    private final SimAccounts accounts = new SimAccounts();
    private final MatchingEngine engine;
    private final MarketMaker maker;
    private final MarketDataFeed feed = new MarketDataFeed();
    private final ScheduledExecutorService engineThread;
    /** Owner (session id text) of every session seen. */
    private final Map<String, SessionID> sessions = new ConcurrentHashMap<>();
    private final Set<SessionID> loggedOn = ConcurrentHashMap.newKeySet();
    private final Map<String, List<ClientFill>> fillsByClient = new ConcurrentHashMap<>();
    private final List<Message> receivedRejects = new CopyOnWriteArrayList<>();
    /** The last Logon received per client session (tests: what the client's Logon carried). */
    private final Map<SessionID, Message> lastLogons = new ConcurrentHashMap<>();
    private SocketAcceptor acceptor;

    public FixExchange(SimSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.engine = new MatchingEngine(settings.faults().idPrefix().isEmpty()
                ? Long.toString(clock.millis(), 36) : settings.faults().idPrefix());
        this.maker = new MarketMaker(settings.seed(), settings.spreadTicks(), settings.depth(),
                settings.makerQuantity(), settings.walkMaxStepTicks());
        for (SimSettings.SymbolSpec s : settings.symbols().values()) {
            engine.addSymbol(s.symbol(), s.tick());
            maker.addSymbol(s.symbol(), s.initialPrice(), s.tick());
        }
        this.engineThread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "livestack-fixsim-engine");
            t.setDaemon(true);
            return t;
        });
    }

    /** Places the maker's first quotes, starts listening and starts the random walk. */
    public void start() throws ConfigError, IOException {
        Files.createDirectories(settings.storeDir());
        Files.createDirectories(settings.logDir());
        call(() -> {
            for (String symbol : engine.symbols()) {
                MarketMaker.Quote q = maker.quote(symbol);
                apply(engine.quote(symbol, q.bids(), q.asks()));
            }
            return null;
        });
        SessionSettings ss = new SessionSettings();
        // the store and log factories look dynamic sessions up in the default section
        ss.setString("FileStorePath", settings.storeDir().toString());
        ss.setString("FileLogPath", settings.logDir().toString());
        ss.setBool("FileLogHeartbeats", false);
        ss.setBool("FileIncludeMilliseconds", true);
        List<TemplateMapping> mappings = new ArrayList<>();
        for (SimDialect d : settings.dialects()) {
            SessionID template = new SessionID(d.beginString, settings.compId(), "*");
            ss.setString(template, "ConnectionType", "acceptor");
            ss.setString(template, "BeginString", d.beginString);
            ss.setString(template, "SenderCompID", settings.compId());
            ss.setString(template, "TargetCompID", "*");
            ss.setBool(template, "AcceptorTemplate", true);
            ss.setString(template, "SocketAcceptAddress", settings.bindAddress());
            ss.setLong(template, "SocketAcceptPort", settings.port());
            settings.sessionRules().configure(ss, template); // NonStopSession, or the schedule
            ss.setString(template, "FileStorePath", settings.storeDir().toString());
            ss.setString(template, "FileLogPath", settings.logDir().toString());
            ss.setBool(template, "FileLogHeartbeats", false);
            ss.setBool(template, "FileIncludeMilliseconds", true);
            ss.setBool(template, "PersistMessages", true);
            ss.setBool(template, "ResetOnLogon", false);
            ss.setBool(template, "ResetOnLogout", false);
            ss.setBool(template, "ResetOnDisconnect", false);
            ss.setBool(template, "RefreshOnLogon", false);
            d.configureDictionaries(ss, template);
            ss.setBool(template, "ValidateIncomingMessage", settings.validateIncoming());
            ss.setBool(template, "RejectInvalidMessage", true);
            ss.setBool(template, "RejectMessageOnUnhandledException", true);
            ss.setBool(template, "ValidateUserDefinedFields", false);
            ss.setBool(template, "ValidateFieldsOutOfOrder", false);
            // FIX 4.2 has no Username/Password in its Logon: accept them as clients commonly send them
            ss.setBool(template, "AllowUnknownMsgFields", d.isFix42());
            ss.setLong(template, "LogoutTimeout", 2);
            settings.tls().configure(ss, template);
            for (String client : settings.clients()) {
                // any SubID / LocationID: a client that sends SenderSubID (50) etc. is the same client
                String any = DynamicAcceptorSessionProvider.WILDCARD;
                mappings.add(new TemplateMapping(new SessionID(d.beginString, settings.compId(), any, any, client, any,
                        any, null), template));
            }
        }
        SimApplication app = new SimApplication();
        SocketAcceptor newAcceptor = new SocketAcceptor(app, new FileStoreFactory(ss),
                ss, SimLogs.masking(new FileLogFactory(ss)), messageFactory);
        SocketAddress address = new InetSocketAddress(settings.bindAddress(), settings.port());
        newAcceptor.setSessionProvider(address, new DynamicAcceptorSessionProvider(ss, mappings, app,
                new FileStoreFactory(ss), SimLogs.masking(new FileLogFactory(ss)), messageFactory));
        newAcceptor.start();
        acceptor = newAcceptor;
        if (settings.walkIntervalMs() > 0) {
            engineThread.scheduleAtFixedRate(this::walkStep, settings.walkIntervalMs(), settings.walkIntervalMs(),
                    TimeUnit.MILLISECONDS);
        }
        LOG.info("FIX exchange simulator listening on {}:{}: {}", settings.bindAddress(), port(), settings);
    }

    @Override
    public void close() {
        if (acceptor != null) {
            acceptor.stop(true);
            acceptor = null;
        }
        engineThread.shutdown();
        try {
            if (!engineThread.awaitTermination(10, TimeUnit.SECONDS)) {
                engineThread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            engineThread.shutdownNow();
        }
    }

    // ------------------------------------------------------------------------------------------ ExchangeControl

    @Override
    public int port() {
        SocketAcceptor a = acceptor;
        if (a != null) {
            for (IoAcceptor io : a.getEndpoints()) {
                if (io.getLocalAddress() instanceof InetSocketAddress isa) {
                    return isa.getPort();
                }
            }
        }
        return settings.port();
    }

    @Override
    public Set<String> loggedOnClients() {
        Set<String> clients = new LinkedHashSet<>();
        for (SessionID id : loggedOn) {
            clients.add(id.getTargetCompID());
        }
        return clients;
    }

    @Override
    public boolean dropSession(String clientCompId) {
        boolean dropped = false;
        for (SessionID id : sessions.values()) {
            Session s = Session.lookupSession(id);
            if (id.getTargetCompID().equals(clientCompId) && s != null && s.hasResponder()) {
                try {
                    LOG.info("dropping the connection of {}", id);
                    s.disconnect("connection dropped through ExchangeControl", false);
                    dropped = true;
                } catch (IOException e) {
                    LOG.warn("could not drop {}", id, e);
                }
            }
        }
        return dropped;
    }

    @Override
    public boolean newSession(String clientCompId) {
        boolean any = false;
        for (SessionID id : sessions.values()) {
            Session s = Session.lookupSession(id);
            if (!id.getTargetCompID().equals(clientCompId) || s == null) {
                continue;
            }
            any = true;
            if (s.isLoggedOn()) {
                LOG.info("new session for {}: Logon with ResetSeqNumFlag=Y", id);
                s.send(messages.resetLogon(SimDialect.forBeginString(id.getBeginString()), heartBtInt(id)));
            } else {
                s.reset(); // not logged on: the store starts again at 1 now, as at a scheduled session start
                LOG.info("new session for {}: sequence numbers reset to 1; the client is expected to log on as 1", id);
            }
        }
        return any;
    }

    @Override
    public void stepMarket() {
        call(() -> {
            walkStep();
            return null;
        });
    }

    @Override
    public void expireDayOrders() {
        call(() -> {
            apply(engine.expireDayOrders());
            return null;
        });
    }

    @Override
    public List<String> fillExecIds(String clientCompId) {
        return fills(clientCompId).stream().map(ClientFill::execId).toList();
    }

    @Override
    public List<ClientFill> fills(String clientCompId) {
        List<ClientFill> fills = fillsByClient.getOrDefault(clientCompId, List.of());
        synchronized (fills) {
            return List.copyOf(fills);
        }
    }

    @Override
    public boolean bustFill(String clientCompId, String execId) {
        return adjustFill(clientCompId, execId, 0, 0);
    }

    @Override
    public boolean correctFill(String clientCompId, String execId, long quantity, long price) {
        if (quantity <= 0 || price <= 0) {
            throw new IllegalArgumentException("a corrected fill needs a positive quantity and price");
        }
        return adjustFill(clientCompId, execId, quantity, price);
    }

    private boolean adjustFill(String clientCompId, String execId, long quantity, long price) {
        return call(() -> {
            List<ClientFill> fills = fillsByClient.getOrDefault(clientCompId, List.of());
            synchronized (fills) {
                for (int i = 0; i < fills.size(); i++) {
                    ClientFill f = fills.get(i);
                    if (!f.execId().equals(execId)) {
                        continue;
                    }
                    for (SessionID id : sessions.values()) {
                        if (!id.getTargetCompID().equals(clientCompId)) {
                            continue;
                        }
                        SimEvent.TradeAdjusted e = engine.adjustFill(id.toString(), f.clOrdId(), execId,
                                f.quantity(), f.price(), quantity, price);
                        if (e != null) {
                            if (quantity == 0) {
                                fills.remove(i);
                            } else {
                                fills.set(i, new ClientFill(execId, f.clOrdId(), f.symbol(), f.side(), quantity,
                                        price));
                            }
                            apply(List.of(e));
                            return true;
                        }
                    }
                }
            }
            return false;
        });
    }

    @Override
    public List<String> openOrders(String clientCompId) {
        return call(() -> {
            List<String> open = new ArrayList<>();
            for (SessionID id : sessions.values()) {
                if (id.getTargetCompID().equals(clientCompId)) {
                    for (SimOrder o : engine.openOrders(id.toString())) {
                        open.add(o.clOrdId + " " + o.symbol + " " + o.side + " " + Fixed.format(o.leaves()));
                    }
                }
            }
            return open;
        });
    }

    @Override
    public String describeBook(String symbol) {
        return call(() -> {
            OrderBook book = engine.book(symbol);
            if (book == null) {
                return "unknown symbol " + symbol;
            }
            StringBuilder s = new StringBuilder(symbol).append(" mid ").append(Fixed.format(maker.mid(symbol)));
            s.append("\n bids ").append(levels(book.levels(Side.BUY, settings.depth())));
            s.append("\n asks ").append(levels(book.levels(Side.SELL, settings.depth())));
            for (Side side : Side.values()) {
                for (SimOrder o : book.orders(side)) {
                    if (!o.isMaker()) {
                        s.append("\n ").append(o);
                    }
                }
            }
            return s.toString();
        });
    }

    // ------------------------------------------------------------------------------------------ test support

    /** Sends any message to every logged-on session of a client (tests: malformed or unexpected messages). */
    public void sendToClient(String clientCompId, Message message) {
        for (SessionID id : loggedOn) {
            if (id.getTargetCompID().equals(clientCompId)) {
                Session.lookupSession(id).send(message);
            }
        }
    }

    /** The client's HeartBtInt (its last Logon's), 30 when unknown. */
    private int heartBtInt(SessionID id) {
        Message logon = lastLogons.get(id);
        try {
            return logon != null && logon.isSetField(quickfix.field.HeartBtInt.FIELD)
                    ? logon.getInt(quickfix.field.HeartBtInt.FIELD) : 30;
        } catch (FieldNotFound e) {
            return 30;
        }
    }

    /** The last Logon a client sent us, or null. */
    public Message lastLogon(String clientCompId) {
        SessionID id = sessionOf(clientCompId);
        return id == null ? null : lastLogons.get(id);
    }

    /** Session Rejects (3) and BusinessMessageRejects (j) the clients sent us. */
    public List<Message> receivedRejects() {
        return List.copyOf(receivedRejects);
    }

    /** The client's FIX session id, or null. */
    public SessionID sessionOf(String clientCompId) {
        for (SessionID id : sessions.values()) {
            if (id.getTargetCompID().equals(clientCompId)) {
                return id;
            }
        }
        return null;
    }

    /** The maker's current mid (tests). */
    public long mid(String symbol) {
        return call(() -> maker.mid(symbol));
    }

    @Override
    public void quote(String symbol, List<long[]> bids, List<long[]> asks) {
        call(() -> {
            apply(engine.quote(symbol, bids.stream().map(l -> new Level(l[0], l[1])).toList(),
                    asks.stream().map(l -> new Level(l[0], l[1])).toList()));
            return null;
        });
    }

    // ------------------------------------------------------------------------------------------ engine thread

    private <T> T call(Callable<T> task) {
        try {
            return engineThread.submit(task).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the simulator engine did not answer within 30 s", e);
        }
    }

    private void onEngine(String what, Runnable task) {
        engineThread.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("simulator: {} failed", what, e);
            }
        });
    }

    private void walkStep() {
        try {
            for (Map.Entry<String, MarketMaker.Quote> e : maker.step().entrySet()) {
                apply(engine.quote(e.getKey(), e.getValue().bids(), e.getValue().asks()));
            }
        } catch (RuntimeException e) {
            LOG.error("simulator: random walk step failed", e);
        }
    }

    /** Sends the execution reports of the events to their sessions, then the market data of what changed. */
    private void apply(List<SimEvent> events) {
        Set<String> changed = new LinkedHashSet<>();
        Map<String, List<SimEvent.Print>> prints = new LinkedHashMap<>();
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        for (SimEvent e : events) {
            if (e instanceof SimEvent.BookChanged b) {
                changed.add(b.symbol());
            } else if (e instanceof SimEvent.Print p) {
                changed.add(p.symbol());
                prints.computeIfAbsent(p.symbol(), k -> new ArrayList<>()).add(p);
            } else if (e.owner() != null && !SimOrder.MAKER.equals(e.owner())) {
                SessionID id = sessions.get(e.owner());
                if (id == null) {
                    continue;
                }
                SimDialect d = SimDialect.forBeginString(id.getBeginString());
                String execId = e instanceof SimEvent.Trade t ? t.execId() : engine.nextExecId();
                Message report = messages.report(d, e, execId, now);
                accounts.stamp(e.owner(), report);
                if (e instanceof SimEvent.Trade t) {
                    fillsByClient.computeIfAbsent(id.getTargetCompID(),
                            k -> Collections.synchronizedList(new ArrayList<>())).add(new ClientFill(execId,
                                    t.order().clOrdId(), t.order().symbol(), t.order().side().name(),
                                    t.lastQuantity(), t.lastPrice()));
                }
                send(id, report);
            }
        }
        for (String symbol : changed) {
            for (MarketDataFeed.Update u : feed.onChange(symbol, engine.book(symbol),
                    prints.getOrDefault(symbol, List.of()))) {
                SessionID id = sessions.get(u.session());
                if (id != null && loggedOn.contains(id)) {
                    send(id, messages.incremental(SimDialect.forBeginString(id.getBeginString()), u));
                }
            }
        }
    }

    /** Sends now, or (when the client is away) stores it for the resend when it logs on again. */
    private void send(SessionID id, Message message) {
        Session s = Session.lookupSession(id);
        if (s != null) {
            s.send(message);
        }
    }

    private void onMarketDataRequest(SessionID id, String reqId, char type, int depth, List<String> symbols) {
        String owner = id.toString();
        SimDialect d = SimDialect.forBeginString(id.getBeginString());
        if (type == SubscriptionRequestType.DISABLE_PREVIOUS_SNAPSHOT_UPDATE_REQUEST) {
            feed.unsubscribe(owner, reqId);
            return;
        }
        if (type == SubscriptionRequestType.SNAPSHOT_UPDATES && feed.hasSubscription(owner, reqId)) {
            send(id, messages.marketDataReject(d, reqId, quickfix.field.MDReqRejReason.DUPLICATE_MDREQID,
                    "duplicate MDReqID " + reqId));
            return;
        }
        int levels = depth <= 0 ? 0 : depth;
        for (String symbol : symbols) {
            OrderBook book = engine.book(symbol);
            if (book == null) {
                send(id, messages.marketDataReject(d, reqId, quickfix.field.MDReqRejReason.UNKNOWN_SYMBOL,
                        "unknown symbol " + symbol));
                continue;
            }
            if (type == SubscriptionRequestType.SNAPSHOT_UPDATES) {
                MarketDataFeed.Subscription sub = feed.subscribe(owner, reqId, symbol, levels, book);
                send(id, messages.snapshot(d, reqId, symbol, sub.bids, sub.asks));
            } else {
                send(id, messages.snapshot(d, reqId, symbol, book.levels(Side.BUY, levels),
                        book.levels(Side.SELL, levels)));
            }
        }
    }

    private static String levels(List<Level> levels) {
        StringBuilder s = new StringBuilder();
        for (Level l : levels) {
            s.append(Fixed.format(l.quantity())).append('@').append(Fixed.format(l.price())).append(' ');
        }
        return s.toString().trim();
    }

    // ------------------------------------------------------------------------------------------ QuickFIX/J

    /** The acceptor's callbacks: validate and parse on QuickFIX/J's thread, act on the engine thread. */
    private final class SimApplication implements Application {

        @Override
        public void onCreate(SessionID sessionId) {
            sessions.put(sessionId.toString(), sessionId);
        }

        @Override
        public void onLogon(SessionID sessionId) {
            sessions.put(sessionId.toString(), sessionId);
            loggedOn.add(sessionId);
            LOG.info("simulator: {} logged on", sessionId);
        }

        @Override
        public void onLogout(SessionID sessionId) {
            loggedOn.remove(sessionId);
            onEngine("end market data of " + sessionId, () -> feed.dropSession(sessionId.toString()));
            LOG.info("simulator: {} logged out", sessionId);
        }

        @Override
        public void toAdmin(Message message, SessionID sessionId) {
        }

        @Override
        public void fromAdmin(Message message, SessionID sessionId)
                throws FieldNotFound, IncorrectDataFormat, IncorrectTagValue, RejectLogon {
            String type = message.getHeader().getString(MsgType.FIELD);
            if (MsgType.LOGON.equals(type)) {
                lastLogons.put(sessionId, message);
                int missing = settings.sessionRules().missing(message, type);
                if (missing != 0) {
                    LOG.warn("simulator: logon of {} refused: required field {} missing", sessionId, missing);
                    throw new RejectLogon("required field " + missing + " missing");
                }
            }
            if (MsgType.LOGON.equals(type) && !settings.password().isEmpty()) {
                String given = message.isSetField(Password.FIELD) ? message.getString(Password.FIELD) : "";
                if (!settings.password().equals(given)) {
                    LOG.warn("simulator: logon of {} refused: wrong password", sessionId);
                    throw new RejectLogon("invalid username or password");
                }
            }
            if (MsgType.REJECT.equals(type)) {
                receivedRejects.add(message);
            }
        }

        @Override
        public void toApp(Message message, SessionID sessionId) throws DoNotSend {
            try {
                if (message.getHeader().isSetField(PossDupFlag.FIELD)
                        && message.getHeader().getBoolean(PossDupFlag.FIELD)
                        && MARKET_DATA.contains(message.getHeader().getString(MsgType.FIELD))) {
                    throw new DoNotSend(); // stale market data is never resent (gap-filled)
                }
            } catch (FieldNotFound e) {
                // not a resend
            }
        }

        @Override
        public void fromApp(Message m, SessionID id)
                throws FieldNotFound, IncorrectDataFormat, IncorrectTagValue, UnsupportedMessageType {
            String owner = id.toString();
            String type = m.getHeader().getString(MsgType.FIELD);
            if (settings.faults().refuseStatusRequests() && (MsgType.ORDER_STATUS_REQUEST.equals(type)
                    || MsgType.ORDER_MASS_STATUS_REQUEST.equals(type))) {
                throw new UnsupportedMessageType(); // QuickFIX/J answers BusinessMessageReject reason 3
            }
            int missing = settings.sessionRules().missing(m, type);
            if (missing != 0) {
                LOG.info("simulator: {} of {} refused: required field {} missing", type, id, missing);
                throw new FieldNotFound(missing); // QuickFIX/J answers BusinessMessageReject reason 5
            }
            switch (type) {
                case MsgType.ORDER_SINGLE -> {
                    accounts.remember(owner, m);
                    String clOrdId = m.getString(ClOrdID.FIELD);
                    String symbol = m.getString(Symbol.FIELD);
                    Side side = side(m);
                    char ordType = m.getChar(OrdType.FIELD);
                    long qty = fixed(m, OrderQty.FIELD);
                    TimeInForce tif = timeInForce(m);
                    if (ordType != OrdType.LIMIT && ordType != OrdType.MARKET || tif == null) {
                        String text = tif == null ? "unsupported TimeInForce" : "unsupported OrdType " + ordType;
                        onEngine("reject " + clOrdId, () -> apply(List.of(new SimEvent.Rejected(owner, clOrdId,
                                symbol, side, OrderType.LIMIT, TimeInForce.DAY, 0, qty,
                                MatchingEngine.REJ_UNSUPPORTED, text))));
                        return;
                    }
                    OrderType orderType = ordType == OrdType.LIMIT ? OrderType.LIMIT : OrderType.MARKET;
                    long price = orderType == OrderType.LIMIT ? fixed(m, Price.FIELD) : 0;
                    onEngine("new order " + clOrdId, () -> apply(engine.newOrder(owner, clOrdId, symbol, side,
                            orderType, tif, price, qty)));
                }
                case MsgType.ORDER_CANCEL_REQUEST -> {
                    String clOrdId = m.getString(ClOrdID.FIELD);
                    if (settings.faults().silentOnCancel()) {
                        LOG.info("simulator: cancel {} left unanswered (silentOn=cancel)", clOrdId);
                        return;
                    }
                    String orig = m.getString(OrigClOrdID.FIELD);
                    onEngine("cancel " + clOrdId, () -> apply(engine.cancel(owner, clOrdId, orig)));
                }
                case MsgType.ORDER_CANCEL_REPLACE_REQUEST -> {
                    String clOrdId = m.getString(ClOrdID.FIELD);
                    if (settings.faults().silentOnReplace()) {
                        LOG.info("simulator: replace {} left unanswered (silentOn=replace)", clOrdId);
                        return;
                    }
                    accounts.remember(owner, m);
                    String orig = m.getString(OrigClOrdID.FIELD);
                    char ordType = m.getChar(OrdType.FIELD);
                    OrderType orderType = ordType == OrdType.MARKET ? OrderType.MARKET : OrderType.LIMIT;
                    long qty = fixed(m, OrderQty.FIELD);
                    long price = orderType == OrderType.LIMIT ? fixed(m, Price.FIELD) : 0;
                    onEngine("replace " + clOrdId, () -> apply(engine.replace(owner, clOrdId, orig, orderType,
                            price, qty)));
                }
                case MsgType.ORDER_STATUS_REQUEST -> {
                    String clOrdId = m.getString(ClOrdID.FIELD);
                    String orderId = m.isSetField(OrderID.FIELD) ? m.getString(OrderID.FIELD) : null;
                    String symbol = m.getString(Symbol.FIELD);
                    Side side = side(m);
                    onEngine("status " + clOrdId, () -> apply(engine.status(owner, clOrdId, orderId, symbol, side)));
                }
                case MsgType.ORDER_MASS_CANCEL_REQUEST -> {
                    String reqId = m.getString(ClOrdID.FIELD);
                    onEngine("mass cancel " + reqId, () -> {
                        int[] canceled = new int[1];
                        apply(engine.massCancel(owner, canceled));
                        send(id, messages.massCancelReport(SimDialect.forBeginString(id.getBeginString()), reqId,
                                canceled[0]));
                    });
                }
                case MsgType.ORDER_MASS_STATUS_REQUEST -> {
                    String reqId = m.getString(MassStatusReqID.FIELD);
                    onEngine("mass status " + reqId, () -> {
                        List<SimEvent> events = engine.massStatus(owner, reqId);
                        if (events.isEmpty()) {
                            events = List.of(new SimEvent.Status(owner, null, "NONE",
                                    engine.symbols().iterator().next(), Side.BUY, reqId, 0, true));
                        }
                        apply(events);
                    });
                }
                case MsgType.MARKET_DATA_REQUEST -> {
                    String reqId = m.getString(MDReqID.FIELD);
                    char subscription = m.getChar(SubscriptionRequestType.FIELD);
                    int depth = m.isSetField(MarketDepth.FIELD) ? m.getInt(MarketDepth.FIELD) : settings.depth();
                    List<String> symbols = new ArrayList<>();
                    for (int i = 1; i <= m.getGroupCount(NoRelatedSym.FIELD); i++) {
                        symbols.add(m.getGroup(i, NoRelatedSym.FIELD).getString(Symbol.FIELD));
                    }
                    if (symbols.isEmpty()) {
                        throw new FieldNotFound(NoRelatedSym.FIELD);
                    }
                    onEngine("market data request " + reqId,
                            () -> onMarketDataRequest(id, reqId, subscription, depth, symbols));
                }
                case MsgType.BUSINESS_MESSAGE_REJECT -> receivedRejects.add(m);
                default -> throw new UnsupportedMessageType();
            }
        }
    }

    private static Side side(FieldMap m) throws FieldNotFound, IncorrectTagValue {
        char side = m.getChar(quickfix.field.Side.FIELD);
        return switch (side) {
            case quickfix.field.Side.BUY -> Side.BUY;
            case quickfix.field.Side.SELL, quickfix.field.Side.SELL_SHORT, quickfix.field.Side.SELL_SHORT_EXEMPT ->
                    Side.SELL;
            default -> throw new IncorrectTagValue(quickfix.field.Side.FIELD, String.valueOf(side));
        };
    }

    /** TimeInForce (59), DAY when absent; null when unsupported. */
    private static TimeInForce timeInForce(FieldMap m) throws FieldNotFound {
        if (!m.isSetField(quickfix.field.TimeInForce.FIELD)) {
            return TimeInForce.DAY;
        }
        return switch (m.getChar(quickfix.field.TimeInForce.FIELD)) {
            case quickfix.field.TimeInForce.DAY -> TimeInForce.DAY;
            case quickfix.field.TimeInForce.GOOD_TILL_CANCEL -> TimeInForce.GTC;
            case quickfix.field.TimeInForce.IMMEDIATE_OR_CANCEL -> TimeInForce.IOC;
            default -> null;
        };
    }

    private static long fixed(FieldMap m, int tag) throws FieldNotFound, IncorrectTagValue {
        try {
            return Fixed.fromBigDecimal(m.getDecimal(tag));
        } catch (IllegalArgumentException e) {
            throw new IncorrectTagValue(tag, m.getString(tag), "more than " + Fixed.DECIMALS + " decimals");
        }
    }
}
