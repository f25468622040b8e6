package io.livestack.api.event;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the runtime tells the chain about itself, sequenced and journaled like any input.
 *
 * @param kind   what happened
 * @param detail for {@link Kind#MANIFEST}, what is in force: {@code bundle:<symbolic name>} → version and
 *               {@code config:<pid>:<key>} → value; for {@link Kind#DURABILITY}, how far the records are durable
 *               ({@link #JOURNAL_DURABLE}, {@link #DATABASE_WRITTEN}, {@link #JOURNAL_PROBLEM}); for the others,
 *               empty or a reason
 */
public record RuntimeEvent(long sourceTimeNanos, Kind kind, Map<String, String> detail) implements Event {

    /** What happened. */
    public enum Kind {
        /** Take a snapshot of every stage here (periodically, and at a clean stop). */
        SNAPSHOT,
        /** The runtime recovered from its journal: what follows is live again. */
        RECOVERED,
        /** The bundles and configurations in force: at session start and whenever one changes. */
        MANIFEST,
        /**
         * How far the records are durable, as seen while a session stop waits for them: once they are, or when the
         * wait times out. What the stop reports comes from here, so that a replay reports the same.
         */
        DURABILITY
    }

    /** {@link Kind#DURABILITY}: every record of the events up to this seq is on disk in the journal. */
    public static final String JOURNAL_DURABLE = "journalDurable";
    /**
     * {@link Kind#DURABILITY}: every record of the events up to this seq is written to the database by the storage
     * projection; absent when no storage projection is bound.
     */
    public static final String DATABASE_WRITTEN = "databaseWritten";
    /** {@link Kind#DURABILITY}: why the journal cannot be written or forced, when it cannot. */
    public static final String JOURNAL_PROBLEM = "journalProblem";

    public RuntimeEvent {
        Objects.requireNonNull(kind, "kind");
        detail = detail == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(detail));
    }
}
