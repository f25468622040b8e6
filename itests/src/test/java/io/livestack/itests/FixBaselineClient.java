package io.livestack.itests;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import quickfix.Application;
import quickfix.ConfigError;
import quickfix.DefaultSessionFactory;
import quickfix.FieldNotFound;
import quickfix.FileLogFactory;
import quickfix.FileStoreFactory;
import quickfix.Message;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.SocketInitiator;
import quickfix.field.ClOrdID;
import quickfix.field.ExecType;
import quickfix.field.HandlInst;
import quickfix.field.MsgType;
import quickfix.field.OrdStatus;
import quickfix.field.OrdType;
import quickfix.field.OrderQty;
import quickfix.field.Password;
import quickfix.field.Price;
import quickfix.field.Side;
import quickfix.field.Symbol;
import quickfix.field.TimeInForce;
import quickfix.field.TransactTime;
import quickfix.field.Username;
import quickfix.fix44.MessageFactory;
import quickfix.fix44.NewOrderSingle;

/**
 * The baseline of {@link FixLoadBenchmark}: a bare QuickFIX/J 2.3.2 initiator (no Live Stack) that sends the same
 * order flow to the same FIX exchange simulator — a closed loop of IOC limit NewOrderSingles (FIX 4.4, the fields the
 * venue adapter sends) that do not cross, the next one sent from QuickFIX/J's message processor thread as soon as the
 * venue's CANCELED execution report ends one. Its session settings are the adapter's (durable FileStore without
 * fsync, PersistMessages, FileLog without heartbeats, FIX44.xml validation, ResetOn* = N), so the comparison measures
 * what the Live Stack adds (intake, risk, execution control, state, the adapter's mapping and thread hand-offs),
 * not different I/O choices.
 */
final class FixBaselineClient implements Application, AutoCloseable {

    private final SessionID sessionId;
    private final SocketInitiator initiator;
    private final CountDownLatch loggedOn = new CountDownLatch(1);
    private final String password;
    private volatile Loop loop;

    FixBaselineClient(Path dir, int port, String senderCompId, String targetCompId, String password)
            throws ConfigError {
        this.password = password;
        this.sessionId = new SessionID("FIX.4.4", senderCompId, targetCompId);
        SessionSettings s = new SessionSettings();
        s.setString(sessionId, "ConnectionType", "initiator");
        s.setString(sessionId, "SocketConnectHost", "127.0.0.1");
        s.setLong(sessionId, "SocketConnectPort", port);
        s.setLong(sessionId, "HeartBtInt", 30);
        s.setString(sessionId, "ReconnectInterval", "1");
        s.setLong(sessionId, "LogonTimeout", 10);
        s.setLong(sessionId, "LogoutTimeout", 2);
        s.setBool(sessionId, "NonStopSession", true);
        s.setString(sessionId, "FileStorePath", dir.resolve("store").toString());
        s.setBool(sessionId, "FileStoreSync", false);
        s.setBool(sessionId, "PersistMessages", true);
        s.setBool(sessionId, "ResetOnLogon", false);
        s.setBool(sessionId, "ResetOnLogout", false);
        s.setBool(sessionId, "ResetOnDisconnect", false);
        s.setString(sessionId, "FileLogPath", dir.resolve("log").toString());
        s.setBool(sessionId, "FileLogHeartbeats", false);
        s.setBool(sessionId, "FileIncludeMilliseconds", true);
        s.setBool(sessionId, "FileIncludeTimeStampForMessages", true);
        s.setBool(sessionId, "UseDataDictionary", true);
        s.setString(sessionId, "DataDictionary", MessageFactory.class.getResource("/FIX44.xml").toExternalForm());
        s.setBool(sessionId, "ValidateIncomingMessage", true);
        s.setBool(sessionId, "ValidateUserDefinedFields", false);
        s.setBool(sessionId, "ValidateFieldsOutOfOrder", false);
        // the FIX 4.4 message classes directly: QuickFIX/J's reflective lookup does not see them inside OSGi
        MessageFactory messages = new MessageFactory();
        DefaultSessionFactory sessions = new DefaultSessionFactory(this, new FileStoreFactory(s),
                new FileLogFactory(s), messages);
        this.initiator = new SocketInitiator(sessions, s, 10_000);
    }

    /** Connects and waits for the logon. */
    void logOn(Duration timeout) throws ConfigError, InterruptedException {
        initiator.start();
        if (!loggedOn.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the baseline initiator " + sessionId + " did not log on within " + timeout);
        }
    }

