package io.livestack.storage.internal;

import io.livestack.api.history.HistoryQuery;
import io.livestack.api.history.HistoryUnavailableException;
import io.livestack.api.history.StoredHistory;
import io.livestack.api.history.StoredSlice;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.record.FillRecord;
import io.livestack.api.record.OrderRecord;
import io.livestack.api.state.OrderView;
import io.livestack.storage.query.StoredRecords;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * {@link StoredHistory} over JDBC: portable SQL (H2 2.x, PostgreSQL 12+), one connection per call, read only. The
 * rules of {@link HistoryQuery} as SQL:
 * <ul>
 * <li>orders: the latest {@code order_event} row per handle among the rows up to seq {@code asOf} (no later row of
 * the same order up to it), created before {@code until} and last changed at or after {@code since}
 * ({@code updated_time_nanos}; the row's own {@code time_nanos}, never earlier, lets index {@code ix_order_event_time}
 * find the candidates), the filters; newest first by {@code created_seq}, then handle;</li>
 * <li>fills: the {@code fill} rows up to seq {@code asOf} with {@code time_nanos} in the range (index
 * {@code ix_fill_time}), the filters; newest first by seq, then ord.</li>
 * </ul>
 * Orders to leave out are found among the matches by handle (a few: those the live state changed after {@code asOf})
 * and taken off the count and the rows.
 */
final class JdbcStoredHistory implements StoredHistory {

    /** Handles per IN list. */
    static final int IN_LIST = 500;

    private static final String OPEN_STATUSES = Arrays.stream(OrderStatus.values()).filter(OrderStatus::isOpen)
            .map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "));
    private static final String ORDERS = RecordTables.ORDER_EVENT.selectSql()
            .replace(" FROM order_event", " FROM order_event t");

    private final Supplier<DataSource> dataSource;

