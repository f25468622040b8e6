package io.livestack.storage.internal;

import io.livestack.api.record.RecordJournal;
import io.livestack.api.record.StorageStatus;
import io.livestack.storage.query.StoredRecords;
import io.livestack.testkit.Await;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javax.sql.DataSource;

/** The stores and databases of a test, closed after it; waiting for them (always with a timeout). */
final class StoreFixture implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final List<RecordStore> stores = new ArrayList<>();
    private final List<TestDatabase> databases = new ArrayList<>();

    TestDatabase database(String name) throws Exception {
        TestDatabase db = new TestDatabase(name);
        databases.add(db);
        return db;
    }

    /** The defaults, with short pauses after a failure. */
    static StorageSettings settings() {
        return StorageSettings.defaults().withRetryMaxBackoff(Duration.ofMillis(100));
    }

    RecordStore start(DataSource db, RecordJournal journal) {
        return start(() -> db, () -> journal, settings(), RecordStore.Listener.NONE);
    }

    RecordStore start(DataSource db, RecordJournal journal, StorageSettings settings, RecordStore.Listener listener) {
        return start(() -> db, () -> journal, settings, listener);
    }

    RecordStore start(Supplier<DataSource> db, Supplier<RecordJournal> journal, StorageSettings settings,
            RecordStore.Listener listener) {
        RecordStore store = RecordStore.start(settings, db, "(test)", journal, listener,
                RecordStore.class.getClassLoader());
        stores.add(store);
        return store;
    }

    /** Waits until the store's mark reached the journal's last seq; returns its status then. */
    static StorageStatus awaitProjected(RecordStore store, RecordJournal journal) {
        long target = journal.lastSeq();
        return Await.value("the store's mark at seq " + target, TIMEOUT, store::status, s -> store.mark() >= target);
    }

    static StorageStatus awaitStatus(RecordStore store, String what, Predicate<StorageStatus> accept) {
        return Await.value(what, TIMEOUT, store::status, accept);
    }

    /** The mark as the database has it. */
    static long markInDatabase(TestDatabase db) {
        try (Connection c = db.direct()) {
            return StoredRecords.projectionMark(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read projection_mark: " + e.getMessage(), e);
        }
    }

    static void execute(TestDatabase db, String... statements) throws SQLException {
        try (Connection c = db.direct(); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    @Override
    public void close() {
        stores.forEach(RecordStore::close);
        databases.forEach(TestDatabase::up);
    }
}
