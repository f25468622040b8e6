package io.livestack.itests.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.util.tracker.ServiceTracker;

/** The first column of a query against the distribution's "livestack" DataSource (the execution records). */
public final class StoredRows {

    private StoredRows() {
    }

    public static List<String> query(BundleContext context, Duration wait, String sql, Object... parameters) {
        ServiceTracker<DataSource, DataSource> tracker;
        try {
            tracker = new ServiceTracker<>(context, context.createFilter(
                    "(&(objectClass=" + DataSource.class.getName() + ")(dataSourceName=livestack))"), null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        tracker.open();
        try {
            DataSource ds = tracker.waitForService(wait.toMillis());
            if (ds == null) {
                throw new AssertionError("no livestack DataSource within " + wait);
            }
            List<String> rows = new ArrayList<>();
            try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    s.setObject(i + 1, parameters[i]);
                }
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        rows.add(r.getString(1));
                    }
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            tracker.close();
        }
    }
}
