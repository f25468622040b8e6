package io.livestack.storage.internal;

import static io.livestack.storage.internal.StoreFixture.awaitProjected;
import static io.livestack.storage.internal.StoreFixture.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.livestack.api.model.OrderStatus;
import io.livestack.api.record.ExecutionRecord;
import io.livestack.api.record.PositionRecord;
import io.livestack.api.state.PositionView;
import io.livestack.api.model.ExecId;
import io.livestack.api.record.FillRecord;
import io.livestack.api.record.OperatorActionRecord;
import io.livestack.api.record.OrderEvent;
import io.livestack.api.record.OrderRecord;
import io.livestack.api.record.RiskRejectionRecord;
import io.livestack.api.record.StorageStatus;
import io.livestack.api.state.OrderView;
import io.livestack.storage.query.StoredRecords;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the store writes and how: every record type field for field, keys, group commit, whole events per
 * transaction, dead letters, duplicates, a late DataSource; against a real H2 file database in target/, the records
 * coming from a {@link TestJournal}. The projection's guarantees (restart, outage, journal failure) are in
 * {@link ProjectionTest}.
 */
class RecordStoreTest {

    private final StoreFixture fixture = new StoreFixture();

    @AfterEach
    void closeAll() {
        fixture.close();
    }

    private static List<ExecutionRecord> sequenced(List<ExecutionRecord> records) {
        return records.stream().filter(r -> r.seq() > 0).toList();
    }

