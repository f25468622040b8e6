package io.livestack.storage.internal;

import static io.livestack.storage.internal.StoreFixture.awaitProjected;
import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.model.OrderStatus;
import io.livestack.api.record.ExecutionRecord;
import io.livestack.api.record.OrderEvent;
import io.livestack.api.record.OrderRecord;
import io.livestack.api.record.StorageStatus;
import io.livestack.api.state.OrderView;
import io.livestack.storage.query.StoredRecords;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The same schema, projection mark, writes, duplicate handling, dead letters and queries on PostgreSQL, against a
 * throwaway server the test starts itself ({@link ThrowawayPostgresExtension}, the test kit's ThrowawayPostgres:
 * initdb under target/, a free loopback port, stopped afterwards), set up as docs/storage.md tells an operator to.
 * Needs PostgreSQL's server binaries (Debian's {@code postgresql} package, which {@code .ci/run} installs); without
 * them it fails and says so.
 */
class PostgresPortabilityTest {

    @RegisterExtension
    static final ThrowawayPostgresExtension SERVER = new ThrowawayPostgresExtension();

    private final StoreFixture fixture = new StoreFixture();
    private DataSource postgres;

    @BeforeEach
    void connect() {
        postgres = SERVER.dataSource();
    }

    @AfterEach
    void closeAll() {
        fixture.close();
    }

    @Test
    void projectsReadsBackRejectsAndRestartsOnPostgres() throws Exception {
        TestJournal journal = new TestJournal();
        List<ExecutionRecord> records = new ArrayList<>(TestRecords.everyType().stream().filter(r -> r.seq() > 0)
                .toList());
        OrderView open = TestRecords.order("C3", OrderStatus.NEW, 20);
        records.add(new OrderRecord(20, TestRecords.T0, OrderEvent.ACKNOWLEDGED, open));
        OrderView tooLong = new OrderView(open.clientOrderId(), open.currentClientOrderId(), null, null,
                open.strategy(), open.venue(), open.instrument(), open.side(), open.type(), open.timeInForce(), 1, 1,
                0, 0, OrderStatus.REJECTED, 0, 0, false, true, "x".repeat(2001), 21, 21, 0, 0);
        OrderRecord bad = new OrderRecord(21, TestRecords.T0, OrderEvent.REJECTED, tooLong);
        journal.appendRecords(records);
        journal.appendAt(21, List.of(bad));

        RecordStore store = fixture.start(postgres, journal);
        StorageStatus first = awaitProjected(store, journal);
        assertThat(first.written()).isEqualTo(records.size());
        assertThat(first.deadLettered()).isEqualTo(1);
        store.close();

        // a restart goes on after the mark: only the new event is written
        journal.appendAt(22, List.of(TestRecords.fill(22, "E22")));
        RecordStore restarted = fixture.start(postgres, journal);
        StorageStatus second = awaitProjected(restarted, journal);
        assertThat(second.written()).isEqualTo(1);
        assertThat(second.duplicates()).isZero();
        restarted.close();

        // a database without its mark: everything is read again and recognised (SQLState 23505) as already there
        try (Connection c = postgres.getConnection(); Statement st = c.createStatement()) {
            st.execute("DELETE FROM projection_mark");
        }
        RecordStore replay = fixture.start(postgres, journal);
        StorageStatus third = awaitProjected(replay, journal);
        assertThat(third.written()).isZero();
        assertThat(third.duplicates()).isEqualTo(records.size() + 1);
        assertThat(third.deadLettered()).as("dead-lettered before: not a second row").isEqualTo(1);
        replay.close();

        List<ExecutionRecord> expected = new ArrayList<>(records);
        expected.add(TestRecords.fill(22, "E22"));
        try (Connection c = postgres.getConnection()) {
            assertThat(StoredRecords.all(c)).containsExactlyElementsOf(expected);
            assertThat(StoredRecords.deadLetters(c)).singleElement()
                    .satisfies(l -> assertThat(l.error()).contains("22001"));
            assertThat(StoredRecords.projectionMark(c)).isEqualTo(22);
            assertThat(StoredRecords.openOrders(c)).containsExactly(TestRecords.order("C1", OrderStatus.NEW, 1),
                    TestRecords.minimalOrder("C2", OrderStatus.PENDING_NEW, 2), open);
            assertThat(StoredRecords.lastSeq(c)).isEqualTo(22);
            assertThat(StoredRecords.recentExecutionKeys(c, Duration.ofHours(1)))
                    .containsExactly("SIM|E1", "SIM|E2", "SIM|E9", "SIM|E22");
            // every migration script applied once, by the first start; the later starts found the schema current
            assertThat(SchemaMigratorTest.versions(c)).containsExactlyElementsOf(SchemaMigrator.fromClasspath()
                    .scripts().stream().map(s -> s.version() + ":" + s.name()).toList());
        }
    }

    @Test
    void answersTheHistoryQueriesOnPostgres() throws Exception {
        DataSource own = SERVER.dataSource("history");
        TestJournal journal = new TestJournal();
        journal.appendRecords(HistoryScenario.records());
        awaitProjected(fixture.start(own, journal), journal);

        HistoryScenario.check(new JdbcStoredHistory(() -> own));
    }
}