    JdbcStoredHistory(Supplier<DataSource> dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public long storedThrough() {
        return read("read the projection mark", c -> Math.max(0, StoredRecords.projectionMark(c)));
    }

    @Override
    public StoredSlice<OrderView> orders(HistoryQuery q, long asOf, Collection<ClientOrderId> excluded, int limit) {
        return read("read orders", c -> {
            Where where = orderWhere(q, asOf);
            Set<String> left = excludedMatches(c, where, excluded);
            long total = count(c, "SELECT COUNT(*) FROM order_event t" + where.sql, where.params) - left.size();
            List<OrderView> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(ORDERS + where.sql
                    + " ORDER BY t.created_seq DESC, t.client_order_id DESC FETCH FIRST ? ROWS ONLY")) {
                int next = where.bind(ps, 1);
                ps.setInt(next, limit + left.size());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next() && rows.size() < limit) {
                        OrderView o = RecordTables.ORDER_EVENT.read(rs).order();
                        if (!left.contains(o.clientOrderId().value())) {
                            rows.add(o);
                        }
                    }
                }
            }
            return new StoredSlice<>(rows, Math.max(total, rows.size()));
        });
    }

    @Override
    public StoredSlice<FillRecord> fills(HistoryQuery q, long asOf, int limit) {
        return read("read fills", c -> {
            Where where = new Where(" WHERE seq <= ? AND time_nanos >= ? AND time_nanos < ?", asOf, q.since(),
                    q.until());
            where.equal("venue", q.venue()).equal("strategy_id", q.strategy()).equal("instrument", q.instrument())
                    .equal("account", q.account());
            long total = count(c, "SELECT COUNT(*) FROM fill" + where.sql, where.params);
            List<FillRecord> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(RecordTables.FILL.selectSql() + where.sql
                    + " ORDER BY seq DESC, ord DESC FETCH FIRST ? ROWS ONLY")) {
                ps.setInt(where.bind(ps, 1), limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(RecordTables.FILL.read(rs));
                    }
                }
            }
            return new StoredSlice<>(rows, Math.max(total, rows.size()));
        });
    }

    @Override
    public List<OrderRecord> orderEvents(ClientOrderId order) {
        return read("read the order's events", c -> {
            List<OrderRecord> events = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(RecordTables.ORDER_EVENT.selectSql()
                    + " WHERE client_order_id = ? ORDER BY seq, ord")) {
                ps.setString(1, order.value());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        events.add(RecordTables.ORDER_EVENT.read(rs));
                    }
                }
            }
            return events;
        });
    }

    /** The latest version as of {@code asOf} of each order, changed in the range, passing the filters. */
    static Where orderWhere(HistoryQuery q, long asOf) {
        Where where = new Where(" WHERE t.seq <= ? AND t.time_nanos >= ? AND t.updated_time_nanos >= ?"
                + " AND t.created_time_nanos < ?", asOf, q.since(), q.since(), q.until());
        where.equal("t.venue", q.venue()).equal("t.strategy_id", q.strategy()).equal("t.instrument", q.instrument())
                .equal("t.account", q.account());
        if (q.openOnly()) {
            where.sql += " AND t.status IN (" + OPEN_STATUSES + ")";
        }
        where.sql += " AND NOT EXISTS (SELECT 1 FROM order_event n WHERE n.client_order_id = t.client_order_id"
                + " AND n.seq <= ? AND (n.seq > t.seq OR (n.seq = t.seq AND n.ord > t.ord)))";
        where.params.add(asOf);
        return where;
    }

    /** The handles among {@code excluded} that the query matches, in IN lists of {@value #IN_LIST}. */
    private static Set<String> excludedMatches(Connection c, Where where, Collection<ClientOrderId> excluded)
            throws SQLException {
        Set<String> found = new HashSet<>();
        List<String> ids = excluded.stream().map(ClientOrderId::value).distinct().toList();
        for (int from = 0; from < ids.size(); from += IN_LIST) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_LIST));
            try (PreparedStatement ps = c.prepareStatement("SELECT t.client_order_id FROM order_event t" + where.sql
                    + " AND t.client_order_id IN (" + "?, ".repeat(chunk.size() - 1) + "?)")) {
                int next = where.bind(ps, 1);
                for (String id : chunk) {
                    ps.setString(next++, id);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getString(1));
                    }
                }
            }
        }
        return found;
    }

    private static long count(Connection c, String sql, List<Object> params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Where.bind(ps, 1, params);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private <T> T read(String what, Query<T> query) {
        DataSource ds = dataSource.get();
        if (ds == null) {
            throw new HistoryUnavailableException("no livestack DataSource (is etc/org.ops4j.datasource-livestack.cfg "
                    + "in place and pax-jdbc-config active?)", null);
        }
        try (Connection c = ds.getConnection()) {
            return query.run(c);
        } catch (SQLException e) {
            throw new HistoryUnavailableException("the database cannot " + what + ": " + SqlErrors.describe(e), e);
        }
    }

    @FunctionalInterface
    private interface Query<T> {
        T run(Connection c) throws SQLException;
    }

    /** A WHERE clause and its parameters, in order. */
    static final class Where {
        String sql;
        final List<Object> params = new ArrayList<>();

        Where(String sql, Object... params) {
            this.sql = sql;
            this.params.addAll(List.of(params));
        }

        /** {@code AND column = ?} when the value is not null (an id: its text). */
        Where equal(String column, Object value) {
            if (value != null) {
                sql += " AND " + column + " = ?";
                params.add(value.toString());
            }
            return this;
        }

        /** Binds the parameters from {@code first}; returns the next index. */
        int bind(PreparedStatement ps, int first) throws SQLException {
            return bind(ps, first, params);
        }

        static int bind(PreparedStatement ps, int first, List<Object> params) throws SQLException {
            int i = first;
            for (Object p : params) {
                if (p instanceof Long l) {
                    ps.setLong(i++, l);
                } else {
                    ps.setString(i++, (String) p);
                }
            }
            return i;
        }
    }
}
