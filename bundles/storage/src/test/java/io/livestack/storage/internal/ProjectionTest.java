package io.livestack.storage.internal;

import static io.livestack.storage.internal.StoreFixture.awaitProjected;
import static io.livestack.storage.internal.StoreFixture.awaitStatus;
import static io.livestack.storage.internal.StoreFixture.markInDatabase;
import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.record.ExecutionRecord;
import io.livestack.api.record.RecordJournal;
import io.livestack.api.record.StorageStatus;
import io.livestack.storage.query.StoredRecords;
import io.livestack.testkit.Await;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Storage as a projection of the journal: every record once, in order, with its (event seq, position) key; the mark
 * in the database, moved with the rows; after a restart, a database outage, both, or a database that lost its last
 * transactions, the missing records come again from the journal, none lost, none twice; a journal that cannot be
 * read stops the mark, says why and is tried again. The journal is a {@link TestJournal}, the database a real H2
 * file database in target/ that can be taken down ({@link TestDatabase}).
 */
class ProjectionTest {

    private final StoreFixture fixture = new StoreFixture();

    @AfterEach
    void closeAll() {
        fixture.close();
    }

    private static List<ExecutionRecord> records(List<List<ExecutionRecord>> events) {
        List<ExecutionRecord> all = new ArrayList<>();
        events.forEach(all::addAll);
        return all;
    }

    /** "seq:ord" for each record of each event, in order. */
    private static List<String> keys(List<List<ExecutionRecord>> events) {
        List<String> keys = new ArrayList<>();
        for (List<ExecutionRecord> event : events) {
            for (int i = 0; i < event.size(); i++) {
                keys.add(event.get(i).seq() + ":" + i);
            }
        }
        return keys;
    }

    private static List<ExecutionRecord> stored(TestDatabase db) throws Exception {
        try (Connection c = db.direct()) {
            return StoredRecords.all(c);
        }
    }

    @Test
    void writesEveryRecordOnceInOrderKeyedByEventAndPosition() throws Exception {
        TestDatabase db = fixture.database("projection");
        TestJournal journal = new TestJournal();
        Recorder recorder = new Recorder();
        List<List<ExecutionRecord>> events = TestRecords.fillEvents(1, 201);
        journal.appendEvents(events.subList(0, 100));
        RecordStore store = fixture.start(db, journal, StoreFixture.settings().withBatchMaxSize(50), recorder);
        awaitProjected(store, journal);
        journal.appendEvents(events.subList(100, 200)); // more, while it runs
        StorageStatus status = awaitProjected(store, journal);

        assertThat(stored(db)).containsExactlyElementsOf(records(events));
        assertThat(recorder.keys()).containsExactlyElementsOf(keys(events));
        EventBatches.assertNoEventIsSplit(recorder.batches);
        assertThat(markInDatabase(db)).isEqualTo(200);
        assertThat(status.health()).isEqualTo(StorageStatus.Health.UP);
        assertThat(status.written()).isEqualTo(600);
        assertThat(status.duplicates()).isZero();
        assertThat(status.backlog()).isZero();
    }

    @Test
    void eventsWithoutRecordsMoveTheMarkWithoutRows() throws Exception {
        TestDatabase db = fixture.database("no-records");
        TestJournal journal = new TestJournal();
        journal.appendRecords(TestRecords.many(1, 6));
        journal.appendEmpty(95);
        RecordStore store = fixture.start(db, journal);
        awaitProjected(store, journal);

        // saved at most a second later (Projector.MARK_SAVE_INTERVAL_NANOS)
        Await.until("the mark saved at seq 100", StoreFixture.TIMEOUT, () -> markInDatabase(db) == 100);
        try (Connection c = db.direct()) {
            assertThat(StoredRecords.all(c)).containsExactlyElementsOf(TestRecords.many(1, 6));
        }
        assertThat(store.status().backlog()).isZero();
    }

    @Test
    void aRestartContinuesAfterTheMarkInTheDatabaseWithoutDuplicates() throws Exception {
        TestDatabase db = fixture.database("restart");
        TestJournal journal = new TestJournal();
        List<List<ExecutionRecord>> events = TestRecords.fillEvents(1, 101);
        journal.appendEvents(events.subList(0, 50));
        RecordStore first = fixture.start(db, journal);
        awaitProjected(first, journal);
        first.close();
        journal.appendEvents(events.subList(50, 100)); // journaled while storage is stopped
        int readsBefore = journal.deliveringReadsAfter().size();

        Recorder recorder = new Recorder();
        RecordStore second = fixture.start(db, journal, StoreFixture.settings(), recorder);
        StorageStatus status = awaitProjected(second, journal);

        assertThat(journal.deliveringReadsAfter().get(readsBefore)).as("the first read after the restart")
                .isEqualTo(50);
        assertThat(stored(db)).containsExactlyElementsOf(records(events));
        assertThat(recorder.keys()).containsExactlyElementsOf(keys(events.subList(50, 100)));
        assertThat(status.written()).isEqualTo(150);
        assertThat(status.duplicates()).isZero();
        assertThat(markInDatabase(db)).isEqualTo(100);
    }

