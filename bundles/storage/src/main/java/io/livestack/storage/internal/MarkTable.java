package io.livestack.storage.internal;

import io.livestack.storage.query.StoredRecords;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The row of {@code projection_mark} (schema V2) of one projection, on the writer's connection (not auto-commit): the
 * seq up to which the journal's events are in the record tables. Moved in the same transaction as the rows it
 * covers, and only from where this writer last saw it, so rows and mark always agree.
 */
final class MarkTable {

    /** The row of the execution-record projection. */
    static final String RECORDS = StoredRecords.PROJECTION;

    private final String name;
    private final Connection connection;
    private final PreparedStatement select;
    private final PreparedStatement insert;
    private final PreparedStatement update;

    MarkTable(Connection connection, String name) throws SQLException {
        this.name = name;
        this.connection = connection;
        this.select = connection.prepareStatement("SELECT seq FROM projection_mark WHERE name = ?");
        this.insert = connection.prepareStatement("INSERT INTO projection_mark (name, seq) VALUES (?, 0)");
        this.update = connection.prepareStatement("UPDATE projection_mark SET seq = ? WHERE name = ? AND seq = ?");
    }

    String name() {
        return name;
    }

    /**
     * The mark, in a transaction of its own; a database without one (new, or written before V2) gets the row at 0:
     * the whole journal is read, and records already there are recognised by their keys.
     */
    long load() throws SQLException {
        try {
            long seq = find();
            if (seq < 0) {
                insert.setString(1, name);
                insert.executeUpdate();
                seq = 0;
            }
            connection.commit();
            return seq;
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        }
    }

    /** In the caller's transaction: the mark moves from {@code expected} to {@code seq}, or nothing changes. */
    void advance(long expected, long seq) throws SQLException, MarkMovedException {
        update.setLong(1, seq);
        update.setString(2, name);
        update.setLong(3, expected);
        if (update.executeUpdate() != 1) {
            throw new MarkMovedException(name, expected, find());
        }
    }

    /** In the caller's transaction: {@link MarkMovedException} unless the mark is at {@code expected}. */
    void check(long expected) throws SQLException, MarkMovedException {
        long found = find();
        if (found != expected) {
            throw new MarkMovedException(name, expected, found);
        }
    }

    private long find() throws SQLException {
        select.setString(1, name);
        try (ResultSet rs = select.executeQuery()) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }
}
