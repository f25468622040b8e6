package io.livestack.storage.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and migrates the schema from the versioned scripts {@code db/V<n>__<what>.sql} listed, in order, in
 * {@code db/migrations.txt}. Each script runs once, in one transaction where the database has transactional DDL
 * (PostgreSQL); its version, name, checksum and time are recorded in {@code schema_version}. Running it again does
 * nothing. A script whose checksum changed after it was applied is reported (never re-run).
 */
final class SchemaMigrator {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);
    static final String INDEX = "db/migrations.txt";

    record Script(int version, String name, String sql, long checksum) {
    }

    private final List<Script> scripts;
    /** The DataSource last migrated through {@link #ensureMigrated} (identity only). */
    private Object migratedFor;

    SchemaMigrator(List<Script> scripts) {
        this.scripts = List.copyOf(scripts);
    }

    /** The scripts shipped in this bundle. */
    static SchemaMigrator fromClasspath() {
        ClassLoader loader = SchemaMigrator.class.getClassLoader();
        List<Script> scripts = new ArrayList<>();
        for (String line : read(loader, INDEX).split("\\R")) {
            String name = line.strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            scripts.add(script(name, read(loader, "db/" + name)));
        }
        return new SchemaMigrator(scripts);
    }

    static Script script(String name, String sql) {
        if (!name.matches("V[1-9][0-9]*__\\w+\\.sql")) {
            throw new IllegalArgumentException("migration script name '" + name + "' is not V<n>__<what>.sql");
        }
        int version = Integer.parseInt(name.substring(1, name.indexOf("__")));
        CRC32 crc = new CRC32();
        crc.update(sql.getBytes(StandardCharsets.UTF_8));
        return new Script(version, name, sql, crc.getValue());
    }

    List<Script> scripts() {
        return scripts;
    }

    /** Highest version of the scripts (the version the schema has once migrated). */
    int latestVersion() {
        return scripts.stream().mapToInt(Script::version).max().orElse(0);
    }

    /**
     * {@link #migrate} once per DataSource (the writer calls it at every connection); the connection's auto-commit
     * mode is restored.
     */
    synchronized void ensureMigrated(Object dataSource, Connection connection) throws SQLException {
        if (migratedFor == dataSource) {
            return;
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            migrate(connection);
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        migratedFor = dataSource;
    }

    /**
     * Brings the schema to the latest version. The connection must not be in auto-commit mode; it is left
     * committed.
     *
     * @return the scripts applied now (empty when the schema was up to date)
     */
    synchronized List<String> migrate(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, script VARCHAR(200) "
                    + "NOT NULL, checksum BIGINT NOT NULL, installed_at TIMESTAMP NOT NULL, "
                    + "CONSTRAINT pk_schema_version PRIMARY KEY (version))");
        }
        connection.commit();
        Map<Integer, Long> applied = new HashMap<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT version, checksum FROM schema_version")) {
            while (rs.next()) {
                applied.put(rs.getInt(1), rs.getLong(2));
            }
        }
        connection.commit();
        List<String> done = new ArrayList<>();
        for (Script script : scripts) {
            Long checksum = applied.get(script.version());
            if (checksum != null) {
                if (checksum != script.checksum()) {
                    LOG.warn("Migration {} was changed after it was applied (checksum {} in schema_version, {} now);"
                            + " it is not run again. Add a new V<n> script instead of editing a released one.",
                            script.name(), checksum, script.checksum());
                }
                continue;
            }
            apply(connection, script);
            done.add(script.name());
        }
        return done;
    }

    private static void apply(Connection connection, Script script) throws SQLException {
        LOG.info("Applying schema migration {}", script.name());
        try (Statement st = connection.createStatement()) {
            for (String statement : statements(script.sql())) {
                st.execute(statement);
            }
            try (PreparedStatement ps = connection.prepareStatement(
                    "INSERT INTO schema_version (version, script, checksum, installed_at) VALUES (?, ?, ?, ?)")) {
                ps.setInt(1, script.version());
                ps.setString(2, script.name());
                ps.setLong(3, script.checksum());
                ps.setObject(4, LocalDateTime.now(ZoneOffset.UTC));
                ps.executeUpdate();
            }
            connection.commit();
        } catch (SQLException e) {
            try {
                connection.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new SQLException("schema migration " + script.name() + " failed: " + e.getMessage(),
                    e.getSQLState(), e.getErrorCode(), e);
        }
    }

    /** The statements of a script: separated by ';' at the end of a line; '--' comment lines dropped. */
    static List<String> statements(String sql) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            if (trimmed.endsWith(";")) {
                current.append(trimmed, 0, trimmed.length() - 1);
                statements.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(trimmed).append('\n');
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    private static String read(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema resource " + resource + " is missing from the bundle");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read schema resource " + resource, e);
        }
    }
}
