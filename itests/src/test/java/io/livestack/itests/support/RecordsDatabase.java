package io.livestack.itests.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.util.tracker.ServiceTracker;

import io.livestack.testkit.Await;

/**
 * Reads the execution records the storage bundle wrote, through the distribution's {@code livestack} DataSource
 * (tables of bundles/storage/src/main/resources/db). Read only; every method answers what is committed now (storage
 * writes asynchronously: wrap checks in {@link Await}).
 */
public final class RecordsDatabase {

    public static final String DATA_SOURCE_FILTER = "(&(objectClass=" + DataSource.class.getName()
            + ")(dataSourceName=livestack))";

    /** A row of table {@code risk_rejection}. */
    public record Rejection(long seq, String strategy, String clientOrderId, String reason, String detail) {
    }

    private final DataSource dataSource;

    private RecordsDatabase(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Waits (up to {@link Await#DEFAULT_TIMEOUT}) for the livestack DataSource service. */
    public static RecordsDatabase open(BundleContext context) {
        Filter filter;
        try {
            filter = FrameworkUtil.createFilter(DATA_SOURCE_FILTER);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        ServiceTracker<DataSource, DataSource> tracker = new ServiceTracker<>(context, filter, null);
        tracker.open();
        try {
            DataSource ds = tracker.waitForService(Await.DEFAULT_TIMEOUT.toMillis());
            if (ds == null) {
                throw new AssertionError("no DataSource " + DATA_SOURCE_FILTER + " within " + Await.DEFAULT_TIMEOUT);
            }
            return new RecordsDatabase(ds);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            tracker.close();
        }
    }

    /** The first column of every row {@code sql} selects, as strings. */
    public static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (java.sql.Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }

    /** The risk rejections recorded after {@code afterSeq}, oldest first. */
    public List<Rejection> rejectionsAfter(long afterSeq) {
        String sql = "SELECT seq, strategy_id, client_order_id, reason, detail FROM risk_rejection WHERE seq > ?"
                + " ORDER BY seq, ord";
        List<Rejection> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, afterSeq);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(new Rejection(r.getLong(1), r.getString(2), r.getString(3), r.getString(4),
                            r.getString(5)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading risk_rejection failed: " + e, e);
        }
        return rows;
    }

    /** The sequence number of the latest operator action {@code action} (e.g. "kill"), or -1 when none. */
    public long lastOperatorAction(String action) {
        String sql = "SELECT MAX(seq) FROM operator_action WHERE action = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, action);
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    long seq = r.getLong(1);
                    return r.wasNull() ? -1 : seq;
                }
                return -1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading operator_action failed: " + e, e);
        }
    }
}