    /**
     * Sends {@code orders} IOC limit orders keeping {@code inFlight} outstanding, and waits until the venue has ended
     * every one (at most {@code timeout}). Latencies: from just before an order is built and sent to the arrival
     * ({@code fromApp}) of its NEW and of its CANCELED report.
     */
    FixLoadBenchmark.Figures run(String name, int orders, int inFlight, String symbol, BigDecimal price,
            BigDecimal quantity, Duration timeout) throws InterruptedException {
        Loop l = new Loop(name, orders, symbol, price, quantity);
        loop = l;
        l.firstSend = System.nanoTime();
        for (int i = 0; i < inFlight; i++) {
            l.sendNext();
        }
        if (!l.done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + ": only " + l.completed + " of " + orders + " orders done within "
                    + timeout);
        }
        loop = null;
        if (l.refused.get() > 0) {
            throw new AssertionError(name + ": " + l.refused.get() + " orders rejected by the venue");
        }
        return new FixLoadBenchmark.Figures(name, orders, l.lastDone - l.firstSend, 0, l.ackNanos, l.doneNanos);
    }

    @Override
    public void close() {
        initiator.stop(false);
    }

    /** One closed loop; its arrays are written on QuickFIX/J's message processor thread only. */
    private final class Loop {
        final String name;
        final int orders;
        final String symbol;
        final BigDecimal price;
        final BigDecimal quantity;
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();
        final Map<String, Long> sentAt = new ConcurrentHashMap<>();
        final long[] ackNanos;
        final long[] doneNanos;
        final CountDownLatch done = new CountDownLatch(1);
        volatile long firstSend;
        volatile long lastDone;
        int acks;
        volatile int completed;

        Loop(String name, int orders, String symbol, BigDecimal price, BigDecimal quantity) {
            this.name = name;
            this.orders = orders;
            this.symbol = symbol;
            this.price = price;
            this.quantity = quantity;
            this.ackNanos = new long[orders];
            this.doneNanos = new long[orders];
        }

        void sendNext() {
            int n = sent.incrementAndGet();
            if (n > orders) {
                return;
            }
            long start = System.nanoTime();
            String id = name + "-" + n;
            NewOrderSingle m = new NewOrderSingle();
            m.setString(ClOrdID.FIELD, id);
            m.setChar(HandlInst.FIELD, HandlInst.AUTOMATED_EXECUTION_ORDER_PRIVATE_NO_BROKER_INTERVENTION);
            m.setString(Symbol.FIELD, symbol);
            m.setChar(Side.FIELD, Side.BUY);
            m.setUtcTimeStamp(TransactTime.FIELD, LocalDateTime.now(ZoneOffset.UTC), true);
            m.setDecimal(OrderQty.FIELD, quantity);
            m.setChar(OrdType.FIELD, OrdType.LIMIT);
            m.setDecimal(Price.FIELD, price);
            m.setChar(TimeInForce.FIELD, TimeInForce.IMMEDIATE_OR_CANCEL);
            sentAt.put(id, start);
            Session session = Session.lookupSession(sessionId);
            if (session == null || !session.send(m)) {
                throw new AssertionError(name + ": order " + id + " could not be sent");
            }
        }

        void onExecutionReport(Message report, long now) throws FieldNotFound {
            Long at = sentAt.get(report.getString(ClOrdID.FIELD));
            if (at == null) {
                return;
            }
            char execType = report.getChar(ExecType.FIELD);
            char status = report.getChar(OrdStatus.FIELD);
            if (execType == ExecType.NEW && acks < orders) {
                ackNanos[acks++] = now - at;
            }
            if (status == OrdStatus.CANCELED || status == OrdStatus.FILLED || status == OrdStatus.REJECTED
                    || status == OrdStatus.EXPIRED) {
                if (status == OrdStatus.REJECTED) {
                    refused.incrementAndGet();
                }
                sentAt.remove(report.getString(ClOrdID.FIELD));
                doneNanos[completed] = now - at;
                completed++;
                lastDone = now;
                if (completed == orders) {
                    done.countDown();
                } else {
                    sendNext();
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------ QuickFIX/J

    @Override
    public void onCreate(SessionID id) {
    }

    @Override
    public void onLogon(SessionID id) {
        loggedOn.countDown();
    }

    @Override
    public void onLogout(SessionID id) {
    }

    @Override
    public void toAdmin(Message message, SessionID id) {
        try {
            if (MsgType.LOGON.equals(message.getHeader().getString(MsgType.FIELD))) {
                message.setString(Username.FIELD, "baseline");
                message.setString(Password.FIELD, password);
            }
        } catch (FieldNotFound e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void fromAdmin(Message message, SessionID id) {
    }

    @Override
    public void toApp(Message message, SessionID id) {
    }

    @Override
    public void fromApp(Message message, SessionID id) throws FieldNotFound {
        long now = System.nanoTime();
        Loop l = loop;
        if (l != null && MsgType.EXECUTION_REPORT.equals(message.getHeader().getString(MsgType.FIELD))) {
            l.onExecutionReport(message, now);
        }
    }
}
