package io.livestack.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.livestack.api.model.OrderStatus;
import io.livestack.api.record.ExecutionRecord;
import io.livestack.api.record.FillRecord;
import io.livestack.api.record.OperatorActionRecord;
import io.livestack.api.record.OrderEvent;
import io.livestack.api.record.OrderRecord;
import io.livestack.api.record.RiskRejectionRecord;
import io.livestack.api.record.StorageStatus;
import io.livestack.api.state.OrderView;
import io.livestack.api.state.PositionView;
import io.livestack.storage.query.StoredRecords;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The store end to end: routes, writer, spool, recovery queries, against a real H2 file database in target/. */
class RecordStoreTest {

    private final List<RecordStore> stores = new ArrayList<>();
    private final List<TestDatabase> databases = new ArrayList<>();

    /** Collects the keys of written records in the order they were written; counts failures. */
    private static final class Recorder implements RecordStore.Listener {
        final List<long[]> keys = Collections.synchronizedList(new ArrayList<>());
        final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
        /** The records of each committed batch (transaction). */
        final List<List<Envelope>> batches = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch failed = new CountDownLatch(1);

        @Override
        public void written(List<Envelope> written, long commitNanos, long durableAtNanos) {
            batchSizes.add(written.size());
            for (Envelope e : written) {
                keys.add(new long[] {e.seq(), e.ord()});
            }
            batches.add(List.copyOf(written));
        }

        @Override
        public void writeFailed(Throwable cause) {
            failed.countDown();
        }
    }

    @AfterEach
    void closeAll() {
        stores.forEach(RecordStore::close);
        databases.forEach(TestDatabase::up);
    }

    private TestDatabase database(String name) throws Exception {
        TestDatabase db = new TestDatabase(name);
        databases.add(db);
        return db;
    }

    private static StorageSettings settings(TestDatabase db) {
        return StorageSettings.defaults(db.spoolDirectory()).withRetryMaxBackoff(Duration.ofMillis(100));
    }

    private RecordStore start(TestDatabase db, StorageSettings settings, RecordStore.Listener listener)
            throws IOException {
        RecordStore store = RecordStore.start(settings, () -> db, "(test)", listener,
                RecordStore.class.getClassLoader());
        stores.add(store);
        return store;
    }

    private static void acceptAll(RecordStore store, List<? extends ExecutionRecord> records) {
        records.forEach(store::accept);
    }

    private static void assertWritten(RecordStore store) throws InterruptedException {
        assertThat(store.awaitWritten(30_000)).as("backlog written; status %s", store.status()).isTrue();
    }

