package io.livestack.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import io.livestack.api.event.Command;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.SessionState;
import io.livestack.api.model.Side;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.record.ExecutionRecord;
import io.livestack.api.record.FillRecord;
import io.livestack.api.record.OperatorActionRecord;
import io.livestack.api.record.OrderRecord;
import io.livestack.api.record.RecordJournal;
import io.livestack.api.record.StorageMonitor;
import io.livestack.api.record.StorageStatus;
import io.livestack.api.runtime.CommandResult;
import io.livestack.api.runtime.ExecutionStage;
import io.livestack.api.runtime.LiveRuntime;
import io.livestack.api.state.OrderView;
import io.livestack.api.state.PositionView;
import io.livestack.api.telemetry.Health;
import io.livestack.api.telemetry.HealthIndicator;
import io.livestack.itests.support.LivestackTestSupport;
import io.livestack.itests.support.RecordsDatabase;
import io.livestack.itests.support.RuntimeDriver;
import io.livestack.storage.query.StoredRecords;
import io.livestack.testkit.Await;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.inject.Inject;
import javax.sql.DataSource;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The storage bundle in the real distribution (demo configuration: the sample strategies trading on SIM), checked
 * against the runtime's own view:
 * <ul>
 * <li>After a session of strategy trading plus manual orders (a fill, a cancel) and a kill/resume, with the session
 * stopped so that the chain is quiet: every order's latest stored snapshot equals the runtime's order, every fill
 * the runtime applied is stored exactly once with the same content, the latest stored position per instrument is
 * the runtime's position, and the operator actions are stored with their user.</li>
 * <li>A database outage (the {@code livestack} DataSource re-pointed to a database server that is not there, through
 * its pax-jdbc-config configuration, as an operator editing etc/org.ops4j.datasource-livestack.cfg would): storage
 * reports DOWN with a growing backlog while trading goes on, and once the DataSource is back writes what it missed
 * from the journal; every record the journal holds for the window (read back through {@link RecordJournal}) is in
 * the database exactly once, nothing more.</li>
 * </ul>
 * One Karaf for the class, a fresh database; each test starts from a RUNNING session with the kill switch released.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StorageIT extends LivestackTestSupport {

    static final VenueId SIM = VenueId.of("SIM");
    static final InstrumentId BTC = InstrumentId.of("BTC-USD");
    static final Set<StrategyId> SAMPLES = Set.of(StrategyId.of("mm-sim"), StrategyId.of("mom-sim"));
    static final String USER = "storage-itest";
    static final long TICK = Fixed.parse("0.01");
    static final long QTY = Fixed.parse("0.01");
    static final Duration WAIT = Await.DEFAULT_TIMEOUT;
    static final Duration TRADING_WAIT = Duration.ofMinutes(2);
    static final String DATASOURCE_FACTORY_PID = "org.ops4j.datasource";
    static final String STORAGE_COMPONENT = "io.livestack.storage.internal.StorageComponent";

    @Inject
    private LiveRuntime runtime;

    @Inject
    private ExecutionStage execution;

    @Inject
    private StorageMonitor storage;

    @Inject
    private RecordJournal recordJournal;

    @Inject
    private ConfigurationAdmin configAdmin;

    private RuntimeDriver chain;
    /** The DataSource configuration as shipped, restored after the outage test whatever happens. */
    private Dictionary<String, Object> shippedDataSource;

    @Override
    protected Option[] extraOptions() {
        return fixSimulatorOnFreePort();
    }

    @Before
    public void sessionRunning() {
        chain = new RuntimeDriver(runtime, USER);
        if (execution.killSwitchEngaged()) {
            chain.executeOk(new Command.Resume());
        }
        // at boot the session auto-starts once the state has recovered; a test that stops it starts it again after
        Await.value("session RUNNING", WAIT, () -> runtime.status().session(), s -> s == SessionState.RUNNING);
        Await.value("SIM LOGGED_ON", WAIT, () -> chain.venueState(SIM), s -> s == VenueSessionState.LOGGED_ON);
        Await.value("a two-sided BTC-USD book at SIM", WAIT, () -> chain.bidAsk(SIM, BTC), b -> b != null);
        Await.value("storage UP", WAIT, () -> storage.status(), s -> s.health() != StorageStatus.Health.DOWN);
    }

    @After
    public void leaveTheStackAsFound() throws Exception {
        if (shippedDataSource != null) {
            dataSourceConfiguration().update(shippedDataSource);
            shippedDataSource = null;
        }
        SessionState session = Await.value("the session settled", WAIT, () -> runtime.status().session(),
                s -> s == SessionState.RUNNING || s == SessionState.STOPPED);
        if (session == SessionState.STOPPED) {
            chain.executeOk(new Command.StartSession());
        }
    }

    // ------------------------------------------------------------------------------------------ stored = runtime

    @Test
    public void theStoredRecordsMatchTheRuntimesViewOnceTheChainIsQuiet() throws Exception {
        // manual orders: one canceled, one filled; a kill and a resume
        long[] bidAsk = chain.bidAsk(SIM, BTC);
        ClientOrderId resting = chain.submitOk(SIM, BTC, Side.BUY, TimeInForce.GTC,
                RuntimeDriver.scaled(bidAsk[0], "0.97", TICK), QTY);
        Await.value("manual order acknowledged", WAIT, () -> chain.order(resting),
                o -> o != null && o.status() == OrderStatus.NEW);
        CommandResult cancel = chain.cancel(resting);
        assertTrue(cancel.message(), cancel.ok());
        Await.value("manual order canceled", WAIT, () -> chain.order(resting).status(),
                s -> s == OrderStatus.CANCELED);
        OrderView filled = chain.fillManualIoc(SIM, BTC, Side.BUY, QTY, WAIT);
        ClientOrderId beforeKill = chain.submitOk(SIM, BTC, Side.SELL, TimeInForce.GTC,
                RuntimeDriver.scaled(chain.bidAsk(SIM, BTC)[1], "1.03", TICK), QTY);
        Await.value("resting sell acknowledged", WAIT, () -> chain.order(beforeKill),
                o -> o != null && o.status() == OrderStatus.NEW);
        chain.executeOk(new Command.Kill("storage itest"));
        Await.value("the kill cancels the resting sell", WAIT, () -> chain.order(beforeKill).status(),
                s -> s == OrderStatus.CANCELED);
        chain.executeOk(new Command.Resume());

        // the sample strategies trade too
        Await.value("fills of the sample strategies", TRADING_WAIT, () -> chain.query(v -> v.recentFills(10_000))
                .stream().filter(f -> f.strategy() != null && SAMPLES.contains(f.strategy())).count(),
                n -> n >= 2);

        // quiet: the session stopped (strategies stopped, open orders canceled, venues logged out), and the stop
        // returned only once every record so far was on disk in the journal and written to the database: the rows
        // are read at once, without waiting for storage
        CommandResult stop = chain.executeOk(new Command.StopSession(true));
        assertEquals(SessionState.STOPPED, runtime.status().session());
        java.util.regex.Matcher flushed = java.util.regex.Pattern
                .compile("journal durable to seq (\\d+); database written to seq (\\d+)").matcher(stop.message());
        assertTrue("the stop says what was flushed: " + stop.message(), flushed.find());
        assertEquals(stop.message(), flushed.group(1), flushed.group(2));
        RuntimeView before = runtimeView();
        StoredView stored = stored();
        RuntimeView after = runtimeView();
        assertEquals("the chain stayed quiet while the database was read", before, after);
        assertTrue("no record in dead_letter: " + stored.deadLetters, stored.deadLetters.isEmpty());

        // every order: its latest stored snapshot is the runtime's order, field by field
        assertTrue("orders were traded", before.orders.size() >= 4);
        assertEquals("the stored orders are the runtime's orders", before.orders.keySet(), stored.orders.keySet());
        for (OrderView o : before.orders.values()) {
            assertEquals("stored latest snapshot of " + o.clientOrderId(), o, stored.orders.get(o.clientOrderId()));
        }
        assertEquals(OrderStatus.CANCELED, stored.orders.get(resting).status());
        assertEquals(filled, stored.orders.get(filled.clientOrderId()));

        // every fill the runtime applied: stored once, the same execution
        assertTrue("fills: " + before.fills.size(), before.fills.size() >= 3);
        Map<String, List<FillRecord>> storedFills = stored.fills.stream()
                .collect(Collectors.groupingBy(StorageIT::fillKey));
        for (FillRecord f : before.fills) {
            List<FillRecord> rows = storedFills.getOrDefault(fillKey(f), List.of());
            assertEquals("fill " + fillKey(f) + " stored exactly once: " + rows, 1, rows.size());
            FillRecord s = rows.get(0);
            assertEquals(f.venue(), s.venue());
            assertEquals(f.execId(), s.execId());
            assertEquals(f.clientOrderId(), s.clientOrderId());
            assertEquals(f.side(), s.side());
            assertEquals(Fixed.format(f.price()), Fixed.format(s.price()));
            assertEquals(Fixed.format(f.quantity()), Fixed.format(s.quantity()));
            assertEquals("the whole fill record", f, s);
        }
        assertEquals("no stored fill the runtime does not know", before.fills.size(), stored.fills.size());

        // positions: the latest stored one per instrument (mark price and unrealized P&L are not compared: they move
        // with market data, which is not recorded)
        assertEquals(before.positions.keySet(), stored.positions.keySet());
        for (PositionView p : before.positions.values()) {
            PositionView s = stored.positions.get(p.instrument());
            assertEquals("net " + p.instrument(), Fixed.format(p.netQuantity()), Fixed.format(s.netQuantity()));
            assertEquals("avg " + p.instrument(), Fixed.format(p.averagePrice()), Fixed.format(s.averagePrice()));
            assertEquals("realized " + p.instrument(), Fixed.format(p.realizedPnl()), Fixed.format(s.realizedPnl()));
            assertEquals("bought " + p.instrument(), p.boughtQuantity(), s.boughtQuantity());
            assertEquals("sold " + p.instrument(), p.soldQuantity(), s.soldQuantity());
            assertEquals("updated seq " + p.instrument(), p.updatedSeq(), s.updatedSeq());
        }

        // operator actions, with the user (the stop's own is a record of the event that ended it: written after it)
        Await.value("storage has written everything", WAIT, storage::status,
                s -> s.backlog() <= 1 && s.health() != StorageStatus.Health.DOWN);
        stored = Await.value("the stop's own operator action stored", WAIT, this::storedNow,
                v -> v.actions.stream().anyMatch(a -> a.action().equals("session-stop")));
        List<String> ours = stored.actions.stream().filter(a -> a.user().equals(USER))
                .map(a -> a.action() + ":" + a.outcome()).collect(Collectors.toList());
        for (String expected : List.of("manual-SubmitOrder:ok", "manual-CancelOrder:ok", "kill:ok", "resume:ok",
                "session-stop:ok")) {
            assertTrue(expected + " stored with user " + USER + ": " + ours, ours.contains(expected));
        }
        OperatorActionRecord kill = stored.actions.stream().filter(a -> a.action().equals("kill")).findFirst()
                .orElseThrow();
        assertEquals(USER, kill.user());
        assertTrue(stop.message(), stop.ok());
    }

    // ------------------------------------------------------------------------------------------ database outage

    @Test
    public void aDatabaseOutageLosesNothingAndDuplicatesNothing() throws Exception {
        Await.value("the sample strategies trading", TRADING_WAIT,
                () -> chain.query(v -> v.recentFills(10_000)).size(), n -> n >= 1);
        Await.value("storage caught up before the outage", WAIT, storage::status,
                s -> s.backlog() <= 1 && s.health() == StorageStatus.Health.UP);
        long fromSeq = runtime.status().lastSeq();

        // outage: the DataSource now points at a database server that does not answer
        Configuration config = dataSourceConfiguration();
        shippedDataSource = config.getProperties();
        Dictionary<String, Object> broken = copy(shippedDataSource);
        broken.put("url", "jdbc:h2:tcp://127.0.0.1:" + closedPort() + "/livestack-is-down");
        config.update(broken);
        StorageStatus down = Await.value("storage DOWN", WAIT, storage::status,
                s -> s.health() == StorageStatus.Health.DOWN);
        assertEquals("the storage health indicator says DOWN", Health.Status.DOWN, storageHealth().health().status());

        // trading goes on: the records are in the journal, the database is behind
        long writtenAtOutage = down.written();
        OrderView filled = chain.fillManualIoc(SIM, BTC, Side.SELL, QTY, WAIT);
        ClientOrderId resting = chain.submitOk(SIM, BTC, Side.BUY, TimeInForce.GTC,
                RuntimeDriver.scaled(chain.bidAsk(SIM, BTC)[0], "0.97", TICK), QTY);
        Await.value("resting buy acknowledged during the outage", WAIT, () -> chain.order(resting),
                o -> o != null && o.status() == OrderStatus.NEW);
        chain.cancel(resting);
        Await.value("resting buy canceled during the outage", WAIT, () -> chain.order(resting).status(),
                s -> s == OrderStatus.CANCELED);
        StorageStatus growing = Await.value("a backlog of journaled events not yet stored", TRADING_WAIT,
                storage::status, s -> s.backlog() > 50);
        assertEquals(StorageStatus.Health.DOWN, growing.health());
        assertEquals("nothing written while the database is away", writtenAtOutage, growing.written());
        StorageStatus later = Await.value("the backlog keeps growing", WAIT, storage::status,
                s -> s.backlog() > growing.backlog());
        assertEquals(0, later.lost());

        // the database is back: the projection writes what it missed, from the journal
        config.update(shippedDataSource);
        shippedDataSource = null;
        long toSeq = runtime.status().lastSeq();
        // storage's mark is the journal's last seq minus its backlog: read the seq first, it only grows
        Await.until("the backlog written up to seq " + toSeq, TRADING_WAIT, () -> {
            long last = runtime.status().lastSeq();
            StorageStatus s = storage.status();
            return s.health() == StorageStatus.Health.UP && last - s.backlog() >= toSeq;
        });
        StorageStatus caughtUp = storage.status();
        assertEquals(0, caughtUp.lost());
        assertEquals(0, caughtUp.deadLettered());

        // every record the journal holds for the window: in the database exactly once, nothing more
        List<ExecutionRecord> journaled = new ArrayList<>();
        long position = fromSeq;
        long next;
        while (position < toSeq && (next = recordJournal.read(position, 10_000,
                e -> journaled.addAll(e.records()))) > position) {
            position = next;
        }
        List<ExecutionRecord> produced = journaled.stream().filter(r -> r.seq() > fromSeq && r.seq() <= toSeq)
                .collect(Collectors.toList());
        assertTrue("the manual fill happened during the outage", produced.stream().anyMatch(
                r -> r instanceof FillRecord f && f.clientOrderId().equals(filled.clientOrderId())));
        List<ExecutionRecord> storedRecords = withConnection(StoredRecords::all).stream()
                .filter(r -> r.seq() > fromSeq && r.seq() <= toSeq).collect(Collectors.toList());
        assertEquals("records per sequence number", countBySeqAndType(produced), countBySeqAndType(storedRecords));
        Map<ExecutionRecord, Long> missing = difference(produced, storedRecords);
        Map<ExecutionRecord, Long> extra = difference(storedRecords, produced);
        assertTrue("records journaled but not stored: " + missing, missing.isEmpty());
        assertTrue("records stored but never journaled (or stored twice): " + extra, extra.isEmpty());
        assertTrue("records of the manual orders during the outage (submitted, filled, canceled): " + produced,
                produced.stream().filter(r -> r instanceof OrderRecord o
                        && (o.order().clientOrderId().equals(filled.clientOrderId())
                        || o.order().clientOrderId().equals(resting))).count() >= 4);

        // and over the whole database: one fill per venue and exec id, no dead letter
        assertEquals("fills duplicated by venue and exec id", List.of(),
                withConnection(c -> RecordsDatabase.strings(c, "SELECT venue || '|' || exec_id FROM fill GROUP BY venue, exec_id"
                        + " HAVING COUNT(*) > 1")));
        assertEquals(List.of(), withConnection(StoredRecords::deadLetters));
    }

    // ------------------------------------------------------------------------------------------ helpers

    /**
     * What the runtime shows: every order by handle, the applied fills, the positions by instrument as booked by the
     * fills (mark price and unrealized P&L left at 0: market data keeps marking them and is not recorded).
     */
    record RuntimeView(Map<ClientOrderId, OrderView> orders, List<FillRecord> fills,
            Map<InstrumentId, PositionView> positions) {
    }

    /** What the database holds. */
    record StoredView(Map<ClientOrderId, OrderView> orders, List<FillRecord> fills,
            Map<InstrumentId, PositionView> positions, List<OperatorActionRecord> actions,
            List<StoredRecords.DeadLetter> deadLetters) {
    }

    private RuntimeView runtimeView() {
        return chain.query(v -> new RuntimeView(
                v.orders().stream().collect(Collectors.toMap(OrderView::clientOrderId, o -> o, (a, b) -> b,
                        LinkedHashMap::new)),
                List.copyOf(v.recentFills(10_000)),
                v.positions().stream().collect(Collectors.toMap(PositionView::instrument, p -> new PositionView(
                        p.instrument(), p.netQuantity(), p.averagePrice(), p.realizedPnl(), 0, 0,
                        p.boughtQuantity(), p.soldQuantity(), p.updatedSeq())))));
    }

    private StoredView storedNow() {
        try {
            return stored();
        } catch (Exception e) {
            throw new IllegalStateException("the database cannot be read: " + e, e);
        }
    }

    private StoredView stored() throws Exception {
        return withConnection(c -> new StoredView(
                StoredRecords.latestOrders(c).stream().collect(Collectors.toMap(OrderView::clientOrderId, o -> o)),
                StoredRecords.all(c, FillRecord.class),
                StoredRecords.latestPositions(c).stream().collect(Collectors.toMap(PositionView::instrument, p -> p)),
                StoredRecords.all(c, OperatorActionRecord.class),
                StoredRecords.deadLetters(c)));
    }

    interface SqlFunction<T> {
        T apply(Connection c) throws SQLException;
    }

    private <T> T withConnection(SqlFunction<T> work) throws Exception {
        try (Connection c = dataSource().getConnection()) {
            return work.apply(c);
        }
    }

    /** The current livestack DataSource service (pax-jdbc-config replaces it when its configuration changes). */
    private DataSource dataSource() {
        return Await.value("the livestack DataSource", WAIT, () -> {
            try {
                ServiceReference<?>[] found = bundleContext.getServiceReferences(DataSource.class.getName(),
                        "(dataSourceName=livestack)");
                return found == null ? null : (DataSource) bundleContext.getService(found[0]);
            } catch (InvalidSyntaxException e) {
                throw new IllegalStateException(e);
            }
        }, ds -> ds != null);
    }

    private static String fillKey(FillRecord f) {
        return f.venue().value() + "|" + f.execId().value();
    }

    private static Map<String, Long> countBySeqAndType(List<ExecutionRecord> records) {
        return records.stream().collect(Collectors.groupingBy(
                r -> r.seq() + ":" + r.getClass().getSimpleName(), java.util.TreeMap::new, Collectors.counting()));
    }

    /** The multiset a - b. */
    private static Map<ExecutionRecord, Long> difference(List<ExecutionRecord> a, List<ExecutionRecord> b) {
        Map<ExecutionRecord, Long> counts = a.stream().collect(Collectors.groupingBy(Function.identity(),
                HashMap::new, Collectors.counting()));
        for (ExecutionRecord r : b) {
            counts.computeIfPresent(r, (k, n) -> n == 1 ? null : n - 1);
        }
        return counts;
    }

    private HealthIndicator storageHealth() throws InvalidSyntaxException {
        for (ServiceReference<HealthIndicator> ref : bundleContext.getServiceReferences(HealthIndicator.class, null)) {
            HealthIndicator h = bundleContext.getService(ref);
            if (HealthIndicator.STORAGE.equals(h.name())) {
                return h;
            }
        }
        throw new AssertionError("no storage HealthIndicator");
    }

    private Configuration dataSourceConfiguration() throws Exception {
        Configuration[] found = configAdmin.listConfigurations("(&(service.factoryPid=" + DATASOURCE_FACTORY_PID
                + ")(dataSourceName=livestack))");
        assertNotNull("the livestack DataSource configuration", found);
        assertEquals(1, found.length);
        return found[0];
    }

    private static Dictionary<String, Object> copy(Dictionary<String, Object> d) {
        Dictionary<String, Object> copy = new Hashtable<>();
        for (String key : Collections.list(d.keys())) {
            copy.put(key, d.get(key));
        }
        return copy;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Placed in front of storage's sink: keeps what the chain delivers, in order, and passes it on. */
}
