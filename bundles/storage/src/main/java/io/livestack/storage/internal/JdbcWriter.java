package io.livestack.storage.internal;

import io.livestack.api.record.ExecutionRecord;
import io.livestack.api.record.FillRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes records through one JDBC connection (writer thread only): a batch and the projection mark it reaches in one
 * transaction ({@link #write}), then the durability statement ({@link #sync}); or record by record, to isolate a
 * record the database refuses (it goes to {@code dead_letter}) and to recognise records already written (a replay),
 * the mark moving after them ({@link #advanceMark}).
 * <p>
 * Errors are classified by SQLState ({@link SqlErrors}): class 22 (data exception, e.g. a value too long) and 23
 * (integrity constraint) mean "this content"; anything else means "the database" (connection lost, disk full, ...):
 * the batch is kept and retried later, never dead-lettered.
 */
final class JdbcWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcWriter.class);

    static final int MAX_ERROR = 4000;
    static final int MAX_CONTENT = 1_000_000;

    enum Outcome {
        WRITTEN, DUPLICATE, DEAD_LETTERED, LOST
    }

    private final SchemaMigrator migrator;
    private final Durability durability;

    private volatile DataSource dataSource;
    private volatile Connection connection;
    private final PreparedStatement[] inserts = new PreparedStatement[RecordTables.ALL.size()];
    private PreparedStatement deadLetterInsert;
    private MarkTable mark;
    private Statement syncStatement;
    private String syncSql;
    private volatile String durabilityNote = "";
    private volatile String databaseProduct = "";

    JdbcWriter(SchemaMigrator migrator, Durability durability) {
        this.migrator = migrator;
        this.durability = durability;
    }

    boolean isOpenOn(DataSource ds) {
        return connection != null && dataSource == ds;
    }

    boolean isOpen() {
        return connection != null;
    }

    /** What the commits guarantee on this database, when weaker than configured ("" when as configured). */
    String durabilityNote() {
        return durabilityNote;
    }

    String databaseProduct() {
        return databaseProduct;
    }

    /** Connects (closing a connection to another DataSource), migrates the schema, prepares the statements. */
    void open(DataSource ds) throws StorageUnavailableException {
        close();
        Objects.requireNonNull(ds, "dataSource");
        try {
            connection = ds.getConnection();
            dataSource = ds;
            connection.setAutoCommit(false);
            migrator.ensureMigrated(ds, connection);
            databaseProduct = connection.getMetaData().getDatabaseProductName();
            for (int i = 0; i < inserts.length; i++) {
                inserts[i] = connection.prepareStatement(RecordTables.ALL.get(i).insertSql());
            }
            deadLetterInsert = connection.prepareStatement("INSERT INTO dead_letter (seq, ord, time_nanos, "
                    + "record_type, failed_at, error, content, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
            syncStatement = connection.createStatement();
            mark = new MarkTable(connection, MarkTable.RECORDS);
            syncSql = durability.statementFor(databaseProduct);
            durabilityNote = "";
            if (syncSql != null) {
                try {
                    syncStatement.execute(syncSql);
                } catch (SQLException e) {
                    durabilityNote = "'" + syncSql + "' is refused (" + e.getMessage() + "): commits are not "
                            + "forced to disk; give the database user admin rights";
                    LOG.error("Storage durability is weaker than configured ({}): {}", durability, durabilityNote);
                    syncSql = null;
                }
            }
            LOG.info("Storage connected to {} {} (schema version {}), durability {}", databaseProduct,
                    connection.getMetaData().getDatabaseProductVersion(), migrator.latestVersion(),
                    syncSql == null ? durability + " (commit)" : durability + " (" + syncSql + " after each commit)");
        } catch (SQLException | RuntimeException e) {
            close();
            throw new StorageUnavailableException("cannot open the database: " + SqlErrors.describe(e), e);
        }
    }

    /** The projection mark in the database (a new database gets one at 0). */
    long loadMark() throws StorageUnavailableException {
        try {
            return mark.load();
        } catch (SQLException e) {
            throw unavailable("reading " + MarkTable.RECORDS + " in projection_mark failed", e);
        }
    }

    /**
     * Writes the records and moves the mark from {@code fromMark} to {@code toMark}, in one transaction (not yet
     * durable: call {@link #sync()}). The mark is moved first: a batch committed before (e.g. when the connection
     * broke during the commit) is found out before any row is inserted again.
     */
    void write(List<Envelope> items, long fromMark, long toMark)
            throws RecordRejectedException, StorageUnavailableException, MarkMovedException {
        boolean[] used = new boolean[inserts.length];
        try {
            mark.advance(fromMark, toMark);
            for (Envelope e : items) {
                int i = RecordTables.index(e.record());
                RecordTables.ALL.get(i).bind(inserts[i], e);
                inserts[i].addBatch();
                used[i] = true;
            }
            for (int i = 0; i < inserts.length; i++) {
                if (used[i]) {
                    inserts[i].executeBatch();
                }
            }
            connection.commit();
        } catch (MarkMovedException e) {
            rollbackQuietly();
            throw e;
        } catch (SQLException e) {
            clearBatches(used);
            rollbackQuietly();
            if (SqlErrors.isContentProblem(e)) {
                throw new RecordRejectedException(SqlErrors.describe(e), e);
            }
            throw unavailable("batch write failed", e);
        } catch (RuntimeException e) {
            clearBatches(used);
            rollbackQuietly();
            throw new RecordRejectedException(e.toString(), e);
        }
    }

    /** Before isolating a batch record by record: {@link MarkMovedException} unless the mark is at {@code expected}. */
    void checkMark(long expected) throws StorageUnavailableException, MarkMovedException {
        try {
            mark.check(expected);
            connection.rollback(); // end the read transaction
        } catch (SQLException e) {
            throw unavailable("reading projection_mark failed", e);
        }
    }

    /** Moves the mark in a transaction of its own (after a batch was isolated record by record). */
    void advanceMark(long fromMark, long toMark) throws StorageUnavailableException, MarkMovedException {
        try {
            mark.advance(fromMark, toMark);
            connection.commit();
        } catch (MarkMovedException e) {
            rollbackQuietly();
            throw e;
        } catch (SQLException e) {
            rollbackQuietly();
            throw unavailable("moving projection_mark to seq " + toMark + " failed", e);
        }
    }

    /**
     * Writes one record in its own transaction (not yet synced: call {@link #sync()} after the last). A record
     * already there with the same content is a DUPLICATE; a record the database refuses goes to the dead letters.
     */
    Outcome writeOne(Envelope envelope) throws StorageUnavailableException {
        RecordTable<?> table = RecordTables.of(envelope.record());
        try {
            PreparedStatement ps = inserts[RecordTables.index(envelope.record())];
            table.bind(ps, envelope);
            ps.executeUpdate();
            connection.commit();
            return Outcome.WRITTEN;
        } catch (SQLException e) {
            rollbackQuietly();
            if (SqlErrors.isUniqueViolation(e)) {
                return resolveDuplicate(envelope, table, e);
            }
            if (SqlErrors.isContentProblem(e)) {
                return deadLetter(envelope, SqlErrors.describe(e));
            }
            throw unavailable("write of record " + envelope.key() + " failed", e);
        } catch (RuntimeException e) {
            rollbackQuietly();
            return deadLetter(envelope, e.toString());
        }
    }

    private Outcome resolveDuplicate(Envelope envelope, RecordTable<?> table, SQLException cause)
            throws StorageUnavailableException {
        ExecutionRecord stored;
        try {
            stored = find(table, envelope.seq(), envelope.ord());
            if (stored == null && envelope.record() instanceof FillRecord fill) {
                FillRecord first = findFill(fill);
                if (first != null) {
                    if (first.seq() != fill.seq()) {
                        LOG.warn("Fill {}|{} recorded again (seq {}), first recorded at seq {}: the first is kept",
                                fill.venue(), fill.execId(), fill.seq(), first.seq());
                    }
                    return Outcome.DUPLICATE;
                }
            }
        } catch (SQLException e) {
            throw unavailable("duplicate check of record " + envelope.key() + " failed", e);
        }
        if (stored == null) {
            return deadLetter(envelope, SqlErrors.describe(cause));
        }
        if (stored.equals(envelope.record())) {
            return Outcome.DUPLICATE;
        }
        return deadLetter(envelope, "key " + envelope.key() + " already holds a different record in "
                + table.name() + ": " + RecordText.render(stored));
    }

    private Outcome deadLetter(Envelope envelope, String error) throws StorageUnavailableException {
        String type = envelope.record().getClass().getSimpleName();
        try {
            deadLetterInsert.setLong(1, envelope.seq());
            deadLetterInsert.setLong(2, envelope.ord());
            deadLetterInsert.setLong(3, envelope.record().timeNanos());
            deadLetterInsert.setString(4, type);
            deadLetterInsert.setObject(5, RecordTable.utc(Instant.now().toEpochMilli() * 1_000_000L));
            deadLetterInsert.setString(6, truncate(error, MAX_ERROR));
            deadLetterInsert.setString(7, truncate(RecordText.render(envelope.record()), MAX_CONTENT));
            String payload = Base64.getEncoder().encodeToString(RecordCodec.encode(envelope));
            deadLetterInsert.setString(8, payload.length() <= MAX_CONTENT ? payload
                    : "(payload of " + payload.length() + " base64 characters does not fit)");
            deadLetterInsert.executeUpdate();
            connection.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            if (SqlErrors.isUniqueViolation(e)) {
                return Outcome.DEAD_LETTERED; // dead-lettered before (a replay)
            }
            if (SqlErrors.isContentProblem(e)) {
                LOG.error("Execution record {} {} could not be written ({}) nor dead-lettered ({}): it is LOST: {}",
                        envelope.key(), type, error, SqlErrors.describe(e), RecordText.render(envelope.record()));
                return Outcome.LOST;
            }
            throw unavailable("dead-letter write of record " + envelope.key() + " failed", e);
        }
        LOG.error("Execution record {} {} could not be written and is kept in dead_letter: {}", envelope.key(), type,
                error);
        return Outcome.DEAD_LETTERED;
    }

    /** Makes what was committed durable (the configured durability statement, if any). */
    void sync() throws StorageUnavailableException {
        if (syncSql == null) {
            return;
        }
        try {
            syncStatement.execute(syncSql);
        } catch (SQLException e) {
            throw unavailable(syncSql + " failed", e);
        }
    }

    private ExecutionRecord find(RecordTable<?> table, long seq, long ord) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(table.selectSql() + " WHERE seq = ? AND ord = ?")) {
            ps.setLong(1, seq);
            ps.setLong(2, ord);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? table.read(rs) : null;
            }
        } finally {
            connection.rollback(); // end the read transaction
        }
    }

    private FillRecord findFill(FillRecord fill) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                RecordTables.FILL.selectSql() + " WHERE venue = ? AND exec_id = ?")) {
            ps.setString(1, fill.venue().value());
            ps.setString(2, fill.execId().value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? RecordTables.FILL.read(rs) : null;
            }
        } finally {
            connection.rollback();
        }
    }

    private StorageUnavailableException unavailable(String what, Exception e) {
        close();
        return new StorageUnavailableException(what + ": " + SqlErrors.describe(e), e);
    }

    private void clearBatches(boolean[] used) {
        for (int i = 0; i < inserts.length; i++) {
            if (used[i]) {
                try {
                    inserts[i].clearBatch();
                } catch (SQLException ignored) {
                    // the statement is closed with the connection if it is broken
                }
            }
        }
    }

    private void rollbackQuietly() {
        try {
            if (connection != null) {
                connection.rollback();
            }
        } catch (SQLException ignored) {
            // a broken connection: reopened on the next attempt
        }
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close(); // closes its statements
            } catch (SQLException e) {
                LOG.debug("Closing the storage connection failed", e);
            }
        }
        connection = null;
        dataSource = null;
        Arrays.fill(inserts, null);
        deadLetterInsert = null;
        syncStatement = null;
        mark = null;
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 20) + "... (truncated)";
    }
}
