package io.livestack.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.model.OrderStatus;
import io.livestack.api.record.ExecutionRecord;
import io.livestack.api.record.OrderEvent;
import io.livestack.api.record.OrderRecord;
import io.livestack.api.state.OrderView;
import io.livestack.storage.query.StoredRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The same schema, writes, duplicate handling, dead letters and recovery queries on PostgreSQL, against a throwaway
 * server the test starts itself ({@link ThrowawayPostgres}: initdb under target/, a free loopback port, stopped
 * afterwards), set up as docs/storage.md tells an operator to. Needs PostgreSQL's server binaries (Debian's
 * {@code postgresql} package, which {@code .ci/run} installs); without them it fails and says so.
 */
class PostgresPortabilityTest {

    @RegisterExtension
    static final ThrowawayPostgres SERVER = new ThrowawayPostgres();

    private DataSource postgres;

    @BeforeEach
    void connect() {
        postgres = SERVER.dataSource();
    }

    private RecordStore start(Path spool) throws Exception {
        return RecordStore.start(StorageSettings.defaults(spool).withRetryMaxBackoff(Duration.ofMillis(100)),
                () -> postgres, "(postgres)", RecordStore.Listener.NONE, RecordStore.class.getClassLoader());
    }

    @Test
    void writesReadsBackRejectsAndRecoversOnPostgres() throws Exception {
        Path spool = Files.createTempDirectory(Path.of("target"), "pg-spool");
        List<ExecutionRecord> records = new ArrayList<>(TestRecords.everyType());
        OrderView open = TestRecords.order("C3", OrderStatus.NEW, 20);
        records.add(new OrderRecord(20, TestRecords.T0, OrderEvent.ACKNOWLEDGED, open));
        OrderView tooLong = new OrderView(open.clientOrderId(), open.currentClientOrderId(), null, null,
                open.strategy(), open.venue(), open.instrument(), open.side(), open.type(), open.timeInForce(), 1, 1,
                0, 0, OrderStatus.REJECTED, 0, 0, false, true, "x".repeat(2001), 21, 21, 0, 0);
        OrderRecord bad = new OrderRecord(21, TestRecords.T0, OrderEvent.REJECTED, tooLong);

        RecordStore store = start(spool);
        try {
            records.forEach(store::accept);
            store.accept(bad);
            assertThat(store.awaitWritten(30_000)).as("%s", store.status()).isTrue();
            assertThat(store.status().deadLettered()).isEqualTo(1);
        } finally {
            store.close();
        }
        RecordStore replay = start(spool);
        try {
            records.stream().filter(r -> r.seq() > 0).forEach(replay::accept);
            assertThat(replay.awaitWritten(30_000)).isTrue();
            assertThat(replay.status().written()).isZero();
            assertThat(replay.status().duplicates()).isEqualTo(records.size() - 1);
            assertThat(replay.query(StoredRecords::openOrders)).containsExactly(
                    TestRecords.order("C1", OrderStatus.NEW, 1), TestRecords.minimalOrder("C2", OrderStatus.PENDING_NEW,
                            2), open);
            assertThat(replay.query(StoredRecords::lastSeq)).isEqualTo(21);
            java.util.Set<String> keys = replay.query(c -> StoredRecords.recentExecutionKeys(c, Duration.ofHours(1)));
            assertThat(keys).containsExactly("SIM|E1", "SIM|E2");
        } finally {
            replay.close();
        }

        List<ExecutionRecord> expected = new ArrayList<>(records);
        expected.sort(Comparator.comparingLong(ExecutionRecord::seq));
        try (Connection c = postgres.getConnection()) {
            assertThat(StoredRecords.all(c)).containsExactlyElementsOf(expected);
            assertThat(StoredRecords.deadLetters(c)).singleElement()
                    .satisfies(l -> assertThat(l.error()).contains("22001"));
            // every migration script applied once, by the first start; the second start found the schema current
            assertThat(SchemaMigratorTest.versions(c)).containsExactlyElementsOf(SchemaMigrator.fromClasspath()
                    .scripts().stream().map(s -> s.version() + ":" + s.name()).toList());
        }
    }
}
