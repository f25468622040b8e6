package io.livestack.storage.internal;

import io.livestack.testkit.ThrowawayPostgres;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The test class's own PostgreSQL server (register it with {@code @RegisterExtension static}): the test kit's
 * {@link ThrowawayPostgres} in {@code target/postgres}, started before the first test and stopped, its data directory
 * deleted, after the last (also when a test or the start failed).
 */
final class ThrowawayPostgresExtension implements BeforeAllCallback, AfterAllCallback {

    private ThrowawayPostgres server;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = ThrowawayPostgres.start(Path.of("target", "postgres"), context.getDisplayName());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** The {@code livestack} database as the {@code livestack} user. */
    DataSource dataSource() {
        if (server == null) {
            throw new IllegalStateException("the PostgreSQL server is not running");
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {ThrowawayPostgres.HOST});
        ds.setPortNumbers(new int[] {server.port()});
        ds.setDatabaseName(ThrowawayPostgres.DATABASE);
        ds.setUser(ThrowawayPostgres.USER);
        ds.setPassword(ThrowawayPostgres.PASSWORD);
        ds.setConnectTimeout(10);
        return ds;
    }

    /** The same, its search path set to {@code schema} (created when missing), for a test of its own. */
    DataSource dataSource(String schema) throws java.sql.SQLException {
        try (java.sql.Connection c = dataSource().getConnection(); java.sql.Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
        }
        PGSimpleDataSource ds = (PGSimpleDataSource) dataSource();
        ds.setCurrentSchema(schema);
        return ds;
    }
}
