package io.livestack.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.storage.query.StoredRecords;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaMigratorTest {

    /** The applied migrations, "version:script", in order (also used by PostgresPortabilityTest). */
    static List<String> versions(Connection c) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT version, script FROM schema_version ORDER BY version")) {
            while (rs.next()) {
                rows.add(rs.getInt(1) + ":" + rs.getString(2));
            }
        }
        return rows;
    }

    @Test
    void createsTheSchemaOnceAndDoesNothingTheNextTime() throws Exception {
        TestDatabase db = new TestDatabase("migrate");
        SchemaMigrator migrator = SchemaMigrator.fromClasspath();
        try (Connection c = db.direct()) {
            c.setAutoCommit(false);
            assertThat(migrator.migrate(c)).containsExactly("V1__init.sql", "V2__projection_mark.sql",
                    "V3__fill_kinds.sql", "V4__accounts_and_position_levels.sql", "V5__history_by_time.sql");
            assertThat(migrator.migrate(c)).isEmpty();
            assertThat(versions(c)).containsExactly("1:V1__init.sql", "2:V2__projection_mark.sql",
                    "3:V3__fill_kinds.sql", "4:V4__accounts_and_position_levels.sql", "5:V5__history_by_time.sql");
            assertThat(StoredRecords.rowCounts(c)).containsOnlyKeys(StoredRecords.TABLES).allSatisfy(
                    (table, rows) -> assertThat(rows).isZero());
            assertThat(StoredRecords.projectionMark(c)).as("no mark before the store's first start").isEqualTo(-1);
        }
        try (Connection c = db.direct()) { // a new connection (a restart) finds it up to date
            c.setAutoCommit(false);
            assertThat(migrator.migrate(c)).isEmpty();
        }
    }

    @Test
    void appliesANewScriptOnTopOfAnExistingSchema() throws Exception {
        TestDatabase db = new TestDatabase("migrate-v6");
        SchemaMigrator shipped = SchemaMigrator.fromClasspath();
        List<SchemaMigrator.Script> scripts = new ArrayList<>(shipped.scripts());
        scripts.add(SchemaMigrator.script("V6__notes.sql",
                "-- a later migration\nCREATE TABLE IF NOT EXISTS note (\n  id BIGINT NOT NULL,\n  text VARCHAR(10)"
                        + "\n);\nALTER TABLE fill ADD COLUMN IF NOT EXISTS note_id BIGINT;\n"));
        SchemaMigrator next = new SchemaMigrator(scripts);
        try (Connection c = db.direct()) {
            c.setAutoCommit(false);
            shipped.migrate(c);
            assertThat(next.migrate(c)).containsExactly("V6__notes.sql");
            assertThat(next.migrate(c)).isEmpty();
            assertThat(versions(c)).containsExactly("1:V1__init.sql", "2:V2__projection_mark.sql",
                    "3:V3__fill_kinds.sql", "4:V4__accounts_and_position_levels.sql", "5:V5__history_by_time.sql",
                    "6:V6__notes.sql");
            assertThat(next.latestVersion()).isEqualTo(6);
        }
    }

    @Test
    void upgradesAVersion1DatabaseWithItsRowsToTheProjectionMark() throws Exception {
        TestDatabase db = new TestDatabase("migrate-v1-to-v2");
        SchemaMigrator shipped = SchemaMigrator.fromClasspath();
        try (Connection c = db.direct()) {
            c.setAutoCommit(false);
            new SchemaMigrator(shipped.scripts().subList(0, 1)).migrate(c); // a database written by version 1
            try (Statement st = c.createStatement()) {
                st.execute("INSERT INTO operator_action VALUES (7, 0, 1, TIMESTAMP '2024-01-01 00:00:00', 'alice', "
                        + "'kill', 'global', 'ok')");
            }
            c.commit();
            assertThat(shipped.migrate(c)).containsExactly("V2__projection_mark.sql", "V3__fill_kinds.sql",
                    "V4__accounts_and_position_levels.sql", "V5__history_by_time.sql");
            assertThat(StoredRecords.rowCounts(c)).containsEntry("operator_action", 1L);
            assertThat(StoredRecords.projectionMark(c)).isEqualTo(-1);
        }
    }

    @Test
    void upgradesAVersion3DatabaseItsOrdersFillsAndPositionsReadAsTheDefaultAccountAndTheDesk() throws Exception {
        TestDatabase db = new TestDatabase("migrate-v3-to-v4");
        SchemaMigrator shipped = SchemaMigrator.fromClasspath();
        try (Connection c = db.direct()) {
            c.setAutoCommit(false);
            new SchemaMigrator(shipped.scripts().subList(0, 3)).migrate(c); // a database written by version 3
            try (Statement st = c.createStatement()) {
                st.execute("INSERT INTO position_change VALUES (7, 0, 1, TIMESTAMP '2024-01-01 00:00:00', 'BTC-USD', "
                        + "2, 100, 0, 0, 101, 2, 0, 7)");
                st.execute("INSERT INTO fill (seq, ord, time_nanos, event_time, venue, exec_id, client_order_id, "
                        + "instrument, side, price, quantity, fee, venue_time_nanos) VALUES (7, 1, 1, "
                        + "TIMESTAMP '2024-01-01 00:00:00', 'SIM', 'E1', 'C1', 'BTC-USD', 'BUY', 100, 2, 0, 0)");
            }
            c.commit();
            assertThat(shipped.migrate(c)).containsExactly("V4__accounts_and_position_levels.sql",
                    "V5__history_by_time.sql");
            List<io.livestack.api.state.PositionView> desk = StoredRecords.latestPositions(c);
            assertThat(desk).hasSize(1);
            assertThat(desk.get(0).level()).isEqualTo(io.livestack.api.state.PositionView.Level.DESK);
            assertThat(desk.get(0).fees()).isZero();
            assertThat(StoredRecords.fill(c, "SIM", "E1").account())
                    .isEqualTo(io.livestack.api.model.AccountId.DEFAULT);
        }
    }

    @Test
    void splitsAScriptIntoStatementsAtSemicolonsEndingALine() {
        assertThat(SchemaMigrator.statements("-- comment\nCREATE TABLE a (\n x INT\n);\n\nCREATE INDEX i ON a (x);"))
                .containsExactly("CREATE TABLE a (\nx INT\n)", "CREATE INDEX i ON a (x)");
    }
}
