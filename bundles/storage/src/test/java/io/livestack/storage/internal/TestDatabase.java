package io.livestack.storage.internal;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * A real H2 file database under target/ that can be "taken down": while down, getConnection fails and the
 * connections handed out before are closed (every use of them fails, like a lost server); or "slow":
 * getConnection blocks until released.
 */
final class TestDatabase implements DataSource {

    private final JdbcDataSource h2 = new JdbcDataSource();
    private final Path directory;
    private final List<Connection> handedOut = new CopyOnWriteArrayList<>();
    private volatile boolean down;
    private volatile CountDownLatch blocked;

    TestDatabase(String name) throws Exception {
        directory = Path.of("target", "h2", name + "-" + System.nanoTime()).toAbsolutePath();
        Files.createDirectories(directory);
        h2.setURL("jdbc:h2:file:" + directory.resolve("livestack") + ";DB_CLOSE_ON_EXIT=FALSE");
        h2.setUser("sa");
        h2.setPassword("");
    }

    Path directory() {
        return directory;
    }

    void down() {
        down = true;
        for (Connection c : handedOut) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already closed
            }
        }
        handedOut.clear();
    }

    void up() {
        down = false;
    }

    /** getConnection blocks until {@link #release()}. */
    void block() {
        blocked = new CountDownLatch(1);
    }

    void release() {
        CountDownLatch latch = blocked;
        blocked = null;
        if (latch != null) {
            latch.countDown();
        }
    }

    /** A connection that bypasses the down/slow switches (for the test's own reads). */
    Connection direct() throws SQLException {
        return h2.getConnection();
    }

    @Override
    public Connection getConnection() throws SQLException {
        CountDownLatch latch = blocked;
        if (latch != null) {
            try {
                latch.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (down) {
            throw new SQLException("database is down (test)", "08001");
        }
        Connection c = h2.getConnection();
        handedOut.add(c);
        return c;
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
