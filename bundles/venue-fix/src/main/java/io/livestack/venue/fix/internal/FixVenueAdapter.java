package io.livestack.venue.fix.internal;

import com.codahale.metrics.MetricRegistry;
import io.livestack.api.event.Event;
import io.livestack.api.event.ExecutionReport;
import io.livestack.api.event.MarketDataEvent;
import io.livestack.api.event.OrderCancelRejected;
import io.livestack.api.event.VenueSessionEvent;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecType;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.runtime.EventIntake;
import io.livestack.api.state.OrderView;
import io.livestack.api.venue.VenueAdapter;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.IoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.Application;
import quickfix.ConfigError;
import quickfix.DefaultSessionFactory;
import quickfix.DoNotSend;
import quickfix.FieldException;
import quickfix.FieldNotFound;
import quickfix.FileLogFactory;
import quickfix.FileStoreFactory;
import quickfix.IncorrectDataFormat;
import quickfix.IncorrectTagValue;
import quickfix.Message;
import quickfix.MessageStoreFactory;
import quickfix.RejectLogon;
import quickfix.Session;
import quickfix.SessionFactory;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.SessionStateListener;
import quickfix.SocketInitiator;
import quickfix.UnsupportedMessageType;
import quickfix.field.BusinessRejectRefID;
import quickfix.field.BusinessRejectReason;
import quickfix.field.ClOrdID;
import quickfix.field.LastRptRequested;
import quickfix.field.MDReqID;
import quickfix.field.MassStatusReqID;
import quickfix.field.MsgSeqNum;
import quickfix.field.MsgType;
import quickfix.field.NoRelatedSym;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.PossDupFlag;
import quickfix.field.Price;
import quickfix.field.RefMsgType;
import quickfix.field.RefSeqNum;
import quickfix.field.RefTagID;
import quickfix.field.ResetSeqNumFlag;
import quickfix.field.SessionRejectReason;
import quickfix.field.Symbol;
import quickfix.field.Text;

/**
 * The FIX venue adapter of one venue: one QuickFIX/J initiator session, order entry and market data mapped to and
 * from runtime events, session state published to {@link EventIntake}, reconciliation after every logon.
 * <p>
 * Threads: one owned thread per venue ({@code livestack-fix-VENUE}) runs the session lifecycle and reconciliation
 * and sends whatever it is handed; the runtime's processing thread never waits for it ({@link #reconcile},
 * {@link #connect}, {@link #disconnect} only enqueue). Orders ({@link #submit}, {@link #cancel}, {@link #replace})
 * are sent on the processing thread itself when that cannot wait — direct send: nothing is queued for the venue
 * thread (so the order of messages is kept) and QuickFIX/J's sender lock is free ({@link SenderLock}: no resend,
 * logon or heartbeat in progress) — which saves the venue thread's wake-up (tens of microseconds) on the way to the
 * venue; otherwise, or with {@code directSend = false}, they go to the venue thread. Inbound messages are mapped and
 * published on QuickFIX/J's message processor thread (publishing may wait for intake: back-pressure reaches the
 * socket, nothing is dropped).
 * <p>
 * Sequence numbers are never reset (ResetOnLogon/Logout/Disconnect=N, durable file store). Order messages are never
 * resent after a reconnect (they are gap-filled; reconciliation finds out what the venue has).
 * <p>
 * Telemetry ({@link VenueTelemetry}): every message received ({@code fromAdmin}/{@code fromApp}) and sent
 * ({@code toAdmin}/{@code toApp}, once it is certain to go out) is counted, the time of the last received one is kept
 * for the heartbeat lag, every logon after the first of this adapter counts as a reconnect, every Reject or
 * BusinessMessageReject we send counts as a refused message and every message QuickFIX/J ignores as garbled (its
 * session log says so: {@link GarbledCountingLog}) as a garbled one; the metrics are in
 * the {@link MetricRegistry} while one is bound ({@link #bindMetrics}) and leave it when the adapter closes.
 */