    @Test
    void aDatabaseOutageLosesNothingAndWritesNothingTwice() throws Exception {
        TestDatabase db = fixture.database("outage");
        TestJournal journal = new TestJournal();
        Recorder recorder = new Recorder();
        RecordStore store = fixture.start(db, journal, StoreFixture.settings().withBatchMaxSize(50), recorder);
        journal.appendRecords(TestRecords.many(1, 2));
        awaitProjected(store, journal);

        db.down();
        List<ExecutionRecord> during = TestRecords.many(2, 1002);
        journal.appendRecords(during);
        assertThat(recorder.failed.await(10, TimeUnit.SECONDS)).isTrue();
        StorageStatus down = awaitStatus(store, "DOWN", s -> s.health() == StorageStatus.Health.DOWN);
        assertThat(down.backlog()).isEqualTo(1000);
        assertThat(down.lost()).isZero();
        assertThat(store.mark()).as("the mark waits for the database").isEqualTo(1);

        db.up();
        StorageStatus up = awaitProjected(store, journal);

        List<ExecutionRecord> expected = new ArrayList<>(TestRecords.many(1, 2));
        expected.addAll(during);
        assertThat(stored(db)).containsExactlyElementsOf(expected);
        assertThat(recorder.keys()).containsExactlyElementsOf(LongStream.rangeClosed(1, 1001)
                .mapToObj(s -> s + ":0").toList());
        assertThat(up.health()).isEqualTo(StorageStatus.Health.UP);
        assertThat(up.backlog()).isZero();
        assertThat(up.written()).isEqualTo(1001);
        assertThat(up.duplicates()).isZero();
        assertThat(markInDatabase(db)).isEqualTo(1001);
    }

    @Test
    void anOutageAndARestartTogetherLoseNothingAndWriteNothingTwice() throws Exception {
        TestDatabase db = fixture.database("outage-restart");
        TestJournal journal = new TestJournal();
        List<List<ExecutionRecord>> events = TestRecords.fillEvents(1, 61);
        journal.appendEvents(events.subList(0, 10));
        Recorder firstRecorder = new Recorder();
        RecordStore first = fixture.start(db, journal, StoreFixture.settings(), firstRecorder);
        awaitProjected(first, journal);
        db.down();
        journal.appendEvents(events.subList(10, 40));
        assertThat(firstRecorder.failed.await(10, TimeUnit.SECONDS)).isTrue();
        first.close(); // stopped (or crashed) while the database is down: nothing to save, the journal has it
        journal.appendEvents(events.subList(40, 60));

        db.up();
        RecordStore second = fixture.start(db, journal);
        StorageStatus status = awaitProjected(second, journal);

        assertThat(stored(db)).containsExactlyElementsOf(records(events));
        assertThat(status.written()).isEqualTo(150);
        assertThat(status.duplicates()).isZero();
        assertThat(status.lost()).isZero();
    }

    @Test
    void aDatabaseThatLostItsLastTransactionsGetsThemAgainWithTheirKeys() throws Exception {
        TestDatabase db = fixture.database("restored");
        TestJournal journal = new TestJournal();
        List<List<ExecutionRecord>> events = TestRecords.fillEvents(1, 61);
        journal.appendEvents(events);
        RecordStore first = fixture.start(db, journal);
        awaitProjected(first, journal);
        first.close();
        // as after a power loss with durability COMMIT, or a restore from an older backup: rows and mark went back
        // together (they are committed together)
        List<String> undo = new ArrayList<>();
        for (String table : StoredRecords.TABLES) {
            undo.add("DELETE FROM " + table + " WHERE seq > 20");
        }
        undo.add("UPDATE projection_mark SET seq = 20");
        StoreFixture.execute(db, undo.toArray(String[]::new));

        Recorder recorder = new Recorder();
        RecordStore second = fixture.start(db, journal, StoreFixture.settings(), recorder);
        StorageStatus status = awaitProjected(second, journal);

        assertThat(stored(db)).containsExactlyElementsOf(records(events));
        assertThat(recorder.keys()).containsExactlyElementsOf(keys(events.subList(20, 60)));
        assertThat(status.written()).isEqualTo(120);
        assertThat(status.duplicates()).isZero();
    }

    @Test
    void withoutAMarkEverythingIsReadAgainAndRecognisedAsAlreadyThere() throws Exception {
        TestDatabase db = fixture.database("no-mark");
        TestJournal journal = new TestJournal();
        List<List<ExecutionRecord>> events = TestRecords.fillEvents(1, 31);
        journal.appendEvents(events);
        RecordStore first = fixture.start(db, journal);
        awaitProjected(first, journal);
        first.close();
        StoreFixture.execute(db, "DELETE FROM projection_mark"); // e.g. a database written before the journal

        RecordStore second = fixture.start(db, journal);
        StorageStatus status = awaitProjected(second, journal);

        assertThat(stored(db)).containsExactlyElementsOf(records(events));
        assertThat(status.written()).isZero();
        assertThat(status.duplicates()).isEqualTo(90);
        assertThat(status.deadLettered()).isZero();
        assertThat(markInDatabase(db)).isEqualTo(30);
    }

