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
            assertThat(migrator.migrate(c)).containsExactly("V1__init.sql");
            assertThat(migrator.migrate(c)).isEmpty();
            assertThat(versions(c)).containsExactly("1:V1__init.sql");
            assertThat(StoredRecords.rowCounts(c)).containsOnlyKeys(StoredRecords.TABLES).allSatisfy(
                    (table, rows) -> assertThat(rows).isZero());
        }
        try (Connection c = db.direct()) { // a new connection (a restart) finds it up to date
            c.setAutoCommit(false);
            assertThat(migrator.migrate(c)).isEmpty();
        }
    }

    @Test
    void appliesANewScriptOnTopOfAnExistingSchema() throws Exception {
        TestDatabase db = new TestDatabase("migrate-v2");
        SchemaMigrator v1 = SchemaMigrator.fromClasspath();
        SchemaMigrator.Script init = v1.scripts().get(0);
        SchemaMigrator v2 = new SchemaMigrator(List.of(init, SchemaMigrator.script("V2__notes.sql",
                "-- a later migration\nCREATE TABLE IF NOT EXISTS note (\n  id BIGINT NOT NULL,\n  text VARCHAR(10)"
                        + "\n);\nALTER TABLE fill ADD COLUMN IF NOT EXISTS note_id BIGINT;\n")));
        try (Connection c = db.direct()) {
            c.setAutoCommit(false);
            v1.migrate(c);
            assertThat(v2.migrate(c)).containsExactly("V2__notes.sql");
            assertThat(v2.migrate(c)).isEmpty();
            assertThat(versions(c)).containsExactly("1:V1__init.sql", "2:V2__notes.sql");
            assertThat(v2.latestVersion()).isEqualTo(2);
        }
    }

    @Test
    void splitsAScriptIntoStatementsAtSemicolonsEndingALine() {
        assertThat(SchemaMigrator.statements("-- comment\nCREATE TABLE a (\n x INT\n);\n\nCREATE INDEX i ON a (x);"))
                .containsExactly("CREATE TABLE a (\nx INT\n)", "CREATE INDEX i ON a (x)");
    }
}
