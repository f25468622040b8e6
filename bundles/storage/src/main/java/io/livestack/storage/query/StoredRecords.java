package io.livestack.storage.query;

import io.livestack.api.model.OrderStatus;
import io.livestack.api.record.ExecutionRecord;
import io.livestack.api.record.FillRecord;
import io.livestack.api.record.OrderRecord;
import io.livestack.api.record.PositionRecord;
import io.livestack.api.state.OrderView;
import io.livestack.api.state.PositionView;
import io.livestack.storage.internal.RecordTable;
import io.livestack.storage.internal.RecordTables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Queries over the stored execution records: every record read back exactly as it was written, the latest order
 * snapshots and positions, execution keys, the last sequence number, row counts, dead letters and the projection
 * mark. Plain JDBC, portable SQL; the caller owns the connection.
 */
public final class StoredRecords {

    /** Names of the record tables and the dead-letter table (docs/storage.md). */
    public static final List<String> TABLES = List.of("order_event", "fill", "position_change", "risk_rejection",
            "operator_action", "execution_metadata", "dead_letter");

    /** The name of the execution records' row in {@code projection_mark}. */
    public static final String PROJECTION = "execution_records";

    /** A record the database refused, as kept in {@code dead_letter}. */
    public record DeadLetter(long seq, long ord, long timeNanos, String recordType, String error, String content,
            String payload) {
    }

    private static final String OPEN_STATUSES = Arrays.stream(OrderStatus.values()).filter(OrderStatus::isOpen)
            .map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "));

    private StoredRecords() {
    }

    /** Every record of one type, in (seq, ord) order. */
    public static <R extends ExecutionRecord> List<R> all(Connection connection, Class<R> type) throws SQLException {
        RecordTable<R> table = RecordTables.forType(type);
        return list(connection, table, table.selectSql() + " ORDER BY seq, ord");
    }

    /** Every record of every type, in (seq, ord) order. */
    public static List<ExecutionRecord> all(Connection connection) throws SQLException {
        List<Keyed> keyed = new ArrayList<>();
        for (RecordTable<?> table : RecordTables.ALL) {
            try (Statement st = connection.createStatement();
                    ResultSet rs = st.executeQuery(table.selectSql())) {
                while (rs.next()) {
                    keyed.add(new Keyed(rs.getLong(1), rs.getLong(2), table.read(rs)));
                }
            }
        }
        keyed.sort(Comparator.comparingLong(Keyed::seq).thenComparingLong(Keyed::ord));
        return keyed.stream().map(Keyed::record).collect(Collectors.toList());
    }

    /** The latest snapshot of every order (open or not), by client order id (the order's handle). */
    public static List<OrderView> latestOrders(Connection connection) throws SQLException {
        return latest(connection, RecordTables.ORDER_EVENT, "client_order_id", "").stream().map(OrderRecord::order)
                .collect(Collectors.toList());
    }

    /** The latest snapshot of every order whose latest status is open (not terminal). */
    public static List<OrderView> openOrders(Connection connection) throws SQLException {
        return latest(connection, RecordTables.ORDER_EVENT, "client_order_id",
                " AND t.status IN (" + OPEN_STATUSES + ")").stream().map(OrderRecord::order)
                .collect(Collectors.toList());
    }

    /** The latest desk position of every instrument. */
    public static List<PositionView> latestPositions(Connection connection) throws SQLException {
        return latestPositions(connection, PositionView.Level.DESK);
    }

    /** The latest position at {@code level} of every instrument and the level's keys, sorted by instrument. */
    public static List<PositionView> latestPositions(Connection connection, PositionView.Level level)
            throws SQLException {
        RecordTable<PositionRecord> table = RecordTables.POSITION_CHANGE;
        String same = " AND n.position_level = t.position_level"
                + " AND COALESCE(n.account, '') = COALESCE(t.account, '')"
                + " AND COALESCE(n.strategy_id, '') = COALESCE(t.strategy_id, '')"
                + " AND COALESCE(n.venue, '') = COALESCE(t.venue, '')";
        String sql = table.selectSql().replace(" FROM " + table.name(), " FROM " + table.name() + " t")
                + " WHERE t.position_level = '" + level.name() + "' AND NOT EXISTS (SELECT 1 FROM " + table.name()
                + " n WHERE n.instrument = t.instrument" + same
                + " AND (n.seq > t.seq OR (n.seq = t.seq AND n.ord > t.ord)))"
                + " ORDER BY t.instrument, t.account, t.strategy_id, t.venue";
        return list(connection, table, sql).stream().map(PositionRecord::position).collect(Collectors.toList());
    }