    @Test
    void aJournalReadFailureStopsTheMarkIsReportedAndIsTriedAgain() throws Exception {
        TestDatabase db = fixture.database("journal-failure");
        TestJournal journal = new TestJournal();
        Recorder recorder = new Recorder();
        journal.appendRecords(TestRecords.many(1, 11));
        RecordStore store = fixture.start(db, journal, StoreFixture.settings(), recorder);
        awaitProjected(store, journal);

        journal.failWith(new IllegalStateException("the journal in /data/journal cannot be read: bad frame at seq 11"));
        journal.appendRecords(TestRecords.many(11, 21));
        StorageStatus failing = awaitStatus(store, "the journal failure reported",
                s -> s.detail().contains("bad frame at seq 11"));
        assertThat(failing.health()).isEqualTo(StorageStatus.Health.DOWN);
        assertThat(failing.detail()).contains("the journal cannot be read, mark at seq 10 (retrying)")
                .contains("reading after seq 10");
        assertThat(failing.backlog()).isEqualTo(10);
        assertThat(recorder.failed.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(store.mark()).isEqualTo(10);
        assertThat(markInDatabase(db)).isEqualTo(10);

        journal.heal();
        StorageStatus healed = awaitProjected(store, journal);

        assertThat(healed.health()).isEqualTo(StorageStatus.Health.UP);
        assertThat(stored(db)).containsExactlyElementsOf(TestRecords.many(1, 21));
        assertThat(healed.written()).isEqualTo(20);
    }

    @Test
    void aGapTheJournalLetGoIsSkippedOnlyWhenTheOperatorMovesTheMark() throws Exception {
        TestDatabase db = fixture.database("gap");
        TestJournal journal = new TestJournal();
        journal.appendRecords(TestRecords.many(1, 51));
        journal.letGoBefore(41); // events 1..40 are gone before this database saw them
        RecordStore store = fixture.start(db, journal);

        StorageStatus stuck = awaitStatus(store, "the gap reported", s -> s.detail().contains("was let go"));
        assertThat(stuck.health()).isEqualTo(StorageStatus.Health.DOWN);
        assertThat(stuck.detail()).contains("reading after seq 0").contains("starts at seq 41: seq 1 was let go");
        assertThat(store.mark()).isZero();

        // the operator's decision (docs/storage.md): go on after seq 40
        StoreFixture.execute(db, "UPDATE projection_mark SET seq = 40 WHERE name = 'execution_records'");
        StorageStatus status = awaitProjected(store, journal);

        assertThat(status.health()).isEqualTo(StorageStatus.Health.UP);
        assertThat(stored(db)).containsExactlyElementsOf(TestRecords.many(41, 51));
    }

    @Test
    void withoutAJournalTheStoreIsIdleAndSaysSo() throws Exception {
        TestDatabase db = fixture.database("no-journal");
        TestJournal journal = new TestJournal();
        journal.appendRecords(TestRecords.many(1, 11));
        AtomicReference<RecordJournal> current = new AtomicReference<>();
        RecordStore store = fixture.start(() -> db, current::get, StoreFixture.settings(), RecordStore.Listener.NONE);

        StorageStatus idle = awaitStatus(store, "idle, the mark read",
                s -> s.detail().contains("no RecordJournal") && s.detail().contains("mark at seq 0"));
        assertThat(idle.health()).isEqualTo(StorageStatus.Health.UP);
        assertThat(idle.backlog()).isZero();

        current.set(journal);
        store.journalChanged();
        awaitProjected(store, journal);
        assertThat(stored(db)).containsExactlyElementsOf(TestRecords.many(1, 11));
    }

    @Test
    void aMarkMovedByAnotherWriterIsFollowedNotOverwritten() throws Exception {
        TestDatabase db = fixture.database("moved");
        TestJournal journal = new TestJournal();
        journal.appendRecords(TestRecords.many(1, 11));
        Recorder recorder = new Recorder();
        RecordStore store = fixture.start(db, journal, StoreFixture.settings(), recorder);
        awaitProjected(store, journal);
        db.down();
        journal.appendRecords(TestRecords.many(11, 31));
        assertThat(recorder.failed.await(10, TimeUnit.SECONDS)).isTrue();
        // meanwhile someone else stored events 11..20 and moved the mark
        StoreFixture.execute(db, "UPDATE projection_mark SET seq = 20");

        db.up();
        StorageStatus status = awaitProjected(store, journal);

        try (Connection c = db.direct()) {
            assertThat(StoredRecords.all(c)).containsExactlyElementsOf(
                    records(List.of(TestRecords.many(1, 11), TestRecords.many(21, 31))));
        }
        assertThat(status.written()).isEqualTo(20);
        assertThat(markInDatabase(db)).isEqualTo(30);
    }
}
