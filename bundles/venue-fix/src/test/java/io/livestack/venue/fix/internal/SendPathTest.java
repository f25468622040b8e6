package io.livestack.venue.fix.internal;

import static io.livestack.api.model.Fixed.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.livestack.api.event.ExecutionReport;
import io.livestack.api.model.ExecType;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.state.OrderView;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quickfix.FileStoreFactory;
import quickfix.Message;
import quickfix.MessageStore;
import quickfix.Session;

/**
 * The processing thread's calls into the adapter never wait for another thread of the FIX session:
 * {@code Session.send} numbers and persists every message under the session's sender lock (which QuickFIX/J also
 * holds while it resends, logs on or sends a heartbeat) before MINA writes it asynchronously. With direct send an
 * order is sent on the caller's thread only when that lock is free and nothing is queued for the venue thread;
 * otherwise (and without direct send) the adapter hands it to its own thread, in order. Also measures the hand-off
 * and prints the figures (not a timed test).
 */
class SendPathTest {

    @TempDir
    Path dir;
    private LoopbackHarness h;
    private volatile CountDownLatch gate;

    @AfterEach
    void tearDown() {
        CountDownLatch g = gate;
        if (g != null) {
            g.countDown();
        }
        if (h != null) {
            h.close();
        }
    }

    private void start() throws Exception {
        start(true);
    }

    private void start(boolean directSend) throws Exception {
        h = new LoopbackHarness(dir).startExchange(Map.of());
        Map<String, Object> properties = h.adapterProperties("FIX.4.4");
        properties.put("directSend", directSend);
        h.startAdapter(properties, ss -> {
            FileStoreFactory files = new FileStoreFactory(ss);
            return id -> new GatedStore(files.create(id));
        });
        h.awaitLoggedOn(0);
    }

