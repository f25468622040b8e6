package io.livestack.runtime.internal.operator;

import io.livestack.api.event.RuntimeEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The last part of a session stop: once the venues are logged out, the stop waits until every record so far is
 * durable — on disk in the journal and, while a storage projection is bound, written to the database — polling on a
 * session timer, so the processing thread goes on with the venues' last answers meanwhile.
 * <p>
 * How far the journal and the database are is not an input of the chain, so the chain never reads it itself: a live
 * poll that finds every record durable, or finds the wait over ({@code session.stopFlushTimeoutMs}), sequences a
 * {@link RuntimeEvent.Kind#DURABILITY} event with what it saw, and the stop ends there — live and in a replay alike,
 * with the same records. A replayed poll sees nothing (the journaled event follows it). Processing thread only.
 */
final class StopFlush {

    /** How often the wait looks at the journal and the database. */
    static final long POLL_MILLIS = 10;

    /**
     * What a live poll sees: every record of the events up to {@code journalDurable} is on disk in the journal (0: none
     * known); {@code journalProblem} why the journal cannot be written or forced, or null; {@code databaseWritten} the
     * storage projection's mark, -1 while it does not know it, null without a storage projection.
     */
    record Seen(long journalDurable, String journalProblem, Long databaseWritten) {
    }

    /** How the wait ended: the stop as it was before the wait, whether every record is durable, and what to say. */
    record Outcome(SessionSnapshot.Flush stop, boolean durable, String text) {
    }

    private final long timeoutMs;
    /** The wait under way, or null. */
    private SessionSnapshot.Flush waiting;

    StopFlush(long timeoutMs) {
        this.timeoutMs = timeoutMs;
    }

    boolean waiting() {
        return waiting != null;
    }

    /** The stop is done but for the records: wait for them from event time {@code now}; the caller polls. */
    void begin(long now, String detail, boolean ok) {
        waiting = new SessionSnapshot.Flush(0, now + TimeUnit.MILLISECONDS.toNanos(timeoutMs), detail, ok);
    }

    /**
     * A poll (the event {@code seq} at {@code now}): the first one fixes what must be durable — every event before it,
     * the venues' logouts included; a live one returns the DURABILITY event to sequence when every record is durable
     * or the time is up, else null. {@code probe} (what the journal and the database say now) is null in a replay.
     */
    RuntimeEvent poll(long seq, long now, Seen probe) {
        if (waiting.target() == 0) {
            waiting = new SessionSnapshot.Flush(seq - 1, waiting.deadlineNanos(), waiting.detail(), waiting.ok());
        }
        if (probe == null) {
            return null;
        }
        long journal = probe.journalDurable();
        Long database = probe.databaseWritten();
        long target = waiting.target();
        boolean durable = journal >= target && (database == null || database >= target);
        if (!durable && now - waiting.deadlineNanos() < 0) {
            return null;
        }
        Map<String, String> detail = new HashMap<>();
        detail.put(RuntimeEvent.JOURNAL_DURABLE, Long.toString(journal));
        if (database != null) {
            detail.put(RuntimeEvent.DATABASE_WRITTEN, Long.toString(database));
        }
        String problem = probe.journalProblem();
        if (problem != null) {
            detail.put(RuntimeEvent.JOURNAL_PROBLEM, problem);
        }
        return new RuntimeEvent(now, RuntimeEvent.Kind.DURABILITY, detail);
    }

    /** The wait under way (for a snapshot), or null. */
    SessionSnapshot.Flush state() {
        return waiting;
    }

    /**
     * A DURABILITY event: the wait is over (null when none is under way: a second report of the same wait). Reports the
     * seq every record is durable to, or after the timeout how far the journal and the database got.
     */
    Outcome end(RuntimeEvent event) {
        if (waiting == null || waiting.target() == 0) {
            return null;
        }
        long target = waiting.target();
        long journal = number(event.detail().get(RuntimeEvent.JOURNAL_DURABLE));
        String written = event.detail().get(RuntimeEvent.DATABASE_WRITTEN);
        Long database = written == null ? null : number(written);
        String problem = event.detail().get(RuntimeEvent.JOURNAL_PROBLEM);
        SessionSnapshot.Flush stop = waiting;
        waiting = null;
        boolean journalDone = journal >= target;
        boolean databaseDone = database == null || database >= target;
        StringBuilder text = new StringBuilder();
        if (journalDone && databaseDone) {
            text.append("journal durable to seq ").append(target).append("; ");
            text.append(database == null ? "no storage projection bound, no database to wait for"
                    : "database written to seq " + target);
            return new Outcome(stop, true, text.toString());
        }
        text.append("after the flush timeout of ").append(timeoutMs).append(" ms: ");
        text.append(journalDone ? "records up to seq " + target + " durable in the journal"
                : "records durable in the journal only up to seq " + Math.max(0, journal) + ", " + (target - journal)
                        + " events short of seq " + target + (problem == null ? "" : " (" + problem + ")"));
        if (database == null) {
            text.append("; no storage projection bound");
        } else if (database < 0) {
            text.append("; the database has not reported its projection mark yet (records up to seq ")
                    .append(target).append(" not known to be written)");
        } else if (!databaseDone) {
            text.append("; the database is at seq ").append(database).append(" (").append(target - database)
                    .append(" events behind seq ").append(target).append(')');
        } else {
            text.append("; database written to seq ").append(target);
        }
        return new Outcome(stop, false, text.toString());
    }

    void restore(SessionSnapshot.Flush flush) {
        waiting = flush;
    }

    private static long number(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
