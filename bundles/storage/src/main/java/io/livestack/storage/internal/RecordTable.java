package io.livestack.storage.internal;

import io.livestack.api.model.Fixed;
import io.livestack.api.record.ExecutionRecord;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;

/**
 * One record type's table: its columns, how a record is bound to the insert and read back from a row. Every table
 * starts with the columns {@code seq, ord, time_nanos, event_time}; the SELECT lists the columns in the same order
 * as the INSERT, so that {@link #bind} and {@link #read} use the same positions.
 */
public abstract class RecordTable<R extends ExecutionRecord> {

    static final List<String> KEY_COLUMNS = List.of("seq", "ord", "time_nanos", "event_time");

    private final String name;
    private final Class<R> type;
    private final String insertSql;
    private final String selectSql;

    RecordTable(String name, Class<R> type, List<String> recordColumns) {
        this.name = name;
        this.type = type;
        List<String> columns = concat(KEY_COLUMNS, recordColumns);
        String list = String.join(", ", columns);
        this.insertSql = "INSERT INTO " + name + " (" + list + ") VALUES (" + "?, ".repeat(columns.size() - 1)
                + "?)";
        this.selectSql = "SELECT " + list + " FROM " + name;
    }

    public final String name() {
        return name;
    }

    public final Class<R> type() {
        return type;
    }

    final String insertSql() {
        return insertSql;
    }

    /** SELECT of every column, without WHERE / ORDER BY. */
    public final String selectSql() {
        return selectSql;
    }

    /** Binds the whole row (key columns first). */
    final void bind(PreparedStatement ps, Envelope envelope) throws SQLException {
        R record = type.cast(envelope.record());
        ps.setLong(1, envelope.seq());
        ps.setLong(2, envelope.ord());
        ps.setLong(3, record.timeNanos());
        ps.setObject(4, utc(record.timeNanos()));
        bindRecord(new Row(ps, 5), record);
    }

    /** Reads the record of the current row (the columns as in {@link #selectSql()}). */
    public final R read(ResultSet rs) throws SQLException {
        return readRecord(new Cols(rs, 5), rs.getLong(1), rs.getLong(3));
    }

    abstract void bindRecord(Row row, R record) throws SQLException;

    abstract R readRecord(Cols cols, long seq, long timeNanos) throws SQLException;

    /**
     * UTC date and time of an epoch-nanos instant, for the readable TIMESTAMP (without time zone) columns; bound
     * as a {@link LocalDateTime} (JDBC 4.2), so the JVM's default zone plays no part.
     */
    static LocalDateTime utc(long epochNanos) {
        Instant instant = Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L),
                Math.floorMod(epochNanos, 1_000_000_000L));
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    /** Sequential binder of one row's parameters. */
    static final class Row {
        private final PreparedStatement ps;
        private int index;

        Row(PreparedStatement ps, int first) {
            this.ps = ps;
            this.index = first;
        }

        Row string(String value) throws SQLException {
            if (value == null) {
                ps.setNull(index++, Types.VARCHAR);
            } else {
                ps.setString(index++, value);
            }
            return this;
        }

        Row id(Object id) throws SQLException {
            return string(id == null ? null : id.toString());
        }

        Row name(Enum<?> value) throws SQLException {
            return string(value == null ? null : value.name());
        }

        Row fixed(long value) throws SQLException {
            ps.setBigDecimal(index++, Fixed.toBigDecimal(value));
            return this;
        }

        Row nullableFixed(Long value) throws SQLException {
            if (value == null) {
                ps.setNull(index++, Types.NUMERIC);
                return this;
            }
            return fixed(value);
        }

        Row bigint(long value) throws SQLException {
            ps.setLong(index++, value);
            return this;
        }

        Row bool(boolean value) throws SQLException {
            ps.setBoolean(index++, value);
            return this;
        }
    }

    /** Sequential reader of one row's columns. */
    static final class Cols {
        private final ResultSet rs;
        private int index;

        Cols(ResultSet rs, int first) {
            this.rs = rs;
            this.index = first;
        }

        String string() throws SQLException {
            return rs.getString(index++);
        }

        <T> T id(Function<String, T> factory) throws SQLException {
            String value = string();
            return value == null ? null : factory.apply(value);
        }

        <E extends Enum<E>> E name(Class<E> type) throws SQLException {
            String value = string();
            return value == null ? null : Enum.valueOf(type, value);
        }

        long fixed() throws SQLException {
            BigDecimal value = rs.getBigDecimal(index++);
            return value == null ? 0 : Fixed.fromBigDecimal(value);
        }

        Long nullableFixed() throws SQLException {
            BigDecimal value = rs.getBigDecimal(index++);
            return value == null ? null : Fixed.fromBigDecimal(value);
        }

        long bigint() throws SQLException {
            return rs.getLong(index++);
        }

        boolean bool() throws SQLException {
            return rs.getBoolean(index++);
        }
    }
}