    @Test
    void withoutDirectSendSubmitReturnsAtOnceWhileTheSessionCannotPersist() throws Exception {
        start(false);
        gate = new CountDownLatch(1);

        List<OrderView> orders = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            for (int i = 0; i < 20; i++) {
                orders.add(h.submit(Side.BUY, OrderType.LIMIT, TimeInForce.DAY, of(29000 - i), of(1)));
            }
        });
        gate.countDown();

        for (OrderView o : orders) {
            assertThat(h.awaitReport(o, ExecType.NEW).orderStatus()).isNotNull();
        }
    }

    @Test
    void anOrderIsSentOnTheCallersThreadWhenQuickFixIsNotSending() throws Exception {
        start();
        LoopbackHarness.awaitTrue("the venue thread idle after the logon", () -> h.adapter.queuedTasks() == 0);
        OrderView o = Fixtures.order("D1", Side.BUY, OrderType.LIMIT, TimeInForce.GTC, of(20000), of(1));
        h.tracker.submitted(o);

        h.adapter.submit(o);

        assertThat(storedBy.get("D1")).as("the NewOrderSingle was numbered and stored before submit returned")
                .isSameAs(Thread.currentThread());
        assertThat(h.awaitReport(o, ExecType.NEW).orderStatus()).isNotNull();
    }

    @Test
    void ordersGoToTheVenueThreadWhileQuickFixHoldsTheSenderLockAndKeepTheirOrder() throws Exception {
        start();
        LoopbackHarness.awaitTrue("the venue thread idle after the logon", () -> h.adapter.queuedTasks() == 0);
        java.util.concurrent.locks.ReentrantLock senderLock = SenderLock.of(h.session());
        assertThat(senderLock).as("QuickFIX/J's sender lock is reachable").isNotNull();
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread resend = new Thread(() -> { // QuickFIX/J answering a ResendRequest holds the lock like this
            senderLock.lock();
            try {
                locked.countDown();
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                senderLock.unlock();
            }
        }, "resend");
        resend.start();
        assertThat(locked.await(5, TimeUnit.SECONDS)).isTrue();

        List<OrderView> orders = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            for (int i = 0; i < 3; i++) {
                OrderView o = Fixtures.order("Q" + i, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, of(20000 - i),
                        of(1));
                h.tracker.submitted(o);
                orders.add(o);
                h.adapter.submit(o);
            }
        });
        // the lock is free again, but the first orders are still queued: this one must queue behind them
        release.countDown();
        resend.join(5_000);
        OrderView after = Fixtures.order("Q3", Side.BUY, OrderType.LIMIT, TimeInForce.GTC, of(19990), of(1));
        h.tracker.submitted(after);
        orders.add(after);
        h.adapter.submit(after);

        for (OrderView o : orders) {
            h.awaitReport(o, ExecType.NEW);
        }
        List<io.livestack.api.event.Event> events = h.intake.events();
        List<Integer> ackSeqs = new ArrayList<>();
        for (OrderView o : orders) {
            for (int i = 0; i < events.size(); i++) {
                if (events.get(i) instanceof ExecutionReport r && r.clientOrderId().equals(o.clientOrderId())
                        && r.execType() == ExecType.NEW) {
                    ackSeqs.add(i);
                    break;
                }
            }
        }
        assertThat(ackSeqs).hasSize(orders.size());
        assertThat(ackSeqs).as("acknowledged in the order submitted").isSorted();
        for (int i = 0; i < 3; i++) {
            assertThat(storedBy.get("Q" + i)).as("Q%d sent by the venue thread", i).isNotNull()
                    .isNotSameAs(Thread.currentThread());
        }
    }

    @Test
    void measuresTheHandOffAgainstSendingOnTheCallersThread() throws Exception {
        start(false);
        int n = 1000;
        for (int i = 0; i < 200; i++) {
            h.submit(Side.BUY, OrderType.LIMIT, TimeInForce.GTC, of(20000), of(1));
        }
        long[] handOff = new long[n];
        List<OrderView> measured = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            OrderView o = Fixtures.order("M" + i, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, of(20000), of(1));
            h.tracker.submitted(o);
            measured.add(o);
        }
        for (int i = 0; i < n; i++) {
            OrderView o = measured.get(i);
            long t0 = System.nanoTime();
            h.adapter.submit(o);
            handOff[i] = System.nanoTime() - t0;
        }
        Session session = h.session();
        OutboundMapper mapper = new OutboundMapper(FixDialect.FIX44, Fixtures.FACTORY);
        long[] direct = new long[n];
        for (int i = 0; i < n; i++) {
            Message status = mapper.orderStatus(measured.get(i));
            long t0 = System.nanoTime();
            session.send(status);
            direct[i] = System.nanoTime() - t0;
        }
        for (OrderView o : measured) {
            h.intake.await(ExecutionReport.class, r -> r.clientOrderId().equals(o.clientOrderId())
                    && r.execType() == ExecType.NEW);
        }
        System.out.printf("FIX send path, %d messages (loopback, FileStore without fsync, this machine):%n"
                + "  adapter.submit() on the caller's thread (hand-off): %s%n"
                + "  Session.send() on the caller's thread:              %s%n", n, figures(handOff), figures(direct));
    }

    @Test
    void measuresTheWakeUpOfTheVenueThreadFromSubmitToTheMessageInTheStore() throws Exception {
        start(false);
        int n = 500;
        long[] toStore = new long[n];
        for (int i = -1500; i < n; i++) { // a warm-up first: the send path compiled by the JIT
            OrderView o = Fixtures.order("W" + i, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, of(20000), of(1));
            h.tracker.submitted(o);
            long stored = storedMessages;
            long t0 = System.nanoTime();
            h.adapter.submit(o);
            LoopbackHarness.awaitTrue("order " + o.clientOrderId() + " in the store", () -> storedMessages > stored);
            if (i >= 0) {
                toStore[i] = lastStoredAt - t0;
            }
            // the venue thread idle (parked) again before the next one: each submit wakes it up
            h.awaitReport(o, ExecType.NEW);
        }
        assertThat(Arrays.stream(toStore).min().getAsLong()).isPositive();
        // what of it is building the message (the rest: waking the venue thread up, toApp, the sequence number)
        OutboundMapper mapper = new OutboundMapper(FixDialect.FIX44, Fixtures.FACTORY);
        OrderView o = Fixtures.order("B", Side.BUY, OrderType.LIMIT, TimeInForce.GTC, of(20000), of(1));
        long[] build = new long[n];
        for (int i = -2000; i < n; i++) {
            long t0 = System.nanoTime();
            Message m = mapper.newOrderSingle(o, java.time.LocalDateTime.now());
            long t = System.nanoTime() - t0;
            assertThat(m.isSetField(11)).isTrue();
            if (i >= 0) {
                build[i] = t;
            }
        }
        System.out.printf("FIX send path, %d orders one at a time (the venue thread parked before each):%n"
                + "  adapter.submit() -> NewOrderSingle persisted on the venue thread: %s%n"
                + "  of which building the NewOrderSingle (caller's thread, warm):   %s%n", n, figures(toStore),
                figures(build));
    }

    private volatile long storedMessages;
    /** Which thread stored the message of each ClOrdID (tag 11). */
    private final Map<String, Thread> storedBy = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile long lastStoredAt;

    private static String figures(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return String.format("p50 %6.1f us  p99 %7.1f us  p99.9 %8.1f us  max %8.1f us", s[s.length / 2] / 1e3,
                s[(int) (s.length * 0.99)] / 1e3, s[(int) (s.length * 0.999)] / 1e3, s[s.length - 1] / 1e3);
    }

    /** A message store whose writes wait while the test holds the gate (a slow disk, a resend holding the lock). */
    private final class GatedStore extends ForwardingMessageStore {

        GatedStore(MessageStore delegate) {
            super(delegate);
        }

        @Override
        public boolean set(int sequence, String message) throws IOException {
            lastStoredAt = System.nanoTime();
            int tag = message.indexOf("\u000111=");
            if (tag >= 0) { // an order message (heartbeats are stored too)
                int end = message.indexOf('\u0001', tag + 4);
                storedBy.put(message.substring(tag + 4, end), Thread.currentThread());
            }
            storedMessages++;
            CountDownLatch g = gate;
            if (g != null) {
                try {
                    g.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return delegate.set(sequence, message);
        }
    }
}