public final class FixVenueAdapter implements VenueAdapter, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FixVenueAdapter.class);
    /** Outbound messages recorded by sequence number and never resent. */
    private static final Set<String> ORDER_MESSAGES = Set.of(MsgType.ORDER_SINGLE, MsgType.ORDER_CANCEL_REQUEST,
            MsgType.ORDER_CANCEL_REPLACE_REQUEST, MsgType.ORDER_STATUS_REQUEST, MsgType.ORDER_MASS_STATUS_REQUEST,
            MsgType.MARKET_DATA_REQUEST);
    private static final int INBOUND_QUEUE_CAPACITY = 10_000;
    /** How often a connect waiting for the runtime's recovery looks again. */
    private static final long RECOVERY_POLL_MILLIS = 200;
    /** How often a resend asked by a failed reconciliation is checked for having caught up. */
    private static final long RESEND_POLL_MILLIS = 50;

    private final EventIntake intake;
    private final Clock clock;
    private final Function<SessionSettings, MessageStoreFactory> storeFactories;
    private final quickfix.MessageFactory messageFactory;
    private final ScheduledExecutorService worker;
    /** A connect waiting for the runtime's recovery (venue thread only). */
    private ScheduledFuture<?> connectLater;
    private final Object stateLock = new Object();
    private final AtomicLong requestCounter = new AtomicLong();
    /** Tasks handed to the venue thread and not finished: while there are any, orders queue behind them. */
    private final AtomicInteger queued = new AtomicInteger();
    private final VenueTelemetry telemetry;

    private volatile FixVenueSettings settings;
    private volatile VenueSessionState state = VenueSessionState.DISCONNECTED;
    private volatile String stateDetail = "";
    private volatile Generation current;
    private volatile SentMessages sent;
    private volatile String lastMarketDataIssue = "";
    /** The MsgSeqNum of the last report published (the journal's mark once journaled); -1 after a reset. */
    private volatile long lastReportSeq = -1;

    /** Worker thread only. */
    private SocketInitiator initiator;

    /**
     * @param storeFactories the message store for the session settings; production uses QuickFIX/J's durable
     *        {@link FileStoreFactory} (tests may wrap it)
     */
    FixVenueAdapter(FixVenueSettings settings, EventIntake intake, Clock clock,
            Function<SessionSettings, MessageStoreFactory> storeFactories) {
        this(settings, intake, clock, storeFactories, System::nanoTime);
    }

    /** @param nanoClock monotonic nanoseconds for the telemetry (the heartbeat lag); {@link System#nanoTime()} */
    FixVenueAdapter(FixVenueSettings settings, EventIntake intake, Clock clock,
            Function<SessionSettings, MessageStoreFactory> storeFactories, LongSupplier nanoClock) {
        this.settings = settings;
        this.telemetry = new VenueTelemetry(settings.venue(), nanoClock);
        this.intake = intake;
        this.clock = clock;
        this.storeFactories = storeFactories;
        this.messageFactory = FixDialect.messageFactory();
        this.sent = new SentMessages(settings.sentMessageMemory());
        String threadName = "livestack-fix-" + settings.venue().value();
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** The production adapter: durable file store, system clock. */
    public static FixVenueAdapter create(FixVenueSettings settings, EventIntake intake) {
        return new FixVenueAdapter(settings, intake, Clock.systemUTC(), FileStoreFactory::new);
    }

    /** Connects when the configuration says so (autoConnect). */
    void start() {
        if (settings.autoConnect()) {
            connect();
        }
    }

    // ------------------------------------------------------------------------------------------ VenueAdapter

    @Override
    public VenueId venueId() {
        return settings.venue();
    }

    @Override
    public Set<InstrumentId> instruments() {
        return settings.instruments();
    }

    @Override
    public VenueSessionState sessionState() {
        return state;
    }

    @Override
    public String kind() {
        return "fix";
    }

    @Override
    public String describe() {
        FixVenueSettings s = settings;
        StringBuilder d = new StringBuilder();
        d.append(s.dialect().beginString()).append(' ').append(s.senderCompId()).append("->")
                .append(s.targetCompId()).append(" @ ").append(s.address()).append(s.tlsEnabled() ? " (TLS)" : "");
        Generation g = current;
        Session session = g == null ? null : g.session;
        if (session != null) {
            d.append(", seq out ").append(session.getExpectedSenderNum()).append(" in ")
                    .append(session.getExpectedTargetNum());
        }
        d.append(", ").append(state);
        if (!stateDetail.isEmpty()) {
            d.append(" (").append(stateDetail).append(')');
        }
        if (!lastMarketDataIssue.isEmpty()) {
            d.append(", market data: ").append(lastMarketDataIssue);
        }
        SessionRules rules = s.rules();
        if (!rules.schedule().nonStop() && !rules.schedule().inSession(clock.instant())) {
            d.append(", ").append(rules.schedule().waitingDetail(clock.instant()));
        }
        d.append("; ").append(rules.describe());
        String lastReset = g == null ? "" : g.resets.last();
        if (!lastReset.isEmpty()) {
            d.append("; last reset: ").append(lastReset);
        }
        return d.toString();
    }

    @Override
    public void submit(OrderView order) {
        if (!sentDirectly(() -> sendNewOrder(order))) {
            run("submit", () -> sendNewOrder(order));
        }
    }

    @Override
    public void cancel(OrderView order, ClientOrderId cancelClientOrderId) {
        if (!sentDirectly(() -> sendCancel(order, cancelClientOrderId))) {
            run("cancel", () -> sendCancel(order, cancelClientOrderId));
        }
    }

    @Override
    public void replace(OrderView order, ClientOrderId newClientOrderId, long newPrice, long newQuantity) {
        if (!sentDirectly(() -> sendReplace(order, newClientOrderId, newPrice, newQuantity))) {
            run("replace", () -> sendReplace(order, newClientOrderId, newPrice, newQuantity));
        }
    }

    /** One OrderStatusRequest for an order whose cancel or replace the venue left unanswered. */
    @Override
    public void requestStatus(OrderView order) {
        run("status request", () -> {
            Generation g = current;
            Session session = g == null ? null : g.session;
            if (session == null || !session.isLoggedOn() || !session.send(g.out.orderStatus(order))) {
                LOG.warn("{}: status request for {} not sent: not logged on", settings.venue(),
                        order.clientOrderId());
            }
        });
    }

    @Override
    public void reconcile(Collection<OrderView> openOrders) {
        List<OrderView> copy = List.copyOf(openOrders);
        run("reconcile", () -> startReconciliation(copy));
    }

    @Override
    public void connect() {
        run("connect", this::doConnect);
    }

    @Override
    public void disconnect() {
        run("disconnect", this::doDisconnect);
    }

    /**
     * Applies a changed configuration: the session is logged out and started again with the new settings (the same
     * store when it is the same session, so sequence numbers continue). Waits for the restart to be under way.
     */
    void reconfigure(FixVenueSettings newSettings) {
        queued.incrementAndGet(); // no direct send while the session is being replaced
        Future<?> done;
        try {
            done = worker.submit(() -> {
                try {
                    FixVenueSettings old = settings;
                    stopSession("stopped: configuration changed");
                    if (!old.sameSession(newSettings) || old.sentMessageMemory() != newSettings.sentMessageMemory()) {
                        sent = new SentMessages(newSettings.sentMessageMemory());
                    }
                    settings = newSettings;
                    telemetry.venue(newSettings.venue());
                    lastMarketDataIssue = "";
                    if (newSettings.autoConnect()) {
                        doConnect();
                    }
                } finally {
                    queued.decrementAndGet();
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            queued.decrementAndGet();
            LOG.warn("{}: reconfiguration ignored: the venue is shut down", settings.venue());
            return;
        }
        await(done, "reconfigure");
    }

    /** Logs out, disposes of the session, removes the venue's metrics and stops the venue's thread. */
    @Override
    public void close() {
        if (worker.isShutdown()) {
            return;
        }
        queued.incrementAndGet(); // no direct send any more
        try {
            await(worker.submit(() -> stopSession("stopped: venue removed")), "close");
        } finally {
            telemetry.close();
            worker.shutdown();
            try {
                if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
                    worker.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                worker.shutdownNow();
            }
        }
    }

    /** The FIX session id (tests and diagnostics), or null while no session exists. */
    SessionID sessionId() {
        Generation g = current;
        return g == null || g.session == null ? null : g.session.getSessionID();
    }

    FixVenueSettings settings() {
        return settings;
    }

    /** Puts this venue's metrics into the registry (until {@link #unbindMetrics} or {@link #close}). */
    void bindMetrics(MetricRegistry registry) {
        telemetry.bind(registry);
    }

    /** The registry goes away: the venue's metrics leave it (counting goes on). */
    void unbindMetrics(MetricRegistry registry) {
        telemetry.unbind(registry);
    }

    /** The running session's QuickFIX/J callbacks, or null (tests drive them directly). */
    Application application() {
        return current;
    }

    /** Tasks handed to the venue thread and not finished (tests). */
    int queuedTasks() {
        return queued.get();
    }

    /** Our remembered outbound order messages (tests). */
    SentMessages sentMessages() {
        return sent;
    }

    // ------------------------------------------------------------------------------------------ worker thread

    private void run(String what, Runnable task) {
        queued.incrementAndGet();
        try {
            worker.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("{}: {} failed", settings.venue(), what, e);
                } finally {
                    queued.decrementAndGet();
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            queued.decrementAndGet();
            LOG.warn("{}: {} ignored: the venue is shut down", settings.venue(), what);
        }
    }

    /**
     * Direct send: runs the send on the calling (processing) thread if it cannot wait there — nothing queued for the
     * venue thread and QuickFIX/J's sender lock taken without waiting (the send re-enters it) — and says whether it
     * did. The send itself then costs the caller what {@code Session.send} costs (building, storing and logging the
     * message, handing it to the socket: tens of microseconds), never a wait for another thread.
     */
    private boolean sentDirectly(Runnable send) {
        Generation g = current;
        // with storeSync every message waits for the disk (fsync): never on the processing thread
        if (g == null || !g.cfg.directSend() || g.cfg.storeSync() || queued.get() != 0 || worker.isShutdown()) {
            return false;
        }
        ReentrantLock lock = g.senderLock;
        if (lock == null || !lock.tryLock()) {
            return false;
        }
        try {
            send.run();
        } catch (RuntimeException e) {
            LOG.error("{}: sending failed", settings.venue(), e);
        } finally {
            lock.unlock();
        }
        return true;
    }

    private void await(Future<?> future, String what) {
        try {
            future.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.error("{}: {} failed", settings.venue(), what, e.getCause());
        } catch (TimeoutException e) {
            LOG.error("{}: {} did not finish within 60 s", settings.venue(), what);
        }
    }

    /**
     * Starts a new QuickFIX/J initiator for the current settings, unless one is running (connected, logging on or
     * retrying). Every connect after a {@link #doDisconnect disconnect} starts from a fresh session object on the same
     * durable store: sequence numbers continue, and no state of the previous connection (a pending logout, the
     * disabled flag) can hold the new logon back.
     */
    private void doConnect() {
        if (initiator != null) {
            LOG.info("{}: connect ignored: the FIX session is already started ({})", settings.venue(), state);
            return;
        }
        FixVenueSettings s = settings;
        long journaled = intake.lastJournaledVenueSeq(s.venue());
        if (journaled == EventIntake.RECOVERING) {
            // the journal says where the venue's messages stand only once the runtime has recovered from it
            if (connectLater == null) {
                publishState(VenueSessionState.CONNECTING, "waiting for the runtime's recovery from its journal");
            }
            connectLater = worker.schedule(() -> {
                connectLater = null;
                doConnect();
            }, RECOVERY_POLL_MILLIS, TimeUnit.MILLISECONDS);
            return;
        }
        try {
            Files.createDirectories(s.storeDir());
            Files.createDirectories(s.logDir());
        } catch (IOException | RuntimeException e) {
            publishState(VenueSessionState.ERROR, "cannot create the message store or log directory: " + e);
            return;
        }
        if (s.tlsEnabled()) {
            // QuickFIX/J would report a bad store as a bare exception, or use an empty one without a word
            String problem = TlsStores.problem(s);
            if (problem != null) {
                LOG.error("{}: cannot start the FIX session: {}", s.venue(), problem);
                publishState(VenueSessionState.ERROR, problem + "; fix it, then venue-connect");
                return;
            }
        }
        Generation g = new Generation(s);
        SessionSettings sessionSettings = FixSessionSettings.initiator(s);
        try {
            Set<Integer> secrets = s.rules().extraFields().secretTags();
            MessageStoreFactory stores = g.resets.observing(
                    Masking.storeFactory(storeFactories.apply(sessionSettings), secrets));
            DefaultSessionFactory defaults = new DefaultSessionFactory(g, stores,
                    GarbledCountingLog.factory(Masking.logFactory(new FileLogFactory(sessionSettings), secrets),
                            telemetry::garbled), messageFactory);
            SessionFactory factory = (sessionId, ss) -> {
                Session session = defaults.create(sessionId, ss);
                resumeAfterJournal(session, journaled);
                recoverSentOrders(session, g);
                session.addStateListener(g);
                g.senderLock = SenderLock.of(session);
                g.session = session;
                return session;
            };
            SocketInitiator newInitiator = new SocketInitiator(factory, sessionSettings, INBOUND_QUEUE_CAPACITY);
            // first in the chain (before QuickFIX/J's SslFilter and codec): sees every exception of the connection
            newInitiator.setIoFilterChainBuilder(chain -> chain.addFirst("livestack-errors", new ErrorRecorder(g)));
            current = g;
            if (s.rules().schedule().inSession(clock.instant())) {
                publishState(VenueSessionState.CONNECTING, "connecting to " + s.address());
            } else {
                // QuickFIX/J's initiator connects when the schedule opens
                publishState(VenueSessionState.DISCONNECTED, s.rules().schedule().waitingDetail(clock.instant()));
            }
            newInitiator.start();
            initiator = newInitiator;
            LOG.info("{}: FIX session {} started: {}", s.venue(), sessionSettings.sectionIterator().next(), s);
        } catch (ConfigError | RuntimeException e) {
            LOG.error("{}: cannot start the FIX session", s.venue(), e);
            current = null;
            publishState(VenueSessionState.ERROR, "cannot start the FIX session: " + e.getMessage());
        }
    }

    /**
     * Logs out and stops the initiator (waiting, on this venue's thread, at most the LogoutTimeout for the venue's
     * Logout answer), so that a following {@link #doConnect connect} starts a fresh session.
     * <p>
     * Merely disabling the QuickFIX/J session ({@code Session.logout()}) and enabling it again on connect
     * ({@code Session.logon()}) does not work: the Logout is only sent by the session timer up to a second later, a
     * {@code logon()} before that re-enables the still logged-on session, no Logout and no new Logon ever happen, and
     * the venue would stay CONNECTING for ever (the runtime's session stop then start timed out that way).
     */
    /**
     * Ties the session's inbound number to the journal: when QuickFIX/J's store expects a higher number than the one
     * after the last report the journal holds from this venue, messages were received (and their numbers stored)
     * but never journaled — a crash in between. The store is set back, so that the venue's Logon answer shows a gap
     * and QuickFIX/J asks for those messages again; resent reports are recognised by their exec id and counted once,
     * resent market data is dropped (stale). Never raised: a lower store number means the venue starts again.
     */
    private void resumeAfterJournal(Session session, long journaled) {
        int expected = session.getExpectedTargetNum();
        long markAtReset;
        try {
            markAtReset = new InboundEpoch(settings.storeDir()).journalMarkAtReset();
        } catch (IOException e) {
            LOG.warn("{}: cannot read where the current sequence numbering began: taking the journal's mark as "
                    + "current", settings.venue(), e);
            markAtReset = -1;
        }
        int from = InboundEpoch.resumeFrom(expected, journaled, markAtReset);
        if (from == InboundEpoch.KEEP) {
            return;
        }
        try {
            session.setNextTargetMsgSeqNum(from);
            telemetry.resendFromJournal(expected - from);
            LOG.warn("{}: the journal's last report from the venue is seq {}{}, the FIX store had received up to {}: "
                    + "asking the venue to resend from {}", settings.venue(), journaled,
                    from == 1 ? " (from before the last sequence reset: none of the current session)" : "",
                    expected - 1, from);
        } catch (IOException | RuntimeException e) {
            LOG.error("{}: cannot set the next inbound seq to {} (the journal's): reports the venue sent before a "
                    + "crash may be missing until reconciliation", settings.venue(), from, e);
        }
    }

    /** The journal's mark as a reset begins a new numbering: the last report published, else the journal's. */
    private long journalMarkAtReset() {
        long published = lastReportSeq;
        lastReportSeq = -1;
        return published >= 0 ? published : intake.lastJournaledVenueSeq(settings.venue());
    }

    /**
     * Before the logon: orders in the store the journal lost (sent before a power loss) are published, so that they
     * are booked before the venue's reports for them come (see {@link SentOrders}).
     */
    private void recoverSentOrders(Session session, Generation g) {
        try {
            List<io.livestack.api.event.SentOrderRecovered> found = g.sentOrders.unjournaled(session.getStore(),
                    settings.venue(), intake::sentButNotJournaled, now());
            for (io.livestack.api.event.SentOrderRecovered order : found) {
                LOG.warn("{}: order {} (MsgSeqNum {}) was sent before a power loss took its input from the journal: "
                        + "booking it again from the FIX store", settings.venue(), order.clientOrderId(),
                        order.msgSeqNum());
                publish(order);
            }
            g.sentOrders.rotateIfLarge();
        } catch (IOException | RuntimeException e) {
            LOG.error("{}: cannot read the FIX store for orders the journal lost: orders sent just before a power loss "
                    + "may be booked only by their fills (strategy 'unknown')", settings.venue(), e);
        }
    }

    private void doDisconnect() {
        if (connectLater != null) {
            connectLater.cancel(false);
            connectLater = null;
            publishState(VenueSessionState.DISCONNECTED, "connect cancelled before logon");
        }
        if (initiator == null) {
            return;
        }
        Generation g = current;
        Session session = g == null ? null : g.session;
        if (session != null && session.isLoggedOn()) {
            // at once, not after the Logout handshake: the runtime must not take the venue for LOGGED_ON meanwhile
            // (a session start right after a stop would count it as logged on while it is logging out)
            publishState(VenueSessionState.LOGGED_OUT, "logging out: operator request");
        }
        stopSession("logged out by operator");
    }

    /** Logs out, stops and disposes of the running initiator, then publishes LOGGED_OUT with this detail. */
    private void stopSession(String detail) {
        Generation g = current;
        if (g != null) {
            g.stopDetail = detail;
        }
        if (initiator != null) {
            try {
                initiator.stop(false);
            } catch (RuntimeException e) {
                LOG.warn("{}: error stopping the FIX session", settings.venue(), e);
            }
            initiator = null;
        }
        current = null;
        if (g != null) {
            g.sentOrders.close();
            publishState(VenueSessionState.LOGGED_OUT, detail);
        }
    }

    private void sendNewOrder(OrderView order) {
        Generation g = current;
        Session session = g == null ? null : g.session;
        if (session == null || !session.isLoggedOn()) {
            publish(g0().rejectedReport(order.currentClientOrderId().value(), order.instrument().value(),
                    OutboundMapper.side(order.side()), order.quantity(),
                    order.type() == OrderType.MARKET ? 0 : order.price(),
                    "not sent: the FIX session to " + settings.venue() + " is not logged on", now(), "NS"));
            return;
        }
        Message m = g.out.newOrderSingle(order, transactTime());
        g.sentOrders.sending(order.currentClientOrderId(), order.strategy());
        if (!session.send(m)) {
            publish(g.in.rejectedReport(order.currentClientOrderId().value(), order.instrument().value(),
                    OutboundMapper.side(order.side()), order.quantity(),
                    order.type() == OrderType.MARKET ? 0 : order.price(),
                    "not sent: the FIX session to " + settings.venue() + " logged out", now(), "NS"));
        }
    }

    private void sendCancel(OrderView order, ClientOrderId cancelId) {
        Generation g = current;
        Session session = g == null ? null : g.session;
        if (session == null || !session.isLoggedOn() || !session.send(g.out.cancel(order, cancelId, transactTime()))) {
            publish(new OrderCancelRejected(settings.venue(), now(), cancelId, order.currentClientOrderId(),
                    order.venueOrderId(), false, "not sent: the FIX session to " + settings.venue()
                    + " is not logged on"));
        }
    }

    private void sendReplace(OrderView order, ClientOrderId newId, long newPrice, long newQuantity) {
        Generation g = current;
        Session session = g == null ? null : g.session;
        if (session == null || !session.isLoggedOn()
                || !session.send(g.out.replace(order, newId, newPrice, newQuantity, transactTime()))) {
            publish(new OrderCancelRejected(settings.venue(), now(), newId, order.currentClientOrderId(),
                    order.venueOrderId(), true, "not sent: the FIX session to " + settings.venue()
                    + " is not logged on"));
        }
    }

    private void startReconciliation(List<OrderView> openOrders) {
        startReconciliation(openOrders, false);
    }

    /**
     * Asks the venue for the status of our open orders: one OrderMassStatusRequest (massStatus=true) or one
     * OrderStatusRequest each. When the venue refuses or leaves them unanswered, the other way is tried once
     * ({@code fallback}; FIX 4.4 and later have mass status) before the venue is declared RECONCILE_FAILED (fail closed:
     * no new orders, cancels go through) until an operator resolves it.
     */
    private void startReconciliation(List<OrderView> openOrders, boolean fallback) {
        Generation g = current;
        Session session = g == null ? null : g.session;
        if (session == null || !session.isLoggedOn()) {
            LOG.info("{}: reconcile ignored: not logged on (the next logon reconciles)", settings.venue());
            return;
        }
        FixVenueSettings s = g.cfg;
        List<OrderView> mine = new ArrayList<>();
        for (OrderView o : openOrders) {
            if (o.venue().equals(s.venue()) && o.isOpen()) {
                mine.add(o);
            }
        }
        Reconciliation r;
        boolean mass = s.massStatus() != fallback && s.dialect().supportsMassStatus();
        if (mass && !mine.isEmpty()) {
            r = Reconciliation.massStatus(mine, "MS-" + nextRequestId());
        } else {
            r = Reconciliation.perOrder(mine);
        }
        g.reconciliation = r;
        g.reconciledOrders = mine;
        g.reconcileFallbackTried = fallback;
        LOG.info("{}: reconciling {} open orders{}", s.venue(), mine.size(),
                r.massStatusReqId() == null ? "" : " with mass status " + r.massStatusReqId());
        if (r.isComplete()) {
            loggedOn(g, r);
            return;
        }
        if (r.massStatusReqId() != null) {
            if (!session.send(g.out.massStatus(r.massStatusReqId())) && r.onRefused(null)) {
                loggedOn(g, r);
            }
        } else {
            for (OrderView o : mine) {
                if (!session.send(g.out.orderStatus(o)) && r.onRefused(o.currentClientOrderId().value())) {
                    loggedOn(g, r);
                }
            }
        }
        worker.schedule(() -> {
            if (g.reconciliation == r && r.expire()) {
                LOG.warn("{}: reconciliation timed out: {}", s.venue(), r.summary());
                loggedOn(g, r);
            }
        }, s.reconcileTimeoutSeconds(), TimeUnit.SECONDS);
    }

    private void subscribeMarketData(Generation g) {
        Session session = g.session;
        if (g != current || session == null || !session.isLoggedOn() || !g.cfg.marketData()) {
            return;
        }
        for (InstrumentId instrument : g.cfg.instruments()) {
            String reqId = "MD-" + instrument.value() + "-" + nextRequestId();
            g.marketDataRequests.put(reqId, instrument.value());
            session.send(g.out.marketDataRequest(reqId, instrument, g.cfg.marketDepth()));
        }
    }

    /**
     * Reconciliation complete: trading may start when every order was answered for; otherwise the other way of asking
     * is tried once, then RECONCILE_FAILED with the orders in doubt (fail closed).
     */
    private void loggedOn(Generation g, Reconciliation r) {
        Session session = g.session;
        if (g != current || session == null || !session.isLoggedOn()) {
            return;
        }
        String issues = g.marketDataIssues.isEmpty() ? "" : "; " + String.join("; ", g.marketDataIssues);
        if (r.succeeded()) {
            publishState(VenueSessionState.LOGGED_ON, "logged on; " + r.summary() + issues);
            return;
        }
        List<OrderView> orders = g.reconciledOrders;
        if (!g.reconcileFallbackTried && g.cfg.dialect().supportsMassStatus()) {
            LOG.warn("{}: {}; asking again with {}", settings.venue(), r.summary(),
                    r.massStatusReqId() == null ? "an OrderMassStatusRequest" : "one OrderStatusRequest per order");
            run("reconcile again", () -> startReconciliation(orders, true));
            return;
        }
        List<String> doubt = r.inDoubt(orders);
        List<OrderView> inDoubt = new ArrayList<>();
        for (OrderView o : orders) {
            if (doubt.contains(o.currentClientOrderId().value())) {
                inDoubt.add(o);
            }
        }
        lastTries(g, r.summary(), inDoubt);
    }

    /**
     * What is left when the status requests failed both ways: the venue's messages again from the start of its
     * session (reconcileResend), one OrderMassCancelRequest (reconcileMassCancel, FIX 4.4+), each once, in this order;
     * then RECONCILE_FAILED.
     */
    private void lastTries(Generation g, String summary, List<OrderView> inDoubt) {
        if (g.cfg.reconcileResend() && g.resend == null) {
            resendFromStart(g, summary, inDoubt);
        } else if (g.cfg.reconcileMassCancel() && g.cfg.dialect().supportsMassStatus() && g.massCancel == null) {
            massCancel(g, summary, inDoubt);
        } else {
            List<String> ids = new ArrayList<>();
            for (OrderView o : inDoubt) {
                ids.add(o.currentClientOrderId().value());
            }
            reconcileFailed(g, summary + "; " + ids.size() + " order(s) in doubt " + ids);
        }
    }

    private void reconcileFailed(Generation g, String why) {
        String issues = g.marketDataIssues.isEmpty() ? "" : "; " + String.join("; ", g.marketDataIssues);
        String detail = "RECONCILE_FAILED: " + why + "; no new orders until an operator resolves it "
                + "(livestack:venue-resolve " + settings.venue() + " --accept | --cancel-in-doubt)" + issues;
        LOG.error("{}: {}", settings.venue(), detail);
        g.reconcileFailed = true;
        publishState(VenueSessionState.RECONCILE_FAILED, detail);
    }

    /**
     * reconcileResend: the venue is asked for every message of its session again (the next expected inbound number
     * set back to 1; a TestRequest makes the venue answer at once, QuickFIX/J then sends the ResendRequest). A report
     * naming an order in doubt settles it: the venue's whole stream about it has come again (resent reports count
     * once by their identity). Caught up again past the number it was at, the orders not named go on to the next try.
     */
    private void resendFromStart(Generation g, String summary, List<OrderView> inDoubt) {
        OrdersInDoubt d = new OrdersInDoubt("RS-" + nextRequestId(), inDoubt, false);
        g.resend = d;
        Session session = g.session;
        int caughtUp = session.getExpectedTargetNum();
        LOG.warn("{}: {}; {} order(s) in doubt: asking the venue to resend its messages from seq 1 (reconcileResend)",
                settings.venue(), summary, inDoubt.size());
        try {
            session.setNextTargetMsgSeqNum(1);
        } catch (IOException e) {
            lastTries(g, summary + "; the resend could not be asked (" + e.getMessage() + ")", inDoubt);
            return;
        }
        session.send(g.out.testRequest(d.requestId()));
        long deadline = clock.millis() + TimeUnit.SECONDS.toMillis(g.cfg.reconcileTimeoutSeconds());
        awaitResend(g, d, summary, caughtUp, deadline);
    }

    private void awaitResend(Generation g, OrdersInDoubt d, String summary, int caughtUp, long deadline) {
        if (g != current || g.resend != d || g.session == null || !g.session.isLoggedOn()) {
            return;
        }
        boolean resent = g.session.getExpectedTargetNum() > caughtUp;
        if (!resent && clock.millis() < deadline) {
            worker.schedule(() -> awaitResend(g, d, summary, caughtUp, deadline), RESEND_POLL_MILLIS,
                    TimeUnit.MILLISECONDS);
            return;
        }
        String how = resent ? "the venue resent its session from seq 1" : "the resend from seq 1 unfinished after "
                + g.cfg.reconcileTimeoutSeconds() + " s";
        if (d.done()) {
            publishState(VenueSessionState.LOGGED_ON, "logged on; " + summary + "; reconciled: " + how
                    + " and named every order in doubt");
        } else {
            lastTries(g, summary + "; " + how + ", " + d.remaining().size() + " order(s) not named", d.remaining());
        }
    }

    /** reconcileMassCancel: cancel every order at the venue; trade again once those in doubt closed. */
    private void massCancel(Generation g, String summary, List<OrderView> inDoubt) {
        OrdersInDoubt m = new OrdersInDoubt("MC-" + nextRequestId(), inDoubt, true);
        g.massCancel = m;
        LOG.warn("{}: {}; {} order(s) in doubt: sending OrderMassCancelRequest {} (reconcileMassCancel)",
                settings.venue(), summary, inDoubt.size(), m.requestId());
        if (!g.session.send(g.out.massCancel(m.requestId(), transactTime()))) {
            m.refused();
            reconcileFailed(g, summary + "; the OrderMassCancelRequest could not be sent");
            return;
        }
        worker.schedule(() -> {
            if (g == current && g.massCancel == m && !m.done() && !g.reconcileFailed) {
                reconcileFailed(g, summary + "; OrderMassCancelRequest " + m.requestId() + " sent, "
                        + m.remaining().size() + " order(s) still in doubt " + m.remainingIds() + " after "
                        + g.cfg.reconcileTimeoutSeconds() + " s");
            }
        }, g.cfg.reconcileTimeoutSeconds(), TimeUnit.SECONDS);
    }

    /** A report during a last try: it may settle an order in doubt; the mass cancel's last one trades again. */
    private void onReportInDoubt(Generation g, ExecutionReport report) {
        OrdersInDoubt r = g.resend;
        if (r != null) {
            r.onReport(report); // the resend ends when the venue caught up (awaitResend)
        }
        OrdersInDoubt m = g.massCancel;
        if (m != null && m.onReport(report)) {
            run("mass cancel done", () -> {
                if (g == current && g.session != null && g.session.isLoggedOn() && !g.reconcileFailed) {
                    publishState(VenueSessionState.LOGGED_ON, "logged on; reconciliation failed, the orders in "
                            + "doubt canceled at the venue (OrderMassCancelRequest " + m.requestId() + ")");
                }
            });
        }
    }

    /** OrderMassCancelReport (r): a refusal (531=0) ends the last try. */
    private void onMassCancelAnswer(Generation g, Message message) throws FieldNotFound {
        OrdersInDoubt m = g.massCancel;
        char response = message.getChar(quickfix.field.MassCancelResponse.FIELD);
        LOG.info("{}: OrderMassCancelReport {} MassCancelResponse={}", settings.venue(),
                message.isSetField(ClOrdID.FIELD) ? message.getString(ClOrdID.FIELD) : "?", response);
        if (m != null && response == '0') { // MassCancelResponse 0: cancel request rejected
            m.refused();
            run("mass cancel refused", () -> reconcileFailed(g, "the venue refused the OrderMassCancelRequest "
                    + m.requestId()));
        }
    }

    @Override
    public void resolveReconciliation(String user, boolean canceledInDoubt) {
        run("resolve reconciliation", () -> {
            Generation g = current;
            if (g == null || !g.reconcileFailed || g.session == null || !g.session.isLoggedOn()) {
                return;
            }
            g.reconcileFailed = false;
            publishState(VenueSessionState.LOGGED_ON, "logged on; reconciliation resolved by " + user + ": "
                    + (canceledInDoubt ? "the orders in doubt canceled" : "the venue accepted as reconciled"));
        });
    }

    // ------------------------------------------------------------------------------------------ events

    private void publish(Event event) {
        if (event instanceof ExecutionReport r && r.venueSeq() > 0) {
            lastReportSeq = r.venueSeq();
        } else if (event instanceof OrderCancelRejected r && r.venueSeq() > 0) {
            lastReportSeq = r.venueSeq();
        }
        try {
            intake.publish(event);
        } catch (RuntimeException e) {
            LOG.error("{}: could not publish {} to intake", settings.venue(), event, e);
        }
    }

    private void publishState(VenueSessionState newState, String detail) {
        synchronized (stateLock) {
            if (newState == state && detail.equals(stateDetail)) {
                return;
            }
            state = newState;
            stateDetail = detail;
            LOG.info("{}: {}: {}", settings.venue(), newState, detail);
            publish(new VenueSessionEvent(settings.venue(), now(), newState, detail));
        }
    }

    private long now() {
        Instant i = clock.instant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    private LocalDateTime transactTime() {
        return LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private String nextRequestId() {
        return Long.toString(clock.millis(), 36) + "-" + requestCounter.incrementAndGet();
    }

    /** A mapper for reports made up before any session exists. */
    private InboundMapper g0() {
        return new InboundMapper(settings.venue(), settings.dialect());
    }

    // ------------------------------------------------------------------------------------------ QuickFIX/J

    /**
     * One started session: its settings, mappers and per-logon state, and the QuickFIX/J callbacks. Callbacks of a
     * generation that is no longer current (a session being stopped for a restart) do not publish.
     */
    private final class Generation implements Application, SessionStateListener {
        final FixVenueSettings cfg;
        final OutboundMapper out;
        final InboundMapper in;
        final Map<String, String> marketDataRequests = new ConcurrentHashMap<>();
        final List<String> marketDataIssues = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile Session session;
        /** The session's QuickFIX/J sender lock, for direct sends (null: always through the venue thread). */
        volatile ReentrantLock senderLock;
        volatile Reconciliation reconciliation;
        volatile List<OrderView> reconciledOrders = List.of();
        volatile boolean reconcileFallbackTried;
        volatile boolean reconcileFailed;
        volatile OrdersInDoubt massCancel;
        volatile OrdersInDoubt resend;
        volatile boolean loggedOn;
        volatile String lastLogoutText;
        /** The LOGGED_OUT detail once we stop this session ourselves (operator, reconfiguration, removal). */
        volatile String stopDetail;
        /** The last exception on the current connection (e.g. a failed TLS handshake); cleared on connect. */
        volatile Throwable connectionError;

        /** Each order's strategy beside the store; the store's orders the journal lost (a power loss). */
        final SentOrders sentOrders;
        final SequenceResets resets;

        Generation(FixVenueSettings cfg) {
            this.cfg = cfg;
            this.out = new OutboundMapper(cfg.dialect(), messageFactory, cfg.orderTags());
            this.in = new InboundMapper(cfg.venue(), cfg.dialect());
            this.sentOrders = new SentOrders(cfg.storeDir(), cfg.storeSync());
            this.resets = new SequenceResets(cfg.venue(), cfg.rules(), telemetry, new InboundEpoch(cfg.storeDir()),
                    clock, FixVenueAdapter.this::journalMarkAtReset);
        }

        private boolean stale() {
            return this != current;
        }

        String symbolOfRequest(String mdReqId) {
            return marketDataRequests.get(mdReqId);
        }

        @Override
        public void onCreate(SessionID sessionId) {
            LOG.debug("{}: session {} created", cfg.venue(), sessionId);
        }

        @Override
        public void onLogon(SessionID sessionId) {
            if (stale()) {
                return;
            }
            loggedOn = true;
            telemetry.loggedOn();
            lastLogoutText = null;
            connectionError = null;
            reconciliation = null;
            reconcileFailed = false;
            massCancel = null;
            resend = null;
            marketDataIssues.clear();
            Session s = session;
            publishState(VenueSessionState.RECONCILING, "logged on to " + cfg.address() + " as "
                    + cfg.senderCompId() + "->" + cfg.targetCompId() + " (next seq out "
                    + s.getExpectedSenderNum() + ", in " + s.getExpectedTargetNum() + "); "
                    + note(resets.takeNote()) + "reconciling");
            run("subscribe market data", () -> subscribeMarketData(this));
        }

        @Override
        public void onLogout(SessionID sessionId) {
            boolean wasLoggedOn = loggedOn;
            loggedOn = false;
            reconciliation = null;
            reconcileFailed = false;
            massCancel = null;
            resend = null;
            marketDataRequests.clear();
            if (stale()) {
                return;
            }
            String logoutText = lastLogoutText;
            if (stopDetail != null) {
                publishState(VenueSessionState.LOGGED_OUT, stopDetail);
            } else if (!cfg.rules().schedule().inSession(clock.instant())) {
                publishState(VenueSessionState.LOGGED_OUT, "session ended"
                        + (logoutText == null ? "" : " (" + logoutText + ")") + "; "
                        + cfg.rules().schedule().waitingDetail(clock.instant()));
            } else if (!wasLoggedOn) {
                publishState(VenueSessionState.ERROR, "logon to " + cfg.address() + " failed"
                        + (logoutText == null ? connectionProblem() : ": " + logoutText) + "; retrying");
            } else if (logoutText != null) {
                publishState(VenueSessionState.LOGGED_OUT, "logged out by the venue: " + logoutText
                        + "; reconnecting");
            } else {
                publishState(VenueSessionState.LOGGED_OUT, "connection lost; reconnecting");
            }
        }

        @Override
        public void toAdmin(Message message, SessionID sessionId) {
            String type = msgType(message);
            cfg.rules().extraFields().apply(message); // header fields, and the Logon's own
            if (MsgType.LOGON.equals(type)) {
                OutboundMapper.addCredentials(message, cfg.username(), cfg.password());
                Session s = session;
                resets.onOurLogon(message, s == null ? 1 : s.getExpectedTargetNum()); // and 141=Y as configured
            } else if (MsgType.REJECT.equals(type)) {
                telemetry.rejected(); // QuickFIX/J refuses a message of the venue at session level
            }
            telemetry.sent();
        }

        @Override
        public void fromAdmin(Message message, SessionID sessionId)
                throws FieldNotFound, IncorrectDataFormat, IncorrectTagValue, RejectLogon {
            telemetry.received();
            switch (msgType(message)) {
                case MsgType.LOGOUT -> {
                    if (message.isSetField(Text.FIELD)) {
                        lastLogoutText = InboundMapper.text(message);
                    }
                }
                case MsgType.LOGON -> resets.onVenueLogon(message.isSetField(ResetSeqNumFlag.FIELD)
                        && message.getBoolean(ResetSeqNumFlag.FIELD), loggedOn);
                case MsgType.REJECT -> {
                    if (!stale()) {
                        onSessionReject(message);
                    }
                }
                default -> {
                    // heartbeats, test requests, resend requests, sequence resets: QuickFIX/J handles them
                }
            }
        }

        @Override
        public void toApp(Message message, SessionID sessionId) throws DoNotSend {
            checkSend(message); // throws DoNotSend for what must not go out
            cfg.rules().extraFields().apply(message);
            if (MsgType.BUSINESS_MESSAGE_REJECT.equals(msgType(message))) {
                telemetry.rejected(); // a message of the venue we could not process (fromApp threw)
            }
            telemetry.sent();
        }

        private void checkSend(Message message) throws DoNotSend {
            String type = msgType(message);
            if (!ORDER_MESSAGES.contains(type)) {
                return;
            }
            if (isResend(message)) {
                // never replay orders, cancels or requests after a reconnect: gap-filled; reconciliation finds out
                // what the venue has
                LOG.warn("{}: not resending {} seq {}: gap-filled", cfg.venue(), type, seqNum(message));
                throw new DoNotSend();
            }
            Session s = session;
            if (s == null || !s.isLoggedOn()) {
                throw new DoNotSend();
            }
            try {
                sent.put(describeSent(message, type));
            } catch (FieldNotFound | RuntimeException e) {
                LOG.warn("{}: could not remember sent {}", cfg.venue(), type, e);
            }
        }

        @Override
        public void fromApp(Message message, SessionID sessionId)
                throws FieldNotFound, IncorrectDataFormat, IncorrectTagValue, UnsupportedMessageType {
            telemetry.received();
            String type = msgType(message);
            try {
                switch (type) {
                    case MsgType.EXECUTION_REPORT -> onExecutionReport(message);
                    case MsgType.ORDER_CANCEL_REJECT -> publish(in.cancelReject(message));
                    case MsgType.MARKET_DATA_SNAPSHOT_FULL_REFRESH -> {
                        if (isResend(message)) {
                            return; // resent after a gap: stale, the live feed continues after it
                        }
                        for (MarketDataEvent e : in.snapshot(message, this::symbolOfRequest)) {
                            publish(e);
                        }
                    }
                    case MsgType.MARKET_DATA_INCREMENTAL_REFRESH -> {
                        if (isResend(message)) {
                            return; // resent after a gap: stale, and out of order with the live book
                        }
                        for (MarketDataEvent e : in.incremental(message, this::symbolOfRequest)) {
                            publish(e);
                        }
                    }
                    case MsgType.MARKET_DATA_REQUEST_REJECT ->
                            marketDataIssue(in.marketDataReject(message, this::symbolOfRequest));
                    case MsgType.BUSINESS_MESSAGE_REJECT -> onBusinessReject(message);
                    case MsgType.ORDER_MASS_CANCEL_REPORT -> onMassCancelAnswer(this, message);
                    default -> throw new UnsupportedMessageType();
                }
            } catch (FieldNotFound e) {
                LOG.warn("{}: rejecting {} seq {}: required field {} is missing: {}", cfg.venue(), type,
                        seqNum(message), e.field, Masking.forLog(message));
                throw e;
            } catch (IncorrectTagValue e) {
                LOG.warn("{}: rejecting {} seq {}: {}: {}", cfg.venue(), type, seqNum(message), e.getMessage(),
                        Masking.forLog(message));
                throw e;
            } catch (UnsupportedMessageType e) {
                LOG.warn("{}: rejecting {} seq {}: unsupported message type: {}", cfg.venue(), type,
                        seqNum(message), Masking.forLog(message));
                throw e;
            } catch (FieldException e) {
                LOG.warn("{}: rejecting {} seq {}: {}: {}", cfg.venue(), type, seqNum(message), e.getMessage(),
                        Masking.forLog(message));
                throw e;
            }
        }

        private void onExecutionReport(Message message) throws FieldNotFound, IncorrectTagValue {
            ExecutionReport report = in.executionReport(message);
            publish(report);
            if (massCancel != null || resend != null) {
                onReportInDoubt(this, report);
            }
            boolean closing = report.orderStatus().isTerminal(); // a report closing an order answers for it too
            if (report.execType() != ExecType.ORDER_STATUS && !closing) {
                return;
            }
            Reconciliation r = reconciliation;
            if (r == null) {
                return;
            }
            boolean last = r.massStatusReqId() != null && message.isSetField(MassStatusReqID.FIELD)
                    && r.massStatusReqId().equals(message.getString(MassStatusReqID.FIELD))
                    && message.isSetField(LastRptRequested.FIELD) && message.getBoolean(LastRptRequested.FIELD);
            if (r.onStatus(report.clientOrderId().value(),
                    report.origClientOrderId() == null ? null : report.origClientOrderId().value(),
                    report.venueOrderId() == null ? null : report.venueOrderId().value(), last)) {
                loggedOn(this, r);
            }
        }

        private void onSessionReject(Message message) throws FieldNotFound {
            int refSeq = message.getInt(RefSeqNum.FIELD);
            StringBuilder reason = new StringBuilder("session Reject of our message ").append(refSeq);
            if (message.isSetField(SessionRejectReason.FIELD)) {
                reason.append(", SessionRejectReason=").append(message.getString(SessionRejectReason.FIELD));
            }
            if (message.isSetField(RefTagID.FIELD)) {
                reason.append(", RefTagID=").append(message.getString(RefTagID.FIELD));
            }
            if (message.isSetField(Text.FIELD)) {
                reason.append(": ").append(InboundMapper.text(message));
            }
            LOG.warn("{}: {}", cfg.venue(), reason);
            refused(sent.get(refSeq), reason.toString(), message);
        }

        private void onBusinessReject(Message message) throws FieldNotFound {
            SentMessages.Sent s = message.isSetField(RefSeqNum.FIELD) ? sent.get(message.getInt(RefSeqNum.FIELD))
                    : null;
            if (s == null && message.isSetField(BusinessRejectRefID.FIELD)) {
                s = sent.byId(message.getString(BusinessRejectRefID.FIELD));
            }
            StringBuilder reason = new StringBuilder("BusinessMessageReject of our ")
                    .append(message.getString(RefMsgType.FIELD));
            if (message.isSetField(RefSeqNum.FIELD)) {
                reason.append(' ').append(message.getString(RefSeqNum.FIELD));
            }
            reason.append(", BusinessRejectReason=").append(message.getString(BusinessRejectReason.FIELD));
            if (message.isSetField(Text.FIELD)) {
                reason.append(": ").append(InboundMapper.text(message));
            }
            LOG.warn("{}: {}", cfg.venue(), reason);
            refused(s, reason.toString(), message);
        }

        /** The venue refused one of our messages at session or business level: settle what it was about. */
        private void refused(SentMessages.Sent s, String reason, Message reject) {
            if (s == null) {
                LOG.warn("{}: the refused message is not one of our remembered order messages", cfg.venue());
                return;
            }
            long time = InboundMapper.sourceTime(reject);
            switch (s.msgType()) {
                case MsgType.ORDER_SINGLE, MsgType.ORDER_CANCEL_REQUEST, MsgType.ORDER_CANCEL_REPLACE_REQUEST -> {
                    Event e = in.rejectionOf(s, reason, time == 0 ? now() : time);
                    if (e != null) {
                        publish(e);
                    }
                }
                case MsgType.ORDER_STATUS_REQUEST -> {
                    Reconciliation r = reconciliation;
                    if (r != null && r.onRefused(s.id())) {
                        loggedOn(this, r);
                    }
                }
                case MsgType.ORDER_MASS_STATUS_REQUEST -> {
                    Reconciliation r = reconciliation;
                    if (r != null && s.id().equals(r.massStatusReqId()) && r.onRefused(null)) {
                        loggedOn(this, r);
                    }
                }
                case MsgType.ORDER_MASS_CANCEL_REQUEST -> {
                    OrdersInDoubt m = massCancel;
                    if (m != null && s.id().equals(m.requestId())) {
                        m.refused();
                        run("mass cancel refused", () -> reconcileFailed(this, "the venue refused the "
                                + "OrderMassCancelRequest " + m.requestId() + ": " + reason));
                    }
                }
                case MsgType.MARKET_DATA_REQUEST -> marketDataIssue("market data request " + s.id() + " ("
                        + s.symbol() + ") refused: " + reason);
                default -> {
                }
            }
        }

        private void marketDataIssue(String issue) {
            LOG.warn("{}: {}", cfg.venue(), issue);
            lastMarketDataIssue = issue;
            marketDataIssues.add(issue);
            if (!stale() && state == VenueSessionState.LOGGED_ON) {
                publishState(VenueSessionState.LOGGED_ON, "logged on; " + issue);
            }
        }

        // SessionStateListener

        /** ": why" when the connection ended with an exception, else "". */
        private String connectionProblem() {
            Throwable e = connectionError;
            return e == null ? "" : ": " + TlsStores.explain(e, cfg);
        }

        @Override
        public void onConnect() {
            connectionError = null;
            if (!stale()) {
                publishState(VenueSessionState.CONNECTING, "connected to " + cfg.address() + "; logging on");
            }
        }

        @Override
        public void onConnectException(Exception exception) {
            if (!stale()) {
                publishState(VenueSessionState.ERROR, "cannot connect to " + cfg.address() + ": "
                        + exception.getMessage() + "; retrying (reconnectInterval " + cfg.reconnectInterval() + " s)");
            }
        }

        @Override
        public void onDisconnect() {
            Session s = session;
            // with a Logon sent, onLogout follows and says more (e.g. the venue's logout text)
            if (!stale() && !loggedOn && state == VenueSessionState.CONNECTING && (s == null || !s.isLogonSent())) {
                publishState(VenueSessionState.ERROR, "connection to " + cfg.address()
                        + " closed before logon" + connectionProblem() + "; retrying");
            }
        }

        @Override
        public void onHeartBeatTimeout() {
            LOG.warn("{}: heartbeat timeout: the venue went silent", cfg.venue());
        }

        @Override
        public void onResendRequestSent(int beginSeqNo, int endSeqNo, int currentEndSeqNo) {
            LOG.info("{}: sequence gap: asked the venue to resend {}..{}", cfg.venue(), beginSeqNo, endSeqNo);
        }

        @Override
        public void onSequenceResetReceived(int newSeqNo, boolean gapFillFlag) {
            LOG.info("{}: sequence {} received: next {}", cfg.venue(), gapFillFlag ? "gap fill" : "reset", newSeqNo);
            Session s = session;
            if (!gapFillFlag && s != null) {
                resets.onSequenceReset(newSeqNo, s.getExpectedTargetNum());
            }
        }
    }

    /** Keeps the last exception of a session's connection, for the ERROR detail (QuickFIX/J only logs it). */
    private static final class ErrorRecorder extends IoFilterAdapter {
        private final Generation generation;

        ErrorRecorder(Generation generation) {
            this.generation = generation;
        }

        @Override
        public void exceptionCaught(NextFilter next, IoSession session, Throwable cause) throws Exception {
            generation.connectionError = cause;
            next.exceptionCaught(session, cause);
        }
    }

    private static SentMessages.Sent describeSent(Message m, String type) throws FieldNotFound {
        int seq = m.getHeader().getInt(MsgSeqNum.FIELD);
        return switch (type) {
            case MsgType.MARKET_DATA_REQUEST -> new SentMessages.Sent(seq, type, m.getString(MDReqID.FIELD), null,
                    m.getGroupCount(NoRelatedSym.FIELD) > 0
                            ? m.getGroup(1, NoRelatedSym.FIELD).getString(Symbol.FIELD) : null,
                    ' ', 0, 0);
            case MsgType.ORDER_MASS_STATUS_REQUEST -> new SentMessages.Sent(seq, type,
                    m.getString(MassStatusReqID.FIELD), null, null, ' ', 0, 0);
            case MsgType.ORDER_MASS_CANCEL_REQUEST -> new SentMessages.Sent(seq, type, m.getString(ClOrdID.FIELD),
                    null, null, ' ', 0, 0);
            default -> new SentMessages.Sent(seq, type, m.getString(ClOrdID.FIELD),
                    m.isSetField(OrigClOrdID.FIELD) ? m.getString(OrigClOrdID.FIELD) : null,
                    m.getString(Symbol.FIELD), m.getChar(quickfix.field.Side.FIELD),
                    m.isSetField(OrderQty.FIELD) ? Fixed.fromBigDecimal(m.getDecimal(OrderQty.FIELD)) : 0,
                    m.isSetField(Price.FIELD) ? Fixed.fromBigDecimal(m.getDecimal(Price.FIELD)) : 0);
        };
    }

    /** "note; " or "". */
    private static String note(String note) {
        return note.isEmpty() ? "" : note + "; ";
    }

    private static String msgType(Message m) {
        try {
            return m.getHeader().getString(MsgType.FIELD);
        } catch (FieldNotFound e) {
            return "";
        }
    }

    private static String seqNum(Message m) {
        try {
            return m.getHeader().getString(MsgSeqNum.FIELD);
        } catch (FieldNotFound e) {
            return "?";
        }
    }

    private static boolean isResend(Message m) {
        try {
            return m.getHeader().isSetField(PossDupFlag.FIELD) && m.getHeader().getBoolean(PossDupFlag.FIELD);
        } catch (FieldNotFound e) {
            return false;
        }
    }
}