    /**
     * "venue|execId" of every fill within {@code window} of the newest fill (relative to the data, so that a
     * restart after a long downtime still sees the last trading day), in (seq, ord) order.
     */
    public static Set<String> recentExecutionKeys(Connection connection, Duration window) throws SQLException {
        Set<String> keys = new LinkedHashSet<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT venue, exec_id FROM fill WHERE time_nanos >= "
                + "(SELECT MAX(time_nanos) FROM fill) - ? ORDER BY seq, ord")) {
            ps.setLong(1, window.toNanos());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1) + "|" + rs.getString(2));
                }
            }
        }
        return keys;
    }

    /** The fill of a venue and exec id, or null. */
    public static FillRecord fill(Connection connection, String venue, String execId) throws SQLException {
        RecordTable<FillRecord> table = RecordTables.FILL;
        try (PreparedStatement ps = connection.prepareStatement(table.selectSql()
                + " WHERE venue = ? AND exec_id = ?")) {
            ps.setString(1, venue);
            ps.setString(2, execId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? table.read(rs) : null;
            }
        }
    }

    /** The highest sequence number in any record table (and the dead letters); 0 when empty. */
    public static long lastSeq(Connection connection) throws SQLException {
        String union = TABLES.stream().map(t -> "SELECT MAX(seq) AS m FROM " + t)
                .collect(Collectors.joining(" UNION ALL "));
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT MAX(m) FROM (" + union + ") maxima")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /**
     * The projection mark: the journal seq up to which every event's records are in the tables (schema V2,
     * {@code projection_mark}); -1 when storage has not projected into this database yet.
     */
    public static long projectionMark(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT seq FROM projection_mark WHERE name = '" + PROJECTION + "'")) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    /** Rows per table, in {@link #TABLES} order. */
    public static Map<String, Long> rowCounts(Connection connection) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            try (Statement st = connection.createStatement();
                    ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
                rs.next();
                counts.put(table, rs.getLong(1));
            }
        }
        return counts;
    }

    /** The dead letters, in (seq, ord) order. */
    public static List<DeadLetter> deadLetters(Connection connection) throws SQLException {
        List<DeadLetter> letters = new ArrayList<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT seq, ord, time_nanos, record_type, error, content, payload "
                        + "FROM dead_letter ORDER BY seq, ord")) {
            while (rs.next()) {
                letters.add(new DeadLetter(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7)));
            }
        }
        return letters;
    }

    /**
     * The latest row (highest seq, then ord) per {@code keyColumn}: a row for which no later row of the same key
     * exists. Portable (no window functions or DISTINCT ON); served by the (key, seq, ord) indexes.
     */
    private static <R extends ExecutionRecord> List<R> latest(Connection connection, RecordTable<R> table,
            String keyColumn, String condition) throws SQLException {
        String sql = table.selectSql().replace(" FROM " + table.name(),
                " FROM " + table.name() + " t") + " WHERE NOT EXISTS (SELECT 1 FROM " + table.name() + " n WHERE n."
                + keyColumn + " = t." + keyColumn + " AND (n.seq > t.seq OR (n.seq = t.seq AND n.ord > t.ord)))"
                + condition + " ORDER BY t." + keyColumn;
        return list(connection, table, sql);
    }

    private static <R extends ExecutionRecord> List<R> list(Connection connection, RecordTable<R> table, String sql)
            throws SQLException {
        List<R> records = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                records.add(table.read(rs));
            }
        }
        return records;
    }

    private record Keyed(long seq, long ord, ExecutionRecord record) {
    }
}
