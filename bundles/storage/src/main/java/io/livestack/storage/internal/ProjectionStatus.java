package io.livestack.storage.internal;

import io.livestack.api.record.RecordJournal;
import io.livestack.api.record.StorageStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the writer reports (it writes, any thread reads) and the {@link StorageStatus} made of it. The backlog is
 * what the journal holds beyond the mark: {@code journal.lastSeq() - mark}, events whose records (if they have any)
 * are not yet in the database.
 */
final class ProjectionStatus {

    final AtomicLong written = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong deadLettered = new AtomicLong();
    final AtomicLong lost = new AtomicLong();
    volatile long lastCommitNanos;
    volatile long lastRecordToDurableNanos;
    /** The writer's position: every event up to it has its records in the database (0 before it read the mark). */
    volatile long mark;
    volatile boolean markKnown;
    /** Why the database cannot be used, or null. */
    volatile String databaseError;
    /** Why the journal cannot be read, or null. */
    volatile String journalError;
    volatile String lastLoss;

    /** Events the journal holds beyond the mark; 0 without a journal. */
    long backlog(RecordJournal journal) {
        long last = journalLastSeq(journal);
        return last < 0 ? 0 : Math.max(0, last - mark);
    }

    StorageStatus status(boolean running, RecordJournal journal, String durabilityNote, String databaseProduct) {
        long journalLast = journalLastSeq(journal);
        long backlog = journalLast < 0 ? 0 : Math.max(0, journalLast - mark);
        long dead = deadLettered.get();
        long lostNow = lost.get();
        String markText = markKnown ? "mark at seq " + mark : "mark not read yet";
        StorageStatus.Health health;
        String detail;
        if (lostNow > 0) {
            health = StorageStatus.Health.FAILED;
            detail = lostNow + " record(s) LOST (neither written nor dead-lettered): " + lastLoss;
        } else if (!running) {
            health = StorageStatus.Health.DOWN;
            detail = "stopped (" + markText + ")";
        } else if (journalError != null) {
            health = StorageStatus.Health.DOWN;
            detail = "the journal cannot be read, " + markText + " (retrying): " + journalError;
        } else if (databaseError != null) {
            health = StorageStatus.Health.DOWN;
            detail = "database unavailable, " + backlog + " journaled event(s) not yet stored, " + markText
                    + " (retrying): " + databaseError;
        } else if (journal == null) {
            health = StorageStatus.Health.UP;
            detail = "idle: no RecordJournal service is registered, nothing to store (" + markText + ")";
        } else {
            List<String> notes = new ArrayList<>();
            if (markKnown && journalLast >= 0 && journalLast < mark) {
                notes.add("the journal ends at seq " + journalLast + ", before the " + markText
                        + ": events up to the mark are not stored again (a new journal? see docs/storage.md)");
            }
            if (dead > 0) {
                notes.add(dead + " record(s) in dead_letter");
            }
            if (!durabilityNote.isEmpty()) {
                notes.add(durabilityNote);
            }
            health = notes.isEmpty() ? StorageStatus.Health.UP : StorageStatus.Health.DEGRADED;
            if (notes.isEmpty()) {
                notes.add((databaseProduct.isEmpty() ? "projecting the journal" : "projecting the journal into "
                        + databaseProduct) + ", " + markText + " of " + Math.max(0, journalLast));
            }
            detail = String.join("; ", notes);
        }
        return new StorageStatus(health, backlog, 0, written.get(), duplicates.get(), dead, lostNow, lastCommitNanos,
                lastRecordToDurableNanos, detail);
    }

    /** The journal's last seq, -1 without a journal or when it cannot say (status never throws). */
    private static long journalLastSeq(RecordJournal journal) {
        if (journal == null) {
            return -1;
        }
        try {
            return journal.lastSeq();
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