    @Test
    void aRefusalByACustomCheckKeepsTheNameOfTheCheck() throws Exception {
        TestDatabase db = database("custom-check");
        RecordStore store = start(db, settings(db), RecordStore.Listener.NONE);
        RiskRejectionRecord refusal = TestRecords.customCheckRejected(1);

        acceptAll(store, List.of(refusal, TestRecords.cancelRejected(2)));
        assertWritten(store);

        try (Connection c = db.direct()) {
            assertThat(StoredRecords.all(c)).containsExactly(refusal, TestRecords.cancelRejected(2));
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT check_name FROM risk_rejection ORDER BY seq")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("night-limit");
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).as("a built-in rule: its reason").isEqualTo("UNKNOWN_ORDER");
            }
        }
    }

    @Test
    void writesEveryRecordTypeAndReadsItBackFieldForField() throws Exception {
        TestDatabase db = database("every-type");
        RecordStore store = start(db, settings(db), RecordStore.Listener.NONE);
        List<ExecutionRecord> records = TestRecords.everyType();

        acceptAll(store, records);
        assertWritten(store);

        List<ExecutionRecord> expected = new ArrayList<>(records);
        expected.sort(Comparator.comparingLong(ExecutionRecord::seq)); // stable: seq 0 first, then accept order
        try (Connection c = db.direct()) {
            assertThat(StoredRecords.all(c)).containsExactlyElementsOf(expected);
            assertThat(StoredRecords.rowCounts(c)).containsEntry("order_event", 2L).containsEntry("fill", 2L)
                    .containsEntry("position_change", 1L).containsEntry("risk_rejection", 3L)
                    .containsEntry("operator_action", 1L).containsEntry("execution_metadata", 8L)
                    .containsEntry("dead_letter", 0L);
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT price, quantity, fee, fee_currency, liquidity, event_time,"
                            + " seq, ord FROM fill WHERE exec_id = 'E1'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBigDecimal(1)).isEqualByComparingTo(new BigDecimal("101.25"));
                assertThat(rs.getBigDecimal(2)).isEqualByComparingTo(new BigDecimal("0.5"));
                assertThat(rs.getBigDecimal(3)).isEqualByComparingTo(new BigDecimal("-0.01"));
                assertThat(rs.getString(4)).isEqualTo("USD");
                assertThat(rs.getString(5)).isEqualTo("MAKER");
                // TIMESTAMP holds microseconds (H2 and PostgreSQL); the exact instant is in time_nanos
                assertThat(rs.getObject(6, LocalDateTime.class)).isCloseTo(
                        LocalDateTime.of(2023, 11, 14, 22, 13, 20, 123_456_792), within(1, ChronoUnit.MICROS));
                assertThat(rs.getLong(7)).isEqualTo(3);
                assertThat(rs.getLong(8)).isEqualTo(0);
            }
        }
        StorageStatus status = store.status();
        assertThat(status.health()).isEqualTo(StorageStatus.Health.UP);
        assertThat(status.written()).isEqualTo(records.size());
        assertThat(status.backlog()).isZero();
        assertThat(status.lastCommitNanos()).isPositive();
    }

    @Test
    void makesALoneRecordDurableWithoutWaitingForMore() throws Exception {
        TestDatabase db = database("lone");
        RecordStore store = start(db, settings(db), RecordStore.Listener.NONE);
        store.accept(TestRecords.operatorAction(1));
        assertWritten(store); // connects and creates the schema first

        long start = System.nanoTime();
        store.accept(TestRecords.operatorAction(2));
        assertThat(store.awaitWritten(5_000)).isTrue();
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        // idle wait 10 ms, no batch filling: commit + CHECKPOINT SYNC right away (generous bound for a busy machine)
        assertThat(elapsedMillis).isLessThan(1_000);
        assertThat(store.status().lastRecordToDurableNanos()).isBetween(1L, TimeUnit.SECONDS.toNanos(1));
        try (Connection c = db.direct()) {
            assertThat(StoredRecords.all(c, OperatorActionRecord.class)).hasSize(2);
        }
    }

    @Test
    void recordsArrivingWithinTheCommitIntervalAreWrittenInOneTransaction() throws Exception {
        TestDatabase db = database("group-commit");
        Recorder recorder = new Recorder();
        RecordStore store = start(db, settings(db).withCommitIntervalMillis(1000), recorder);
        store.accept(TestRecords.operatorAction(1));
        assertWritten(store); // the first batch: written at once (nothing was written before)
        assertThat(recorder.batchSizes).containsExactly(1);

        long start = System.nanoTime();
        for (int i = 2; i <= 21; i++) {
            store.accept(TestRecords.operatorAction(i)); // well within the second after the first batch
        }
        assertWritten(store);
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(recorder.batchSizes).containsExactly(1, 20);
        assertThat(elapsedMillis).as("the second batch waited for the interval, not longer").isLessThan(5_000);
        try (Connection c = db.direct()) {
            assertThat(StoredRecords.all(c, OperatorActionRecord.class)).hasSize(21);
        }
    }

    @Test
    void keepsRecordsWhileTheDatabaseIsDownSpillsBeyondMemoryAndWritesThemInOrderOnceBack() throws Exception {
        TestDatabase db = database("outage");
        Recorder recorder = new Recorder();
        RecordStore store = start(db, settings(db).withMemoryCapacity(100).withBatchMaxSize(50), recorder);
        store.accept(TestRecords.operatorAction(1));
        assertWritten(store);

        db.down();
        List<ExecutionRecord> during = TestRecords.many(2, 1002);
        acceptAll(store, during);
        assertThat(recorder.failed.await(10, TimeUnit.SECONDS)).isTrue();

        StorageStatus down = store.status();
        assertThat(down.health()).isEqualTo(StorageStatus.Health.DOWN);
        assertThat(down.backlog()).isEqualTo(1000);
        assertThat(down.spilled()).isGreaterThanOrEqualTo(1000 - 100 - 50);
        assertThat(down.lost()).isZero();
        assertThat(store.awaitWritten(300)).isFalse();

        db.up();
        assertWritten(store);

        List<ExecutionRecord> expected = new ArrayList<>();
        expected.add(TestRecords.operatorAction(1));
        expected.addAll(during);
        try (Connection c = db.direct()) {
            assertThat(StoredRecords.all(c)).containsExactlyElementsOf(expected);
        }
        assertThat(recorder.keys).hasSize(1001);
        for (int i = 1; i < recorder.keys.size(); i++) {
            assertThat(recorder.keys.get(i)[0]).as("written in order").isGreaterThan(recorder.keys.get(i - 1)[0]);
        }
        StorageStatus up = store.status();
        assertThat(up.health()).isEqualTo(StorageStatus.Health.UP);
        assertThat(up.backlog()).isZero();
        assertThat(up.written()).isEqualTo(1001);
        assertThat(up.duplicates()).isZero();
        assertThat(spoolSegments(db)).isEmpty();
    }

    @Test
    void aSlowDatabaseNeverBlocksAccept() throws Exception {
        TestDatabase db = database("slow");
        db.block(); // the writer's first getConnection hangs
        RecordStore store = start(db, settings(db).withMemoryCapacity(1_000), RecordStore.Listener.NONE);
        List<ExecutionRecord> records = TestRecords.many(1, 5_001);

        long start = System.nanoTime();
        acceptAll(store, records);
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(elapsedMillis).as("5000 accepts while the database hangs").isLessThan(10_000);
        assertThat(store.status().spilled()).isGreaterThanOrEqualTo(5_000 - 1_000 - 2_000);
        db.release();
        assertWritten(store);
        try (Connection c = db.direct()) {
            assertThat(StoredRecords.all(c)).containsExactlyElementsOf(records);
        }
    }

    @Test
    void deadLettersARecordTheDatabaseRefusesAndKeepsWritingTheOthers() throws Exception {
        TestDatabase db = database("dead-letter");
        RecordStore store = start(db, settings(db), RecordStore.Listener.NONE);
        List<ExecutionRecord> records = new ArrayList<>(TestRecords.many(1, 11));
        OrderView tooLong = TestRecords.order("C99", OrderStatus.REJECTED, 5);
        tooLong = new OrderView(tooLong.clientOrderId(), tooLong.currentClientOrderId(), null, null,
                tooLong.strategy(), tooLong.venue(), tooLong.instrument(), tooLong.side(), tooLong.type(),
                tooLong.timeInForce(), tooLong.price(), tooLong.quantity(), 0, 0, tooLong.status(), 0, 0, false, true,
                "x".repeat(3000), 5, 5, 0, 0);
        OrderRecord bad = new OrderRecord(5, TestRecords.T0, OrderEvent.REJECTED, tooLong);
        records.add(5, bad);

        acceptAll(store, records);
        assertWritten(store);

        try (Connection c = db.direct()) {
            List<StoredRecords.DeadLetter> letters = StoredRecords.deadLetters(c);
            assertThat(letters).hasSize(1);
            StoredRecords.DeadLetter letter = letters.get(0);
            assertThat(letter.seq()).isEqualTo(5);
            assertThat(letter.ord()).isEqualTo(1); // after the seq-5 record of many(1, 11)
            assertThat(letter.recordType()).isEqualTo("OrderRecord");
            assertThat(letter.error()).contains("22001");
            assertThat(letter.content()).contains("clientOrderId=C99").contains("lastText=xxx");
            assertThat(RecordCodec.decode(Base64.getDecoder().decode(letter.payload())).record()).isEqualTo(bad);
            List<ExecutionRecord> good = new ArrayList<>(records);
            good.remove(bad);
            assertThat(StoredRecords.all(c)).containsExactlyElementsOf(good);
        }
        StorageStatus status = store.status();
        assertThat(status.deadLettered()).isEqualTo(1);
        assertThat(status.health()).isEqualTo(StorageStatus.Health.DEGRADED);

        store.accept(TestRecords.operatorAction(20)); // the route keeps running
        assertWritten(store);
        assertThat(store.status().written()).isEqualTo(11);
    }

    @Test
    void answersRecoveryQueriesFromTheLatestRows() throws Exception {
        TestDatabase db = database("recovery");
        RecordStore store = start(db, settings(db), RecordStore.Listener.NONE);
        FillRecord old = new FillRecord(2, TestRecords.T0 - Duration.ofHours(30).toNanos(), TestRecords.VENUE,
                io.livestack.api.model.ExecId.of("E-OLD"), io.livestack.api.model.ClientOrderId.of("C1"), null,
                null, TestRecords.BTC, io.livestack.api.model.Side.BUY, 1, 1, null, 0, null, 0);
        acceptAll(store, List.of(
                TestRecords.orderRecord(1, "C1", OrderStatus.NEW),
                old,
                TestRecords.orderRecord(2, "C2", OrderStatus.NEW),
                TestRecords.orderRecord(3, "C1", OrderStatus.PARTIALLY_FILLED),
                TestRecords.fill(3, "E3"),
                TestRecords.position(3, TestRecords.BTC, 5),
                TestRecords.orderRecord(4, "C2", OrderStatus.CANCELED),
                TestRecords.orderRecord(5, "C3", OrderStatus.PENDING_NEW),
                TestRecords.position(6, TestRecords.BTC, 2),
                TestRecords.position(7, TestRecords.ETH, -1),
                TestRecords.fill(7, "E7")));

        List<OrderView> open = store.query(StoredRecords::openOrders);
        List<PositionView> positions = store.query(StoredRecords::latestPositions);

        assertThat(open).extracting(o -> o.clientOrderId().value(), OrderView::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("C1", OrderStatus.PARTIALLY_FILLED),
                org.assertj.core.groups.Tuple.tuple("C3", OrderStatus.PENDING_NEW));
        assertThat(open.get(0)).isEqualTo(TestRecords.order("C1", OrderStatus.PARTIALLY_FILLED, 3));
        assertThat(positions).containsExactly(TestRecords.position(6, TestRecords.BTC, 2).position(),
                TestRecords.position(7, TestRecords.ETH, -1).position());
        java.util.Set<String> recent = store.query(c -> StoredRecords.recentExecutionKeys(c, Duration.ofHours(24)));
        assertThat(recent).containsExactly("SIM|E3", "SIM|E7");
        assertThat(store.query(StoredRecords::lastSeq)).isEqualTo(7);
        try (Connection c = db.direct()) {
            assertThat(StoredRecords.latestOrders(c)).extracting(o -> o.clientOrderId().value())
                    .containsExactly("C1", "C2", "C3");
            assertThat(StoredRecords.fill(c, "SIM", "E7")).isEqualTo(TestRecords.fill(7, "E7"));
        }
    }

    @Test
    void aRestartThatReplaysRecordsAlreadyWrittenAddsNoRows() throws Exception {
        TestDatabase db = database("replay");
        List<ExecutionRecord> records = TestRecords.everyType().stream().filter(r -> r.seq() > 0).toList();
        RecordStore first = start(db, settings(db), RecordStore.Listener.NONE);
        acceptAll(first, records);
        assertWritten(first);
        first.close();

        RecordStore second = start(db, settings(db), RecordStore.Listener.NONE);
        acceptAll(second, records);
        assertWritten(second);

        try (Connection c = db.direct()) {
            assertThat(StoredRecords.all(c)).containsExactlyElementsOf(records);
        }
        assertThat(second.status().duplicates()).isEqualTo(records.size());
        assertThat(second.status().written()).isZero();
        assertThat(second.status().deadLettered()).isZero();
    }

    @Test
    void recordsLeftInTheSpoolByACrashAreWrittenOnceAtTheNextStart() throws Exception {
        TestDatabase db = database("crash-spool");
        List<ExecutionRecord> records = TestRecords.many(1, 101);
        RecordStore first = start(db, settings(db), RecordStore.Listener.NONE);
        acceptAll(first, records.subList(0, 50));
        assertWritten(first);
        first.close();
        // as if the process died after writing records 1..50 from its spool, before recording the position
        try (Spool spool = Spool.open(db.spoolDirectory(), 1 << 20)) {
            for (ExecutionRecord r : records) {
                spool.append(new Envelope(r.seq(), 0, 0, r));
            }
            spool.flush();
        }

        Recorder recorder = new Recorder();
        RecordStore second = start(db, settings(db), recorder);
        assertWritten(second);

        try (Connection c = db.direct()) {
            assertThat(StoredRecords.all(c)).containsExactlyElementsOf(records);
        }
        assertThat(second.status().duplicates()).isEqualTo(50);
        assertThat(second.status().written()).isEqualTo(50);
        assertThat(recorder.keys).extracting(k -> k[0]).containsExactlyElementsOf(
                Stream.iterate(51L, s -> s + 1).limit(50).toList());
        assertThat(spoolSegments(db)).isEmpty();
    }

    @Test
    void recordsInMemoryAtAStopDuringAnOutageAreSpooledAndWrittenInOrderAtTheNextStart() throws Exception {
        TestDatabase db = database("stop-during-outage");
        Recorder firstRecorder = new Recorder();
        RecordStore first = start(db, settings(db).withMemoryCapacity(50).withBatchMaxSize(20), firstRecorder);
        first.accept(TestRecords.operatorAction(1));
        assertWritten(first);
        db.down();
        List<ExecutionRecord> during = TestRecords.many(2, 202);
        acceptAll(first, during);
        assertThat(firstRecorder.failed.await(10, TimeUnit.SECONDS)).isTrue();
        first.close(); // memory (older) goes before the spooled records

        db.up();
        Recorder recorder = new Recorder();
        RecordStore second = start(db, settings(db), recorder);
        assertWritten(second);

        List<ExecutionRecord> expected = new ArrayList<>();
        expected.add(TestRecords.operatorAction(1));
        expected.addAll(during);
        try (Connection c = db.direct()) {
            assertThat(StoredRecords.all(c)).containsExactlyElementsOf(expected);
        }
        assertThat(recorder.keys).extracting(k -> k[0]).containsExactlyElementsOf(
                Stream.iterate(2L, s -> s + 1).limit(200).toList());
        assertThat(second.status().lost()).isZero();
    }

    @Test
    void aFillReportedTwiceUnderDifferentSequenceNumbersIsStoredOnce() throws Exception {
        TestDatabase db = database("fill-twice");
        RecordStore store = start(db, settings(db), RecordStore.Listener.NONE);
        FillRecord first = TestRecords.fill(10, "E1");
        acceptAll(store, List.of(first, TestRecords.fill(11, "E1"), TestRecords.fill(12, "E2")));
        assertWritten(store);

        try (Connection c = db.direct()) {
            assertThat(StoredRecords.all(c, FillRecord.class)).containsExactly(first, TestRecords.fill(12, "E2"));
        }
        assertThat(store.status().duplicates()).isEqualTo(1);
        assertThat(store.status().deadLettered()).isZero();
    }

    @Test
    void aDifferentRecordUnderAKeyAlreadyWrittenGoesToTheDeadLetters() throws Exception {
        TestDatabase db = database("collision");
        RecordStore first = start(db, settings(db), RecordStore.Listener.NONE);
        first.accept(TestRecords.operatorAction(5));
        assertWritten(first);
        first.close();

        RecordStore second = start(db, settings(db), RecordStore.Listener.NONE); // e.g. a runtime restarted at seq 1
        OperatorActionRecord other = new OperatorActionRecord(5, TestRecords.T0, "bob", "resume", "global", "ok");
        second.accept(other);
        assertWritten(second);

        try (Connection c = db.direct()) {
            assertThat(StoredRecords.all(c, OperatorActionRecord.class)).containsExactly(TestRecords.operatorAction(5));
            assertThat(StoredRecords.deadLetters(c)).singleElement()
                    .satisfies(l -> assertThat(l.error()).contains("already holds a different record"));
        }
    }

    @Test
    void writesAfterTheDataSourceAppearsLate() throws Exception {
        TestDatabase db = database("late");
        AtomicReference<DataSource> current = new AtomicReference<>();
        RecordStore store = RecordStore.start(settings(db), current::get, "(late)", RecordStore.Listener.NONE,
                RecordStore.class.getClassLoader());
        stores.add(store);
        store.accept(TestRecords.operatorAction(1));
        assertThat(store.awaitWritten(300)).isFalse();
        assertThat(store.status().health()).isEqualTo(StorageStatus.Health.DOWN);

        current.set(db);
        store.dataSourceChanged();
        assertWritten(store);
        assertThat(store.status().health()).isEqualTo(StorageStatus.Health.UP);
    }

    private static List<String> spoolSegments(TestDatabase db) throws IOException {
        try (Stream<java.nio.file.Path> files = Files.list(db.spoolDirectory())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".log")).toList();
        }
    }

    private static List<ExecutionRecord> acceptEvents(RecordStore store, List<List<ExecutionRecord>> events) {
        List<ExecutionRecord> all = new ArrayList<>();
        for (List<ExecutionRecord> event : events) {
            store.acceptAll(event);
            all.addAll(event);
        }
        return all;
    }

    @Test
    void anEventsRecordsAreCommittedInOneTransactionFromMemoryAndFromTheSpool() throws Exception {
        TestDatabase db = database("events");
        Recorder recorder = new Recorder();
        RecordStore store = start(db, settings(db).withMemoryCapacity(10).withBatchMaxSize(2), recorder);
        List<ExecutionRecord> expected = new ArrayList<>(acceptEvents(store, TestRecords.fillEvents(1, 6)));
        assertWritten(store);

        db.down();
        expected.addAll(acceptEvents(store, TestRecords.fillEvents(6, 106)));
        assertThat(recorder.failed.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(store.status().spilled()).as("records went through the spool").isGreaterThanOrEqualTo(270);
        db.up();
        assertWritten(store);

        EventBatches.assertNoEventIsSplit(recorder.batches);
        assertThat(recorder.batches).allSatisfy(b -> assertThat(b).hasSize(3));
        try (Connection c = db.direct()) {
            assertThat(StoredRecords.all(c)).containsExactlyElementsOf(expected);
        }
        assertThat(store.status().written()).isEqualTo(315);
    }

    @Test
    void eventsKeptAtAStopDuringAnOutageAreReplayedWholeAtTheNextStart() throws Exception {
        TestDatabase db = database("events-restart");
        Recorder firstRecorder = new Recorder();
        RecordStore first = start(db, settings(db).withMemoryCapacity(10).withBatchMaxSize(2), firstRecorder);
        first.accept(TestRecords.operatorAction(1));
        assertWritten(first);
        db.down();
        List<ExecutionRecord> during = acceptEvents(first, TestRecords.fillEvents(2, 52));
        assertThat(firstRecorder.failed.await(10, TimeUnit.SECONDS)).isTrue();
        first.close(); // the batch in flight and memory go before the spooled events

        db.up();
        Recorder recorder = new Recorder();
        RecordStore second = start(db, settings(db).withBatchMaxSize(2), recorder);
        assertWritten(second);

        EventBatches.assertNoEventIsSplit(recorder.batches);
        assertThat(recorder.batches).allSatisfy(b -> assertThat(b).hasSize(3));
        List<ExecutionRecord> expected = new ArrayList<>();
        expected.add(TestRecords.operatorAction(1));
        expected.addAll(during);
        try (Connection c = db.direct()) {
            assertThat(StoredRecords.all(c)).containsExactlyElementsOf(expected);
        }
        assertThat(second.status().written()).isEqualTo(150);
        assertThat(second.status().lost()).isZero();
    }
}