    @Test
    void aRefusalByACustomCheckKeepsTheNameOfTheCheck() throws Exception {
        TestDatabase db = fixture.database("custom-check");
        TestJournal journal = new TestJournal();
        RiskRejectionRecord refusal = TestRecords.customCheckRejected(1);
        journal.appendRecords(List.of(refusal, TestRecords.cancelRejected(2)));
        RecordStore store = fixture.start(db, journal);
        awaitProjected(store, journal);

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
    void keepsTheLatestPositionOfEveryLevelAndKey() throws Exception {
        TestDatabase db = fixture.database("levels");
        TestJournal journal = new TestJournal();
        PositionView p = TestRecords.position(1, TestRecords.BTC, 1).position();
        PositionView deskLater = TestRecords.position(2, TestRecords.BTC, 3).position();
        io.livestack.api.model.AccountId acc2 = io.livestack.api.model.AccountId.of("ACC2");
        List<ExecutionRecord> records = sequenced(List.of(
                new PositionRecord(1, 1, p),
                new PositionRecord(1, 1, TestRecords.level(p, null, TestRecords.STRATEGY, null)),
                new PositionRecord(1, 1, TestRecords.level(p, TestRecords.ACCOUNT, null, null)),
                new PositionRecord(2, 2, deskLater),
                new PositionRecord(2, 2, TestRecords.level(deskLater, acc2, null, null))));
        journal.appendRecords(records);
        RecordStore store = fixture.start(db, journal);
        awaitProjected(store, journal);

        try (Connection c = db.direct()) {
            assertThat(StoredRecords.latestPositions(c)).containsExactly(deskLater);
            assertThat(StoredRecords.latestPositions(c, PositionView.Level.ACCOUNT)).containsExactly(
                    TestRecords.level(p, TestRecords.ACCOUNT, null, null),
                    TestRecords.level(deskLater, acc2, null, null));
            assertThat(StoredRecords.latestPositions(c, PositionView.Level.STRATEGY)).containsExactly(
                    TestRecords.level(p, null, TestRecords.STRATEGY, null));
            assertThat(StoredRecords.latestPositions(c, PositionView.Level.VENUE)).isEmpty();
        }
    }

    @Test
    void writesEveryRecordTypeAndReadsItBackFieldForField() throws Exception {
        TestDatabase db = fixture.database("every-type");
        TestJournal journal = new TestJournal();
        List<ExecutionRecord> records = sequenced(TestRecords.everyType());
        journal.appendRecords(records);
        RecordStore store = fixture.start(db, journal);
        StorageStatus status = awaitProjected(store, journal);

        try (Connection c = db.direct()) {
            assertThat(StoredRecords.all(c)).containsExactlyElementsOf(records);
            assertThat(StoredRecords.rowCounts(c)).containsEntry("order_event", 3L).containsEntry("fill", 3L)
                    .containsEntry("position_change", 5L).containsEntry("risk_rejection", 4L)
                    .containsEntry("operator_action", 1L).containsEntry("execution_metadata", 7L)
                    .containsEntry("dead_letter", 0L);
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT price, quantity, fee, fee_currency, liquidity, event_time,"
                            + " seq, ord FROM fill WHERE exec_id = 'E2'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBigDecimal(1)).isEqualByComparingTo(new BigDecimal("2000"));
                assertThat(rs.getBigDecimal(2)).isEqualByComparingTo(new BigDecimal("1"));
                assertThat(rs.getBigDecimal(3)).isEqualByComparingTo(BigDecimal.ZERO);
                assertThat(rs.getString(4)).isNull();
                assertThat(rs.getString(5)).isNull();
                // TIMESTAMP holds microseconds (H2 and PostgreSQL); the exact instant is in time_nanos
                assertThat(rs.getObject(6, LocalDateTime.class)).isCloseTo(
                        LocalDateTime.of(2023, 11, 14, 22, 13, 20, 123_456_792), within(1, ChronoUnit.MICROS));
                assertThat(rs.getLong(7)).as("the event's seq").isEqualTo(3);
                assertThat(rs.getLong(8)).as("the second record of event 3").isEqualTo(1);
            }
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT price FROM fill WHERE exec_id = 'E1'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBigDecimal(1)).isEqualByComparingTo(new BigDecimal("101.25"));
            }
        }
        assertThat(status.health()).isEqualTo(StorageStatus.Health.UP);
        assertThat(status.written()).isEqualTo(records.size());
        assertThat(status.backlog()).isZero();
        assertThat(status.spilled()).isZero();
        assertThat(status.lastCommitNanos()).isPositive();
        assertThat(status.detail()).contains("mark at seq 10");
    }

    @Test
    void writesALoneEventWithoutWaitingForMore() throws Exception {
        TestDatabase db = fixture.database("lone");
        TestJournal journal = new TestJournal();
        journal.append(List.of(TestRecords.operatorAction(1)));
        RecordStore store = fixture.start(db, journal);
        awaitProjected(store, journal); // connects and creates the schema first

        long start = System.nanoTime();
        journal.append(List.of(new OperatorActionRecord(2, StorageMetrics.epochNanosNow(), "alice", "kill", "global",
                "ok")));
        awaitProjected(store, journal);
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        // idle wait 10 ms, the await polls every 50 ms: commit + CHECKPOINT SYNC right away (generous bound)
        assertThat(elapsedMillis).isLessThan(2_000);
        assertThat(store.status().lastRecordToDurableNanos()).as("event time to durable")
                .isBetween(1L, TimeUnit.SECONDS.toNanos(2));
        try (Connection c = db.direct()) {
            assertThat(StoredRecords.all(c, OperatorActionRecord.class)).hasSize(2);
        }
    }

    @Test
    void eventsJournaledWithinTheCommitIntervalAreWrittenInOneTransaction() throws Exception {
        TestDatabase db = fixture.database("group-commit");
        TestJournal journal = new TestJournal();
        Recorder recorder = new Recorder();
        RecordStore store = fixture.start(db, journal, StoreFixture.settings().withCommitIntervalMillis(1000),
                recorder);
        journal.append(List.of(TestRecords.operatorAction(1)));
        awaitProjected(store, journal); // the first batch: written at once (nothing was written before)
        assertThat(recorder.batchSizes()).containsExactly(1);

        List<ExecutionRecord> twenty = new ArrayList<>();
        for (int i = 2; i <= 21; i++) {
            twenty.add(TestRecords.operatorAction(i));
        }
        journal.appendRecords(twenty); // well within the second after the first batch
        awaitProjected(store, journal);

        assertThat(recorder.batchSizes()).containsExactly(1, 20);
        try (Connection c = db.direct()) {
            assertThat(StoredRecords.all(c, OperatorActionRecord.class)).hasSize(21);
        }
    }

    @Test
    void anEventsRecordsAreCommittedInOneTransactionAlsoAcrossAnOutage() throws Exception {
        TestDatabase db = fixture.database("events");
        TestJournal journal = new TestJournal();
        Recorder recorder = new Recorder();
        RecordStore store = fixture.start(db, journal, StoreFixture.settings().withBatchMaxSize(2), recorder);
        List<ExecutionRecord> expected = new ArrayList<>();
        TestRecords.fillEvents(1, 6).forEach(expected::addAll);
        journal.appendEvents(TestRecords.fillEvents(1, 6));
        awaitProjected(store, journal);

        db.down();
        TestRecords.fillEvents(6, 106).forEach(expected::addAll);
        journal.appendEvents(TestRecords.fillEvents(6, 106));
        assertThat(recorder.failed.await(10, TimeUnit.SECONDS)).isTrue();
        db.up();
        awaitProjected(store, journal);

        EventBatches.assertNoEventIsSplit(recorder.batches);
        assertThat(recorder.batches).allSatisfy(b -> assertThat(b).hasSize(3));
        try (Connection c = db.direct()) {
            assertThat(StoredRecords.all(c)).containsExactlyElementsOf(expected);
        }
        assertThat(store.status().written()).isEqualTo(315);
    }

    @Test
    void deadLettersARecordTheDatabaseRefusesAndCommitsTheOthers() throws Exception {
        TestDatabase db = fixture.database("dead-letter");
        TestJournal journal = new TestJournal();
        List<ExecutionRecord> records = new ArrayList<>(TestRecords.many(1, 11));
        OrderView tooLong = TestRecords.order("C99", OrderStatus.REJECTED, 5);
        tooLong = new OrderView(tooLong.clientOrderId(), tooLong.currentClientOrderId(), null, null,
                tooLong.strategy(), tooLong.venue(), tooLong.instrument(), tooLong.side(), tooLong.type(),
                tooLong.timeInForce(), tooLong.price(), tooLong.quantity(), 0, 0, tooLong.status(), 0, 0, false, true,
                "x".repeat(3000), 5, 5, 0, 0);
        OrderRecord bad = new OrderRecord(5, TestRecords.T0, OrderEvent.REJECTED, tooLong);
        records.add(5, bad); // the second record of event 5
        journal.appendRecords(records);
        RecordStore store = fixture.start(db, journal);
        StorageStatus status = awaitProjected(store, journal);

        try (Connection c = db.direct()) {
            List<StoredRecords.DeadLetter> letters = StoredRecords.deadLetters(c);
            assertThat(letters).hasSize(1);
            StoredRecords.DeadLetter letter = letters.get(0);
            assertThat(letter.seq()).isEqualTo(5);
            assertThat(letter.ord()).isEqualTo(1);
            assertThat(letter.recordType()).isEqualTo("OrderRecord");
            assertThat(letter.error()).contains("22001");
            assertThat(letter.content()).contains("clientOrderId=C99").contains("lastText=xxx");
            assertThat(RecordCodec.decode(Base64.getDecoder().decode(letter.payload())))
                    .isEqualTo(new Envelope(5, 1, bad));
            List<ExecutionRecord> good = new ArrayList<>(records);
            good.remove(bad);
            assertThat(StoredRecords.all(c)).containsExactlyElementsOf(good);
            assertThat(StoredRecords.projectionMark(c)).isEqualTo(10);
        }
        assertThat(status.deadLettered()).isEqualTo(1);
        assertThat(status.written()).isEqualTo(10);
        assertThat(status.health()).isEqualTo(StorageStatus.Health.DEGRADED);
        assertThat(status.detail()).contains("1 record(s) in dead_letter");

        journal.append(List.of(TestRecords.operatorAction(11))); // the routes keep running
        awaitProjected(store, journal);
        assertThat(store.status().written()).isEqualTo(11);
    }

    @Test
    void fillsUnderAReusedExecIdAndTheirBustsAreAllStored() throws Exception {
        TestDatabase db = fixture.database("fill-twice");
        TestJournal journal = new TestJournal();
        FillRecord first = TestRecords.fill(10, "E1");
        FillRecord reused = TestRecords.fill(11, "E1"); // the venue's exec ids started again: execution booked it
        FillRecord bust = new FillRecord(12, first.timeNanos(), first.venue(), ExecId.of("B1"), first.clientOrderId(),
                first.venueOrderId(), first.strategy(), first.instrument(), first.side(), first.price(),
                first.quantity(), first.liquidity(), 0, null, 0, FillRecord.Kind.BUST, first.execId());
        journal.appendRecords(List.of(first, reused, bust));
        RecordStore store = fixture.start(db, journal);
        StorageStatus status = awaitProjected(store, journal);

        try (Connection c = db.direct()) {
            assertThat(StoredRecords.all(c, FillRecord.class)).containsExactly(first, reused, bust);
        }
        assertThat(status.duplicates()).isZero();
        assertThat(status.deadLettered()).isZero();
    }

    @Test
    void aDifferentRecordUnderAKeyAlreadyWrittenGoesToTheDeadLetters() throws Exception {
        TestDatabase db = fixture.database("collision");
        TestJournal first = new TestJournal();
        first.appendAt(5, List.of(TestRecords.operatorAction(5)));
        RecordStore one = fixture.start(db, first);
        awaitProjected(one, first);
        one.close();
        // another journal (e.g. a runtime started afresh) against this database, whose mark was removed
        StoreFixture.execute(db, "DELETE FROM projection_mark");
        TestJournal second = new TestJournal();
        OperatorActionRecord other = new OperatorActionRecord(5, TestRecords.T0, "bob", "resume", "global", "ok");
        second.appendAt(5, List.of(other));

        RecordStore two = fixture.start(db, second);
        StorageStatus status = awaitProjected(two, second);

        try (Connection c = db.direct()) {
            assertThat(StoredRecords.all(c, OperatorActionRecord.class)).containsExactly(TestRecords.operatorAction(5));
            assertThat(StoredRecords.deadLetters(c)).singleElement()
                    .satisfies(l -> assertThat(l.error()).contains("already holds a different record"));
        }
        assertThat(status.deadLettered()).isEqualTo(1);
    }

    @Test
    void waitsForALateDataSourceAndSaysSo() throws Exception {
        TestDatabase db = fixture.database("late");
        TestJournal journal = new TestJournal();
        journal.appendRecords(TestRecords.many(1, 11));
        AtomicReference<DataSource> current = new AtomicReference<>();
        RecordStore store = fixture.start(current::get, () -> journal, StoreFixture.settings(),
                RecordStore.Listener.NONE);
        StorageStatus waiting = awaitStatus(store, "DOWN for want of a DataSource",
                s -> s.detail().contains("no DataSource (test) is registered"));
        assertThat(waiting.health()).isEqualTo(StorageStatus.Health.DOWN);
        assertThat(waiting.backlog()).isEqualTo(10);
        assertThat(waiting.detail()).contains("mark not read yet");

        current.set(db);
        store.dataSourceChanged();
        StorageStatus status = awaitProjected(store, journal);
        assertThat(status.health()).isEqualTo(StorageStatus.Health.UP);
        assertThat(status.written()).isEqualTo(10);
    }

    @Test
    void theStatusBacklogIsWhatTheJournalHoldsBeyondTheMark() throws Exception {
        TestDatabase db = fixture.database("backlog");
        TestJournal journal = new TestJournal();
        journal.appendRecords(TestRecords.many(1, 21));
        RecordStore store = fixture.start(db, journal);
        awaitProjected(store, journal);
        db.down();
        journal.appendRecords(TestRecords.many(21, 31));
        journal.appendEmpty(5);

        StorageStatus down = awaitStatus(store, "DOWN with the new events as backlog",
                s -> s.health() == StorageStatus.Health.DOWN);
        assertThat(down.backlog()).isEqualTo(15);
        assertThat(down.detail()).contains("database unavailable, 15 journaled event(s) not yet stored")
                .contains("mark at seq 20");
    }
}
