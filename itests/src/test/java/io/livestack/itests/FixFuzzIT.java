package io.livestack.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Dictionary;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.sql.DataSource;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.SessionState;
import io.livestack.api.model.Side;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.runtime.LiveRuntime;
import io.livestack.api.state.OrderView;
import io.livestack.api.telemetry.MetricNames;
import io.livestack.itests.support.FixMutation;
import io.livestack.itests.support.FixMutation.Kind;
import io.livestack.itests.support.LivestackTestSupport;
import io.livestack.itests.support.PrometheusText;
import io.livestack.itests.support.RawFixMessage;
import io.livestack.itests.support.RawFixVenue;
import io.livestack.itests.support.RawFixVenue.Outgoing;
import io.livestack.itests.support.RuntimeDriver;
import io.livestack.testkit.Await;
import quickfix.DataDictionary;

/**
 * The malformed-message part of the FIX fault suite: a fuzzer that sends at least 1,000 mutated FIX messages into a
 * live session of the real distribution and checks every answer against what FIX prescribes (and QuickFIX/J, the
 * adapter's engine, does), then that nothing was lost, nothing counted twice, and the operator was told.
 * <p>
 * The test is the venue: {@link RawFixVenue}, a FIX acceptor over a plain socket on loopback (so that it can send any
 * bytes), one venue configuration ({@code livestack.venue.fix}) pointing the adapter at it. A round (FIX 4.4 with
 * {@value #MESSAGES_PROPERTY} messages, default 1,000; then FIX 4.2 with a quarter of them) places real orders through
 * the runtime, acknowledges them, then alternates valid fills for them with mutated messages of every class of
 * {@link FixMutation} (seeded: {@value #SEED_PROPERTY}; the seed is printed). After each mutated message it sends a
 * TestRequest and takes everything the adapter sends up to the Heartbeat that answers it as the answer to the mutated
 * message (a message the session must ignore is probed with the same MsgSeqNum: QuickFIX/J would log out on a number
 * it had already used). A mutation that ends the session as FIX prescribes (wrong CompID, SendingTime off, MsgSeqNum
 * too low or missing) is answered with a Logout; the adapter reconnects by itself and the round goes on.
 * <p>
 * After each round: the runtime still runs and the venue is logged on; every order's filled quantity and the
 * instrument's position are what the valid reports said; the database holds each booked fill once (by exec id), no
 * other fill of the venue (no synthesized fill made up for a lost one) and no dead letter; each fill for an unknown
 * ClOrdID left a record for the operator; the venue's metrics count the refused messages (35=3 and 35=j sent), the
 * garbled ones and the reconnects. A tally (class, messages sent, answers observed) is printed to
 * {@code target/failsafe-reports/io.livestack.itests.FixFuzzIT-output.txt}.
 * <pre>
 * mvn -B verify -pl itests -Dit.test=FixFuzzIT [-Dlivestack.fuzz.seed=S] [-Dlivestack.fuzz.messages=N]
 * </pre>
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FixFuzzIT extends LivestackTestSupport {

    static final String SEED_PROPERTY = "livestack.fuzz.seed";
    static final String MESSAGES_PROPERTY = "livestack.fuzz.messages";
    static final Duration WAIT = Await.DEFAULT_TIMEOUT;
    /** How long one answer (up to the probe's Heartbeat, or the Logout) may take. */
    static final Duration ANSWER = Duration.ofSeconds(15);
    static final String VENUE_COMP_ID = "FUZZVENUE";
    static final BigDecimal UNIT = new BigDecimal("0.01");
    static final BigDecimal ORDER_QTY = new BigDecimal("100");
    /** Session-ending mutations per class and round (each costs a reconnect, about a second). */
    static final int BREAKS_FIX44 = 3;
    static final int BREAKS_FIX42 = 1;

    @Inject
    private LiveRuntime runtime;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    private RuntimeDriver chain;

    @Override
    protected Option[] extraOptions() {
        long seed = Long.getLong(SEED_PROPERTY, System.nanoTime());
        int messages = Integer.getInteger(MESSAGES_PROPERTY, 1000);
        return OptionUtils.combine(fixSimulatorOnFreePort(),
                systemProperty(SEED_PROPERTY).value(Long.toString(seed)),
                systemProperty(MESSAGES_PROPERTY).value(Integer.toString(messages)),
                // fills for orders we do not know are applied to the position (the shipped default, said explicitly)
                editConfigurationFilePut("etc/livestack.execution.cfg", "applyUnknownOrderFills", "true"),
                // the shipped reference data refuses instruments it does not know: the fuzzed venues' own, without
                // constraints
                editConfigurationFilePut("etc/livestack.refdata.cfg", "instrument.FUZZ44-USD.currency", "USD"),
                editConfigurationFilePut("etc/livestack.refdata.cfg", "instrument.FUZZ42-USD.currency", "USD"));
    }

    @Test
    public void malformedMessagesAreAnsweredAsFixPrescribesAndNothingIsLostOrCountedTwice() throws Exception {
        long seed = Long.parseLong(System.getProperty(SEED_PROPERTY));
        int messages = Integer.parseInt(System.getProperty(MESSAGES_PROPERTY));
        System.out.println("FixFuzzIT: seed " + seed + " (-D" + SEED_PROPERTY + "=" + seed + " repeats this run), "
                + messages + " mutated messages over FIX 4.4, " + Math.max(100, messages / 4) + " over FIX 4.2");
        chain = new RuntimeDriver(runtime, "itest");
        Await.value("session RUNNING", WAIT, () -> runtime.status().session(), s -> s == SessionState.RUNNING);

        long started = System.nanoTime();
        int total = 0;
        List<Round> rounds = new ArrayList<>();
        try {
            rounds.add(new Round("FIX.4.4", "FUZZ44", messages, BREAKS_FIX44, new Random(seed)));
            rounds.add(new Round("FIX.4.2", "FUZZ42", Math.max(100, messages / 4), BREAKS_FIX42, new Random(seed + 1)));
            for (Round round : rounds) {
                try {
                    round.run();
                } finally {
                    System.out.print(round.tally()); // also the part of a round that failed
                }
                total += round.sent;
            }
            System.out.printf("FixFuzzIT: %d mutated messages in %.1f s, seed %d%n", total,
                    (System.nanoTime() - started) / 1e9, seed);

            assertTrue("at least 1,000 mutated messages: " + total, total >= 1000 || messages < 1000);
            assertEquals("the runtime keeps running", SessionState.RUNNING, runtime.status().session());
            assertEquals("every Live Stack bundle active", List.of(), notActive(livestackBundles()));
            assertEquals("every Live Stack component ready", List.of(), componentProblems(livestackBundles()));
            Await.value("health 200 (every venue logged on, storage healthy)", WAIT,
                    () -> MetricsAndHealthIT.get("/livestack/health", "viewer", "viewer"), r -> r.status == 200);
        } finally {
            for (Round round : rounds) {
                round.close();
            }
        }
    }

    // ------------------------------------------------------------------------------------------ one round

    /** An order at the venue: what the venue has told the runtime so far in valid reports. */
    static final class VenueOrder {
        final String clOrdId;
        final String orderId;
        final char side;
        final BigDecimal price;
        BigDecimal cum = BigDecimal.ZERO;
        BigDecimal notional = BigDecimal.ZERO;

        VenueOrder(String clOrdId, String orderId, char side, BigDecimal price) {
            this.clOrdId = clOrdId;
            this.orderId = orderId;
            this.side = side;
            this.price = price;
        }
    }

    /** One answer the adapter must send: its MsgType and the values its fields must have (null: must be absent). */
    record Expected(String msgType, Map<Integer, Set<String>> fields) {
        static Expected of(String msgType) {
            return new Expected(msgType, new TreeMap<>());
        }

        Expected with(int tag, String... values) {
            fields.put(tag, new HashSet<>(Arrays.asList(values)));
            return this;
        }

        Expected without(int tag) {
            Set<String> absent = new HashSet<>();
            absent.add(null);
            fields.put(tag, absent);
            return this;
        }

        boolean matches(RawFixMessage m) {
            if (!msgType.equals(m.msgType())) {
                return false;
            }
            for (Map.Entry<Integer, Set<String>> e : fields.entrySet()) {
                String v = m.get(e.getKey());
                if (e.getKey() == 58) {
                    String text = e.getValue().iterator().next();
                    if (v == null || !v.contains(text)) {
                        return false;
                    }
                } else if (!e.getValue().contains(v)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return msgType + (fields.isEmpty() ? "" : " " + fields);
        }
    }

    /** One mutated message as built under the venue's lock: its bytes, what they use up and what must come back. */
    static final class Shot {
        FixMutation mutation;
        String detail = "";
        int seq;
        List<Expected> expected = new ArrayList<>();
    }

    final class Round implements AutoCloseable {
        final String beginString;
        final boolean fix42;
        final VenueId venueId;
        final InstrumentId instrument;
        final String clientCompId;
        final int messages;
        final int breaksPerClass;
        final Random random;
        final DataDictionary dd;
        final RawFixVenue venue;
        Configuration configuration;

        final Map<String, VenueOrder> orders = new LinkedHashMap<>();
        final List<VenueOrder> orderList = new ArrayList<>();
        /** Booked fills (exec id -> signed quantity), unknown ClOrdIDs included. */
        final Map<String, BigDecimal> booked = new LinkedHashMap<>();
        final List<String> unknownExecIds = new ArrayList<>();
        /** MsgSeqNums of the venue's valid fills (for resends and exec id reuse). */
        final List<Integer> fillSeqs = new ArrayList<>();
        final Map<FixMutation, Map<String, Integer>> tally = new EnumMap<>(FixMutation.class);
        int sent;
        int refusals;
        int garbled;
        int breaks;
        int validFills;
        int execCounter;
        int probeCounter;
        long metricsRejectedBefore;
        long metricsGarbledBefore;
        long metricsReconnectsBefore;

        Round(String beginString, String venue, int messages, int breaksPerClass, Random random) throws Exception {
            this.beginString = beginString;
            this.fix42 = beginString.equals("FIX.4.2");
            this.venueId = VenueId.of(venue);
            this.instrument = InstrumentId.of(venue + "-USD");
            this.clientCompId = "LS-" + venue;
            this.messages = messages;
            this.breaksPerClass = breaksPerClass;
            this.random = random;
            String dictionary = fix42 ? "/FIX42.xml" : "/FIX44.xml";
            Class<?> anchor = fix42 ? quickfix.fix42.MessageFactory.class : quickfix.fix44.MessageFactory.class;
            this.dd = new DataDictionary(anchor.getResourceAsStream(dictionary));
            this.venue = new RawFixVenue(beginString, VENUE_COMP_ID, clientCompId, this::statusAnswers);
        }

        void run() throws Exception {
            connect();
            probe();
            placeOrders();
            metricsRejectedBefore = metric(MetricNames.VENUE_MESSAGES_REJECTED);
            metricsGarbledBefore = metric(MetricNames.VENUE_MESSAGES_GARBLED);
            metricsReconnectsBefore = metric(MetricNames.VENUE_RECONNECTS);
            long deadLettersBefore = count("SELECT COUNT(*) FROM dead_letter", null);

            validFill(); // something to resend and to reuse from the first mutation on
            for (FixMutation mutation : schedule()) {
                if (random.nextBoolean()) {
                    validFill();
                }
                fire(mutation);
            }
            probe(); // everything before it processed

            checkBooks(deadLettersBefore);
        }

        /** Every class about equally often; the session-ending ones {@code breaksPerClass} times each. */
        List<FixMutation> schedule() {
            List<FixMutation> normal = Arrays.stream(FixMutation.values()).filter(m -> m.kind != Kind.SESSION_BREAK)
                    .collect(Collectors.toList());
            List<FixMutation> schedule = new ArrayList<>();
            for (FixMutation m : FixMutation.values()) {
                if (m.kind == Kind.SESSION_BREAK) {
                    for (int i = 0; i < breaksPerClass; i++) {
                        schedule.add(m);
                    }
                }
            }
            while (schedule.size() < messages) {
                schedule.add(normal.get(schedule.size() % normal.size()));
            }
            Collections.shuffle(schedule, random);
            return schedule;
        }

        void connect() throws Exception {
            configuration = configurationAdmin.createFactoryConfiguration("livestack.venue.fix", "?");
            Dictionary<String, Object> p = new Hashtable<>();
            p.put("venue", venueId.value());
            p.put("host", "127.0.0.1");
            p.put("port", Integer.toString(venue.port()));
            p.put("beginString", beginString);
            p.put("senderCompID", clientCompId);
            p.put("targetCompID", VENUE_COMP_ID);
            p.put("reconnectInterval", "1");
            p.put("heartbeatInterval", "30");
            p.put("instruments", instrument.value());
            p.put("marketData", "false");
            p.put("reconcileTimeout", "5");
            configuration.update(p);
            Await.value(venueId + " LOGGED_ON", WAIT, () -> chain.venueState(venueId),
                    s -> s == VenueSessionState.LOGGED_ON);
        }

        /** Three buys at 100 and three sells at 200 (no self-cross), each acknowledged by the venue. */
        void placeOrders() throws Exception {
            List<ClientOrderId> handles = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Side side = i % 2 == 0 ? Side.BUY : Side.SELL;
                long price = Fixed.parse(side == Side.BUY ? "100" : "200");
                handles.add(chain.submitOk(venueId, instrument, side, TimeInForce.GTC, price,
                        Fixed.fromBigDecimal(ORDER_QTY)));
            }
            for (int i = 0; i < handles.size(); i++) {
                RawFixMessage d = venue.pollOrder(ANSWER);
                assertNotNull("NewOrderSingle " + (i + 1) + " of " + handles.size() + " reached the venue", d);
                assertEquals("D", d.msgType());
                VenueOrder o = new VenueOrder(d.get(11), "O-" + venueId + "-" + i, d.get(54).charAt(0),
                        new BigDecimal(d.get(44)));
                synchronized (orders) {
                    orders.put(o.clOrdId, o);
                    orderList.add(o);
                }
                venue.sendApp(report(o, '0', null, null, "A-" + o.orderId));
            }
            for (ClientOrderId handle : handles) {
                OrderView acked = Await.value(handle + " acknowledged", WAIT, () -> chain.order(handle),
                        o -> o != null && o.venueOrderId() != null);
                assertTrue(orders.containsKey(acked.currentClientOrderId().value()));
            }
        }

        // ---------------------------------------------------------------------------------- messages of the venue

        /**
         * An ExecutionReport of {@code o} (body only): an ack ('0'), or a fill ('F') of {@code lastQty} at the order's
         * price, with the quantities the venue's books would have after it.
         */
        RawFixMessage report(VenueOrder o, char what, BigDecimal lastQty, String clOrdId, String execId) {
            BigDecimal cum = lastQty == null ? o.cum : o.cum.add(lastQty);
            BigDecimal notional = lastQty == null ? o.notional : o.notional.add(lastQty.multiply(o.price));
            BigDecimal avg = cum.signum() == 0 ? BigDecimal.ZERO : notional.divide(cum, 8, RoundingMode.HALF_EVEN);
            char ordStatus = cum.signum() == 0 ? '0' : cum.compareTo(ORDER_QTY) >= 0 ? '2' : '1';
            RawFixMessage m = RawFixMessage.of("8").add(37, o.orderId).add(11, clOrdId == null ? o.clOrdId : clOrdId)
                    .add(17, execId);
            if (fix42) {
                m.add(20, "0").add(150, what == '0' ? "0" : String.valueOf(ordStatus));
            } else {
                m.add(150, what == '0' ? "0" : "F");
            }
            m.add(39, String.valueOf(ordStatus)).add(55, instrument.value()).add(54, String.valueOf(o.side))
                    .add(38, ORDER_QTY.toPlainString()).add(40, "2").add(44, o.price.toPlainString());
            if (lastQty != null) {
                m.add(32, lastQty.toPlainString()).add(31, o.price.toPlainString());
            }
            m.add(151, ORDER_QTY.subtract(cum).toPlainString()).add(14, cum.toPlainString())
                    .add(6, avg.toPlainString()).add(60, RawFixMessage.utcNow());
            return m;
        }

        /** The venue's answer to an OrderStatusRequest (reconciliation after each logon); on the venue's thread. */
        List<RawFixMessage> statusAnswers(RawFixMessage request) {
            synchronized (orders) {
                VenueOrder o = orders.get(request.get(11));
                if (o == null) {
                    return List.of();
                }
                char ordStatus = o.cum.signum() == 0 ? '0' : '1';
                BigDecimal avg = o.cum.signum() == 0 ? BigDecimal.ZERO
                        : o.notional.divide(o.cum, 8, RoundingMode.HALF_EVEN);
                RawFixMessage m = RawFixMessage.of("8").add(37, o.orderId).add(11, o.clOrdId)
                        .add(17, "ST-" + o.orderId + "-" + (++execCounter));
                if (fix42) {
                    m.add(20, "3").add(150, String.valueOf(ordStatus));
                } else {
                    m.add(150, "I");
                }
                return List.of(m.add(39, String.valueOf(ordStatus)).add(55, instrument.value())
                        .add(54, String.valueOf(o.side)).add(38, ORDER_QTY.toPlainString())
                        .add(44, o.price.toPlainString()).add(151, ORDER_QTY.subtract(o.cum).toPlainString())
                        .add(14, o.cum.toPlainString()).add(6, avg.toPlainString()));
            }
        }

        VenueOrder someOrder() {
            return orderList.get(random.nextInt(orderList.size()));
        }

        String nextExecId() {
            return "X-" + venueId + "-" + (++execCounter);
        }

        /** A fresh fill that the venue's books take (booked when it reaches the runtime). */
        RawFixMessage bookedFill(VenueOrder o) {
            BigDecimal qty = UNIT.multiply(BigDecimal.valueOf(1 + random.nextInt(3)));
            String execId = nextExecId();
            RawFixMessage fill = report(o, 'F', qty, null, execId);
            synchronized (orders) {
                o.cum = o.cum.add(qty);
                o.notional = o.notional.add(qty.multiply(o.price));
            }
            booked.put(execId, o.side == '1' ? qty : qty.negate());
            return fill;
        }

        /** A fill the venue's books do not take (the message is refused or ignored). */
        RawFixMessage phantomFill(VenueOrder o) {
            return report(o, 'F', UNIT, null, nextExecId());
        }

        void validFill() {
            RawFixMessage fill = bookedFill(someOrder());
            int seq = venue.sendApp(fill);
            fillSeqs.add(seq);
            validFills++;
        }

        // ---------------------------------------------------------------------------------- one mutated message

        void fire(FixMutation mutation) throws Exception {
            Shot shot = new Shot();
            shot.mutation = mutation;
            int logonsBefore = venue.logons();
            venue.send(seq -> build(shot, seq));
            sent++;

            List<RawFixMessage> answer = new ArrayList<>();
            if (mutation.kind == Kind.SESSION_BREAK) {
                collectUntil(answer, m -> "5".equals(m.msgType()), shot);
                breaks++;
                Await.until(venueId + " logged on again after " + mutation, WAIT,
                        () -> venue.logons() > logonsBefore
                                && chain.venueState(venueId) == VenueSessionState.LOGGED_ON);
                probe(); // the new session works; what it said at logon (a resend) is not this message's answer
            } else {
                if (mutation == FixMutation.SEQ_TOO_HIGH) {
                    // the ResendRequest first, then the probe (which would otherwise also be too high)
                    collectUntil(answer, m -> "2".equals(m.msgType()), shot);
                }
                String id = "P" + (++probeCounter);
                venue.testRequest(id);
                collectUntil(answer, m -> "0".equals(m.msgType()) && id.equals(m.get(112)), shot);
                answer.remove(answer.size() - 1);
            }
            check(shot, answer);
        }

        /** Everything the adapter sends up to and including the first message {@code last} accepts. */
        void collectUntil(List<RawFixMessage> answer, java.util.function.Predicate<RawFixMessage> last, Shot shot)
                throws InterruptedException {
            long deadline = System.nanoTime() + ANSWER.toNanos();
            while (true) {
                long left = deadline - System.nanoTime();
                RawFixMessage m = left <= 0 ? null : venue.pollSession(Duration.ofNanos(left));
                if (m == null) {
                    fail(venueId + ": no complete answer to " + shot.mutation + " " + shot.detail + " (seq "
                            + shot.seq + ") within " + ANSWER + "; so far: " + answer);
                }
                if ("0".equals(m.msgType()) && m.get(112) == null || "A".equals(m.msgType())) {
                    continue; // the adapter's own heartbeat; its Logon (the venue thread answered it)
                }
                answer.add(m);
                if (last.test(m)) {
                    return;
                }
            }
        }

        void check(Shot shot, List<RawFixMessage> answer) {
            String observed = answer.isEmpty() ? "none" : answer.stream().map(this::summary)
                    .collect(Collectors.joining(" + "));
            if (shot.mutation.kind == Kind.SESSION_BREAK) {
                observed += ", reconnected";
            }
            tally.computeIfAbsent(shot.mutation, k -> new TreeMap<>()).merge(observed, 1, Integer::sum);
            for (RawFixMessage m : answer) {
                if ("3".equals(m.msgType()) || "j".equals(m.msgType())) {
                    refusals++;
                }
            }
            if (shot.mutation.kind == Kind.GARBLED) {
                garbled++;
            }
            boolean ok = answer.size() == shot.expected.size();
            for (int i = 0; ok && i < answer.size(); i++) {
                ok = shot.expected.get(i).matches(answer.get(i));
            }
            if (!ok) {
                fail(venueId + " " + beginString + ": " + shot.mutation + " (" + shot.mutation.label + ") "
                        + shot.detail + ", MsgSeqNum " + shot.seq + ": expected " + shot.expected + ", answered "
                        + answer);
            }
        }

        String summary(RawFixMessage m) {
            return switch (m.msgType()) {
                case "3" -> "3" + (m.has(373) ? " 373=" + m.get(373) : " (no 373)");
                case "j" -> "j 380=" + m.get(380);
                case "2" -> "2 (ResendRequest)";
                case "5" -> "5 (Logout)";
                default -> m.msgType();
            };
        }

        void probe() throws InterruptedException {
            String id = "P" + (++probeCounter);
            venue.testRequest(id);
            Shot none = new Shot();
            none.detail = "probe " + id;
            List<RawFixMessage> drained = new ArrayList<>();
            collectUntil(drained, m -> "0".equals(m.msgType()) && id.equals(m.get(112)), none);
        }

        // ---------------------------------------------------------------------------------- the mutations

        /** Builds the mutated message for MsgSeqNum {@code seq} (under the venue's lock) and what must answer it. */
        Outgoing build(Shot shot, int seq) {
            shot.seq = seq;
            FixMutation mu = shot.mutation;
            VenueOrder o = someOrder();
            RawFixMessage m = venue.stamped(phantomFill(o), seq);
            List<Expected> exp = shot.expected;
            switch (mu) {
                case BAD_CHECKSUM -> {
                    byte[] good = m.encode(beginString);
                    int right = Integer.parseInt(new String(good, good.length - 4, 3, StandardCharsets.ISO_8859_1));
                    int wrong = (right + 1 + random.nextInt(255)) % 256;
                    shot.detail = "10=" + String.format("%03d", wrong) + " instead of " + right;
                    return Outgoing.of(m.encode(beginString, 0, wrong), 0);
                }
                case TAG_WITHOUT_EQUALS -> {
                    int i = bodyIndex(m);
                    String f = m.fields().get(i);
                    m.fields().set(i, f.replace("=", ""));
                    shot.detail = f + " as " + m.fields().get(i);
                    return Outgoing.of(m.encode(beginString), 0);
                }
                case MSGTYPE_NOT_THIRD -> {
                    String type = m.fields().remove(0);
                    m.fields().add(1 + random.nextInt(3), type);
                    shot.detail = m.fields().subList(0, 4).toString();
                    return Outgoing.of(m.encode(beginString), 0);
                }
                case BODY_LENGTH_SHORT, BODY_LENGTH_LONG -> {
                    int delta = (1 + random.nextInt(40)) * (mu == FixMutation.BODY_LENGTH_SHORT ? -1 : 1);
                    shot.detail = "BodyLength " + (delta > 0 ? "+" : "") + delta;
                    return Outgoing.of(withFiller(m.encode(beginString, delta, null), delta), 0);
                }
                case TRUNCATED -> {
                    byte[] whole = m.encode(beginString);
                    int cut = 14 + random.nextInt(whole.length - 16);
                    shot.detail = "cut after " + cut + " of " + whole.length + " bytes";
                    return Outgoing.of(withFiller(Arrays.copyOf(whole, cut), whole.length - cut), 0);
                }
                case GARBAGE -> {
                    byte[] garbage = new byte[1 + random.nextInt(300)];
                    for (int i = 0; i < garbage.length; i++) {
                        byte b;
                        do {
                            b = (byte) random.nextInt(256);
                        } while (b == '8');
                        garbage[i] = b;
                    }
                    shot.detail = garbage.length + " random bytes";
                    return Outgoing.of(garbage, 0);
                }
                case MISSING_REQUIRED_TAG -> {
                    List<Integer> required = new ArrayList<>(List.of(49, 56, 52));
                    for (int tag : m.tags()) {
                        if (dd.isRequiredField("8", tag)) {
                            required.add(tag);
                        }
                    }
                    int tag = required.get(random.nextInt(required.size()));
                    m.remove(tag);
                    shot.detail = "without " + tag;
                    exp.add(reject(seq, 1, Integer.toString(tag)));
                }
                case MISSING_NEEDED_TAG -> {
                    // what InboundMapper needs of every report (and LastQty/LastPx of a fill) that the dictionary
                    // does not require
                    List<Integer> needed = new ArrayList<>();
                    for (int tag : List.of(11, 17, 150, 39, 55, 54, 14, 151, 31, 32)) {
                        if (!dd.isRequiredField("8", tag)) {
                            needed.add(tag);
                        }
                    }
                    int tag = needed.get(random.nextInt(needed.size()));
                    m.remove(tag);
                    shot.detail = "without " + tag;
                    exp.add(businessReject(seq, 5, "8"));
                }
                case MISSING_OPTIONAL_TAG -> {
                    List<Integer> optional = new ArrayList<>();
                    for (int tag : List.of(38, 40, 44, 60)) {
                        if (!dd.isRequiredField("8", tag)) {
                            optional.add(tag);
                        }
                    }
                    int tag = optional.get(random.nextInt(optional.size()));
                    m = venue.stamped(bookedFill(o), seq);
                    m.remove(tag);
                    shot.detail = "without " + tag;
                    return accepted(m, seq);
                }
                case UNKNOWN_TAG -> {
                    int tag;
                    do {
                        tag = 4000 + random.nextInt(1000);
                    } while (dd.isField(tag));
                    m.fields().add(bodyIndex(m), tag + "=x");
                    shot.detail = tag + "=x";
                    exp.add(reject(seq, 0, Integer.toString(tag)));
                }
                case TAG_NOT_IN_MESSAGE -> {
                    List<Integer> candidates = new ArrayList<>();
                    for (int tag : List.of(108, 112, 7, 16, 36, 45, 372, 380, 148, 262)) {
                        if (dd.isField(tag) && !dd.isMsgField("8", tag) && !dd.isHeaderField(tag)
                                && !dd.isTrailerField(tag)) {
                            candidates.add(tag);
                        }
                    }
                    int tag = candidates.get(random.nextInt(candidates.size()));
                    m.fields().add(bodyIndex(m), tag + "=1");
                    shot.detail = tag + "=1";
                    exp.add(reject(seq, 2, Integer.toString(tag)));
                }
                case USER_DEFINED_TAG -> {
                    int tag = 5000 + random.nextInt(5000);
                    m = venue.stamped(bookedFill(o), seq);
                    m.fields().add(bodyIndex(m), tag + "=fuzz");
                    shot.detail = tag + "=fuzz";
                    return accepted(m, seq);
                }
                case EMPTY_VALUE -> {
                    int i = bodyIndex(m);
                    String f = m.fields().get(i);
                    String tag = f.substring(0, f.indexOf('='));
                    m.fields().set(i, tag + "=");
                    shot.detail = tag + "=";
                    exp.add(reject(seq, 4, tag));
                }
                case NON_NUMERIC -> {
                    int tag = List.of(14, 151, 6, 31, 32, 38, 44).get(random.nextInt(7));
                    String value = List.of("abc", "1,5", "--1", "12a", "0x1F", "1.2.3", " 1").get(random.nextInt(7));
                    m.set(tag, value);
                    shot.detail = tag + "=" + value;
                    exp.add(reject(seq, 6, Integer.toString(tag)));
                }
                case ENUM_OUT_OF_RANGE -> {
                    List<Integer> tags = new ArrayList<>(List.of(150, 39, 54));
                    if (fix42) {
                        tags.add(20);
                    }
                    int tag = tags.get(random.nextInt(tags.size()));
                    String value;
                    do {
                        value = String.valueOf("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
                                .charAt(random.nextInt(62)));
                    } while (dd.isFieldValue(tag, value));
                    m.set(tag, value);
                    shot.detail = tag + "=" + value;
                    exp.add(reject(seq, 5, Integer.toString(tag)));
                }
                case DUPLICATED_TAG -> {
                    int i = bodyIndex(m);
                    String f = m.fields().get(i);
                    m.fields().add(i + 1 + random.nextInt(m.fields().size() - i), f);
                    shot.detail = f + " twice";
                    exp.add(reject(seq, 13, f.substring(0, f.indexOf('='))));
                }
                case HEADER_AFTER_BODY -> {
                    m = venue.stamped(bookedFill(o), seq);
                    List<Integer> moved = new ArrayList<>();
                    for (int tag : List.of(34, 49, 56, 52)) {
                        if (moved.isEmpty() || random.nextBoolean()) {
                            String f = m.fields().get(m.indexOf(tag));
                            m.fields().remove(f);
                            m.fields().add(f);
                            moved.add(tag);
                        }
                    }
                    shot.detail = "moved to the end: " + moved;
                    return accepted(m, seq);
                }
                case WRONG_MSGTYPE -> {
                    m.set(35, "9");
                    Set<String> missing = new HashSet<>();
                    for (int tag = 1; tag < 2000; tag++) {
                        if (dd.isRequiredField("9", tag) && !m.has(tag)) {
                            missing.add(Integer.toString(tag));
                        }
                    }
                    shot.detail = "35=9, missing " + missing;
                    exp.add(reject(seq, 1, missing.toArray(new String[0])).with(372, "9"));
                }
                case UNKNOWN_MSGTYPE -> {
                    String type;
                    do {
                        type = "Z" + (char) ('A' + random.nextInt(26));
                    } while (dd.isMsgType(type));
                    m.set(35, type);
                    shot.detail = "35=" + type;
                    exp.add(reject(seq, 11, "35"));
                }
                case UNSUPPORTED_MSGTYPE -> {
                    m = venue.stamped(RawFixMessage.of("B").add(148, "fuzz headline").add(33, "1")
                            .add(58, "a valid News message the adapter does not process"), seq);
                    shot.detail = "35=B (News)";
                    exp.add(businessReject(seq, 3, "B"));
                }
                case NEGATIVE_QTY -> {
                    int tag = List.of(32, 14, 151, 38).get(random.nextInt(4));
                    m.set(tag, "-" + m.get(tag).replaceFirst("^0$", "1"));
                    shot.detail = tag + "=" + m.get(tag);
                    exp.add(reject(seq, 5, Integer.toString(tag)));
                }
                case HUGE_NUMBER -> {
                    m.set(32, "1" + "0".repeat(60));
                    shot.detail = "32=1E60 in 61 digits";
                    exp.add(reject(seq, 5, "32"));
                }
                case HUGE_ID -> {
                    m.set(17, "E".repeat(200));
                    shot.detail = "17 of 200 characters";
                    exp.add(reject(seq, 5, "17"));
                }
                case HUGE_TEXT -> {
                    m = venue.stamped(bookedFill(o), seq);
                    StringBuilder text = new StringBuilder(65536);
                    while (text.length() < 65536) {
                        text.append("fuzz text ");
                    }
                    m.add(58, text.substring(0, 65536));
                    shot.detail = "58 of 65536 characters";
                    return accepted(m, seq);
                }
                case POSSDUP_NO_ORIG_TIME -> {
                    m.insertAfter(52, 43, "Y");
                    shot.detail = "43=Y, no 122";
                    exp.add(reject(seq, 1, "122"));
                }
                case POSSDUP_RESEND -> {
                    int earlier = fillSeqs.get(random.nextInt(fillSeqs.size()));
                    RawFixMessage again = venue.sentApp(earlier).copy();
                    String sendingTime = again.get(52);
                    again.set(52, RawFixMessage.utcNow());
                    again.insertAfter(52, 122, sendingTime);
                    again.insertAfter(52, 43, "Y");
                    shot.seq = earlier;
                    shot.detail = "seq " + earlier + " again, 43=Y (next is " + seq + ")";
                    return Outgoing.of(again.encode(beginString), 0);
                }
                case SEQ_TOO_HIGH -> {
                    int k = 1 + random.nextInt(4);
                    m = venue.stamped(bookedFill(o), seq + k);
                    shot.detail = "34=" + (seq + k) + ", expected " + seq;
                    fillSeqs.add(seq + k);
                    exp.add(Expected.of("2").with(7, Integer.toString(seq)));
                    return new Outgoing(m.encode(beginString), k + 1, Map.of(seq + k, m));
                }
                case EXECID_REUSE -> {
                    int earlier = fillSeqs.get(random.nextInt(fillSeqs.size()));
                    RawFixMessage again = venue.sentApp(earlier).copy();
                    again.set(34, Integer.toString(seq));
                    again.set(52, RawFixMessage.utcNow());
                    shot.detail = "ExecID " + again.get(17) + " of seq " + earlier + " as seq " + seq;
                    return accepted(again, seq);
                }
                case UNKNOWN_CLORDID -> {
                    VenueOrder stranger = new VenueOrder("UNKNOWN-" + venueId + "-" + seq, "UO-" + seq,
                            random.nextBoolean() ? '1' : '2', new BigDecimal("150"));
                    String execId = nextExecId();
                    m = venue.stamped(report(stranger, 'F', UNIT, null, execId), seq);
                    booked.put(execId, stranger.side == '1' ? UNIT : UNIT.negate());
                    unknownExecIds.add(execId);
                    shot.detail = "11=" + stranger.clOrdId;
                    return accepted(m, seq);
                }
                case WRONG_COMPID -> {
                    m.set(49, "NOT" + VENUE_COMP_ID);
                    shot.detail = "49=NOT" + VENUE_COMP_ID;
                    exp.add(reject(seq, 9).without(371));
                    exp.add(Expected.of("5"));
                }
                case SENDING_TIME -> {
                    m.set(52, RawFixMessage.utcTimestamp(LocalDateTime.now(ZoneOffset.UTC).minusMinutes(10)));
                    shot.detail = "52=" + m.get(52);
                    exp.add(reject(seq, 10, "52"));
                    exp.add(Expected.of("5"));
                }
                case SEQ_TOO_LOW -> {
                    int low = Math.max(1, seq - 1 - random.nextInt(3));
                    m.set(34, Integer.toString(low));
                    shot.detail = "34=" + low + ", expected " + seq;
                    exp.add(Expected.of("5").with(58, "MsgSeqNum too low"));
                    return Outgoing.of(m.encode(beginString), 0);
                }
                case MISSING_SEQNUM -> {
                    m.remove(34);
                    shot.detail = "without 34";
                    exp.add(Expected.of("5").with(58, "without MsgSeqNum"));
                    return Outgoing.of(m.encode(beginString), 0);
                }
                default -> throw new IllegalStateException("no mutation for " + mu);
            }
            // refused messages use up their number and are gap-filled if ever asked for again
            return Outgoing.of(m.encode(beginString), 1);
        }

        /** A message the adapter takes (no answer): it uses up its number and is resent if asked. */
        Outgoing accepted(RawFixMessage m, int seq) {
            if ("F".equals(m.get(150)) || "1".equals(m.get(150)) || "2".equals(m.get(150))) {
                fillSeqs.add(seq);
            }
            return new Outgoing(m.encode(beginString), 1, Map.of(seq, m));
        }

        /** A session Reject of message {@code seq} with that SessionRejectReason (4.2 has only 0-11) and RefTagID. */
        Expected reject(int seq, int reason, String... refTags) {
            Expected e = Expected.of("3").with(45, Integer.toString(seq));
            if (fix42 && reason > 11) {
                e.without(373);
            } else {
                e.with(373, Integer.toString(reason));
            }
            if (refTags.length > 0) {
                e.with(371, refTags);
            }
            return e;
        }

        Expected businessReject(int seq, int reason, String refMsgType) {
            return Expected.of("j").with(45, Integer.toString(seq)).with(380, Integer.toString(reason))
                    .with(372, refMsgType);
        }

        /** The index of a random body field (after the standard header). */
        int bodyIndex(RawFixMessage m) {
            Set<Integer> header = Set.of(35, 34, 49, 56, 52, 43, 122);
            List<Integer> body = new ArrayList<>();
            for (int i = 0; i < m.fields().size(); i++) {
                String f = m.fields().get(i);
                int eq = f.indexOf('=');
                if (eq > 0 && !header.contains(Integer.parseInt(f.substring(0, eq)))) {
                    body.add(i);
                }
            }
            return body.get(random.nextInt(body.size()));
        }

        /**
         * Line noise after a message the decoder reads too far for (too large a BodyLength, truncated): as many
         * bytes as it still waits for, and a few more, none of them a message start, so that what follows is not
         * swallowed (a venue's next message would otherwise be lost and only come back by a resend).
         */
        byte[] withFiller(byte[] bytes, int missing) {
            byte[] filler = new byte[Math.max(0, missing) + 16];
            Arrays.fill(filler, (byte) 'x');
            byte[] all = Arrays.copyOf(bytes, bytes.length + filler.length);
            System.arraycopy(filler, 0, all, bytes.length, filler.length);
            return all;
        }

        // ---------------------------------------------------------------------------------- nothing lost, nothing twice

        void checkBooks(long deadLettersBefore) {
            assertEquals("the runtime keeps running", SessionState.RUNNING, runtime.status().session());
            Await.value(venueId + " LOGGED_ON", WAIT, () -> chain.venueState(venueId),
                    s -> s == VenueSessionState.LOGGED_ON);

            // every order filled by exactly what the valid reports said
            for (VenueOrder o : orderList) {
                long expected = Fixed.fromBigDecimal(o.cum);
                OrderView order = Await.value(o.clOrdId + " filled " + o.cum.toPlainString(), WAIT,
                        () -> chain.order(ClientOrderId.of(o.clOrdId)), v -> v != null
                                && v.filledQuantity() == expected);
                assertFalse("never overfilled: " + order, order.overfilled());
                assertTrue("still open: " + order, order.isOpen());
            }
            BigDecimal net = booked.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            long expectedNet = Fixed.fromBigDecimal(net);
            Await.value(instrument + " position " + net.toPlainString(), WAIT, () -> chain.position(instrument),
                    p -> p != null && p.netQuantity() == expectedNet);

            // the records: each booked fill once, no other fill of the venue, no dead letter
            List<String> expectedExecIds = new ArrayList<>(booked.keySet());
            Collections.sort(expectedExecIds);
            List<String> stored = Await.value("the " + booked.size() + " fills of " + venueId + " stored", WAIT,
                    () -> {
                        List<String> ids = query("SELECT exec_id FROM fill WHERE venue = ?", venueId.value());
                        Collections.sort(ids);
                        return ids;
                    }, ids -> ids.size() >= expectedExecIds.size());
            assertEquals("every fill stored exactly once, and nothing else", expectedExecIds, stored);
            long unknownRecorded = Await.value("a record per fill for an unknown ClOrdID", WAIT,
                    () -> count("SELECT COUNT(*) FROM execution_metadata WHERE subject = ? AND detail LIKE "
                            + "'UNKNOWN_ORDER_REPORT: execution report for unknown order%'", venueId.value()),
                    n -> n >= unknownExecIds.size());
            assertEquals("one record per fill for an unknown ClOrdID", unknownExecIds.size(), unknownRecorded);
            long deadLetters = count("SELECT COUNT(*) FROM dead_letter", null);
            assertEquals("no dead letters; the first: " + query("SELECT record_type || ': ' || error FROM dead_letter "
                    + "WHERE seq > ? ORDER BY seq LIMIT 3", "0"), deadLettersBefore, deadLetters);

            // what the operator sees: the venue's metrics
            Await.value(venueId + " metrics: refused " + refusals + ", garbled " + garbled + ", reconnects "
                    + breaks, WAIT, () -> new long[] {
                        metric(MetricNames.VENUE_MESSAGES_REJECTED) - metricsRejectedBefore,
                        metric(MetricNames.VENUE_MESSAGES_GARBLED) - metricsGarbledBefore,
                        metric(MetricNames.VENUE_RECONNECTS) - metricsReconnectsBefore},
                    d -> d[0] == refusals && d[1] == garbled && d[2] == breaks);
        }

        long metric(String name) {
            String prometheus = name.replace('.', '_') + "_total";
            MetricsAndHealthIT.Response r = MetricsAndHealthIT.get("/livestack/metrics", "viewer", "viewer");
            assertEquals(200, r.status);
            return (long) PrometheusText.parse(r.body).named(prometheus).stream()
                    .filter(s -> venueId.value().equals(s.labels.get("venue"))).mapToDouble(s -> s.value)
                    .sum();
        }

        String tally() {
            StringBuilder t = new StringBuilder();
            t.append(String.format("FixFuzzIT %s (venue %s): %d mutated messages, %d valid fills between them, "
                    + "%d reconnects, %d resend requests answered%n", beginString, venueId, sent, validFills, breaks,
                    venue.resendRequests()));
            t.append(String.format("  %-52s %5s  %-66s %s%n", "mutation", "sent", "FIX / QuickFIX/J prescribe",
                    "answers observed (count)"));
            for (FixMutation m : FixMutation.values()) {
                Map<String, Integer> seen = tally.getOrDefault(m, Map.of());
                int n = seen.values().stream().mapToInt(Integer::intValue).sum();
                t.append(String.format("  %-52s %5d  %-66s %s%n", m.label, n, m.prescribed,
                        seen.entrySet().stream().map(e -> e.getKey() + " x" + e.getValue())
                                .collect(Collectors.joining("; "))));
            }
            t.append(String.format("  booked: %d fills (%d for unknown ClOrdIDs), position %s %s; metrics: "
                    + "%d refused, %d garbled, %d reconnects%n", booked.size(), unknownExecIds.size(),
                    instrument, booked.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add).toPlainString(),
                    refusals, garbled, breaks));
            return t.toString();
        }

        /** The venue's configuration removed (the adapter logs out and goes away), then the venue closed. */
        @Override
        public void close() throws IOException {
            if (configuration != null) {
                configuration.delete();
                Await.value(venueId + " gone", WAIT, () -> chain.venueState(venueId),
                        s -> s == null || s == VenueSessionState.UNAVAILABLE);
            }
            venue.close();
        }
    }

    // ------------------------------------------------------------------------------------------ records

    private List<String> query(String sql, String parameter) {
        return withConnection(c -> {
            List<String> rows = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, parameter);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        rows.add(r.getString(1));
                    }
                }
            }
            return rows;
        });
    }

    private long count(String sql, String parameter) {
        return withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                if (parameter != null) {
                    s.setString(1, parameter);
                }
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getLong(1);
                }
            }
        });
    }

    interface Sql<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T withConnection(Sql<T> work) {
        ServiceTracker<DataSource, DataSource> tracker;
        try {
            tracker = new ServiceTracker<>(bundleContext, bundleContext.createFilter(
                    "(&(objectClass=" + DataSource.class.getName() + ")(dataSourceName=livestack))"), null);
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        tracker.open();
        try {
            DataSource ds = tracker.waitForService(WAIT.toMillis());
            assertNotNull("the livestack DataSource", ds);
            try (Connection c = ds.getConnection()) {
                return work.run(c);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("query failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            tracker.close();
        }
    }
}
