package io.livestack.runtime.internal.recovery;

import io.livestack.api.event.Sequenced;
import io.livestack.api.intent.Intent;
import io.livestack.api.record.ExecutionRecord;
import io.livestack.api.runtime.DecisionLog;
import io.livestack.journal.Frame;
import io.livestack.journal.JournalFormatException;
import io.livestack.journal.JournalReader;
import io.livestack.journal.SnapshotFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.livestack.runtime.internal.chain.ChainAgent;
import io.livestack.runtime.internal.sequencer.Sequencer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads a journal's frames and processes each journaled event again through the chain: its frames (input,
 * decisions, faults, records) are collected, and the event is replayed when the next one begins ({@link #flush} for
 * the last). Used by a recovery and by a verification, which also stops after {@code toSeq}, checks the state hash at
 * every snapshot the live session took, and has the journaled configuration of the PIDs it was given replaced
 * (what-if, {@link io.livestack.runtime.internal.chain.ChainJournal#whatIf}).
 */
final class JournalReplay implements JournalReader.Visitor {

    private final Sequencer sequencer;
    private final ChainAgent agent;
    private final long lastInputSeq;
    private final long toSeq;
    /** The hash of the chain now (only checked in a verification: null in a recovery). */
    private final Supplier<String> hash;
    private final Supplier<Map<SnapshotFiles.Section, String>> sections;

    private Sequenced input;
    private final Map<Integer, List<Intent>> intents = new HashMap<>();
    private final Map<Integer, String[]> faults = new HashMap<>();
    private List<ExecutionRecord> records;
    /** A verification's pace: 0, as fast as the stages go; else the recorded pace times this factor. */
    private double speed;
    private long firstIntake;
    private long startedNanos;
    long events;
    long firstSeq;
    long lastSeq;
    int snapshotsChecked;
    String firstHashMismatch;

    JournalReplay(Sequencer sequencer, ChainAgent agent, long lastInputSeq, long toSeq,
            Map<String, Map<String, String>> configs, Supplier<String> hash,
            Supplier<Map<SnapshotFiles.Section, String>> sections) {
        this.sequencer = sequencer;
        this.agent = agent;
        this.lastInputSeq = lastInputSeq;
        this.toSeq = toSeq;
        agent.journal().whatIf(configs);
        this.hash = hash;
        this.sections = sections;
    }

    /** Replays at the recorded pace times {@code factor} (0: as fast as the stages go). */
    void pace(double factor) {
        speed = factor;
    }

    @Override
    public boolean frame(Frame f) {
        if (f.seq() > toSeq) {
            return false;
        }
        switch (f.kind()) {
            case INPUT -> {
                flush();
                input = f.input();
            }
            case DECISION -> intents.computeIfAbsent(f.callback(), k -> new ArrayList<>()).add(f.decision());
            case FAULT -> faults.put(f.callback(), f.fault());
            case OUTCOME -> {
                if (records == null) {
                    records = new ArrayList<>();
                }
                records.addAll(f.records());
            }
            case SNAPSHOT_TAKEN -> {
                if (hash != null) {
                    flush(); // the snapshot was taken once its event was processed
                    String live = f.snapshotTaken()[0];
                    String now = hash.get();
                    snapshotsChecked++;
                    if (firstHashMismatch == null && !live.equals(now)) {
                        firstHashMismatch = "the state hash differs at the snapshot at seq " + f.seq() + " (live "
                                + live.substring(0, 16) + ", replay " + now.substring(0, 16) + differing(f) + ")";
                    }
                }
            }
            case GAP -> throw new JournalFormatException("the journal has a gap at seq " + f.seq() + ": a replay "
                    + "cannot cross it");
            default -> throw new JournalFormatException("unknown frame " + f);
        }
        return true;
    }

    /** Which sections differ, when the live snapshot's file is there to compare with (else nothing). */
    private String differing(Frame f) {
        if (sections == null) {
            return "";
        }
        try {
            Path file = f.segment().resolveSibling(f.snapshotTaken()[1]);
            if (!Files.isRegularFile(file)) {
                return "; its file " + file.getFileName() + " is not there to compare sections";
            }
            Map<SnapshotFiles.Section, String> now = sections.get();
            List<String> differ = new ArrayList<>();
            SnapshotFiles.read(file).sections().forEach((section, bytes) -> {
                if (!SnapshotFiles.hash(Map.of(section, bytes)).equals(now.get(section))) {
                    differ.add(section.name());
                }
            });
            return "; sections that differ: " + differ;
        } catch (IOException | RuntimeException e) {
            return "; its file cannot be read to compare sections: " + e.getMessage();
        }
    }

    /** Paced: waits until the event is as far from the first one as it was live, divided by the speed. */
    private void waitForItsTime(long intake) {
        if (events == 0) {
            firstIntake = intake;
            startedNanos = System.nanoTime();
            return;
        }
        long due = startedNanos + (long) ((intake - firstIntake) / speed);
        long left;
        while ((left = due - System.nanoTime()) > 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(left);
        }
    }

    /** Replays the event collected so far. */
    void flush() {
        if (input == null) {
            return;
        }
        Map<Integer, DecisionLog.Recorded> calls = new HashMap<>();
        for (Map.Entry<Integer, List<Intent>> e : intents.entrySet()) {
            String[] fault = faults.get(e.getKey());
            calls.put(e.getKey(), new DecisionLog.Recorded(e.getValue(), fault == null ? null : fault[1],
                    fault == null ? null : fault[2]));
        }
        for (Map.Entry<Integer, String[]> e : faults.entrySet()) {
            calls.putIfAbsent(e.getKey(), new DecisionLog.Recorded(List.of(), e.getValue()[1], e.getValue()[2]));
        }
        Sequenced event = input;
        if (speed > 0) {
            waitForItsTime(event.intakeTimeNanos());
        }
        sequencer.recovery().replayed(event);
        agent.journal().replay(event.seq(), calls, records, event.seq() == lastInputSeq);
        agent.replay(event);
        if (events++ == 0) {
            firstSeq = event.seq();
        }
        lastSeq = event.seq();
        input = null;
        intents.clear();
        faults.clear();
        records = null;
    }
}
