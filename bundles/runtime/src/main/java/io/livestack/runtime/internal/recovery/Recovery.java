package io.livestack.runtime.internal.recovery;

import io.livestack.api.event.BindingEvent;
import io.livestack.api.event.RuntimeEvent;
import io.livestack.journal.JournalFormatException;
import io.livestack.journal.JournalReader;
import io.livestack.journal.JournalScan;
import io.livestack.journal.JournalWriter;
import io.livestack.journal.SnapshotFiles;
import io.livestack.runtime.internal.JournalConfig;
import io.livestack.runtime.internal.VerifyConfig;
import io.livestack.runtime.internal.chain.ChainAgent;
import io.livestack.runtime.internal.chain.Stage;
import io.livestack.runtime.internal.chain.StageBinder;
import io.livestack.runtime.internal.chain.Startup;
import io.livestack.runtime.internal.operator.LiveRuntimeService;
import io.livestack.runtime.internal.sequencer.EventJournal;
import io.livestack.runtime.internal.sequencer.FileEventJournal;
import io.livestack.runtime.internal.sequencer.Sequencer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime's start: the journal is checked (a torn tail is cut off and reported), the latest snapshot is read, and
 * once the state, strategy host, risk and execution control are bound the snapshot is put back into them and every
 * event journaled after it is processed again — through the same stages, with the strategies' decisions taken from
 * the journal, nothing sent to a venue, no record delivered twice (the records each event produces are checked
 * against the journaled ones; the last event's, if they were never journaled, are appended now). Then a RECOVERED
 * event goes through the chain and live events are taken. Stepped on the processing thread ({@link Startup}); until
 * it is done no event is sequenced.
 * <p>
 * Fail closed: a journal or snapshot that cannot be read (damage in the middle, an unknown format version, a missing
 * segment, a gap in the seqs) stops the recovery with the reason; the runtime then takes no event at all — nothing
 * trades on a state that is not the one the journal says — until an operator starts afresh
 * ({@link #startFresh}), which keeps the old journal aside and engages the kill switch.
 */
public final class Recovery implements Startup {

    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    private enum Phase {
        OPEN, WAIT_FOR_STAGES, DONE, FAILED, VERIFIED
    }

    private final JournalConfig config;
    private final Sequencer sequencer;
    private final ChainAgent agent;
    private final ChainSnapshots snapshots;
    private final StageBinder binder;
    private final java.util.function.Supplier<List<String>> manifestDifferences;
    private volatile Phase phase = Phase.OPEN;
    private JournalScan scan;
    private SnapshotFiles.Snapshot snapshot;
    private volatile String status = "starting";
    private volatile String failure;
    private volatile String recoveredHash;
    private volatile java.util.Map<SnapshotFiles.Section, String> recoveredSections;
    private volatile boolean startFresh;
    private String startFreshUser;

    Recovery(JournalConfig config, Sequencer sequencer, ChainAgent agent, ChainSnapshots snapshots,
            StageBinder binder, java.util.function.Supplier<List<String>> manifestDifferences) {
        this.manifestDifferences = manifestDifferences;
        this.binder = binder;
        this.config = config;
        this.sequencer = sequencer;
        this.agent = agent;
        this.snapshots = snapshots;
    }

    /** What the recovery did or waits for, for status and health. */
    public String status() {
        return status;
    }

    /** Whether the state is recovered (or the journal was new): events flow, the venues' journaled numbers hold. */
    public boolean isDone() {
        return phase == Phase.DONE;
    }

    /** The hash of each section right after the replay (which stage differs from another chain), or null before. */
    public java.util.Map<SnapshotFiles.Section, String> recoveredSections() {
        return recoveredSections;
    }

    /** The hash of the chain right after the replay (before the RECOVERED event), or null before. */
    public String recoveredHash() {
        return recoveredHash;
    }

    /** Why the runtime takes no events, or null. */
    @Override
    public String failure() {
        return failure;
    }

    /**
     * After a failed recovery, an operator's decision to start with an empty state: the journal is moved aside (kept,
     * for the record and for a later investigation), a new one begins, and the kill switch is engaged so that nothing
     * trades until an operator resumes. Refused unless the recovery failed.
     */
    public synchronized String startFresh(String user) {
        if (failure == null) {
            throw new IllegalStateException("the recovery did not fail: " + status);
        }
        startFresh = true;
        startFreshUser = user;
        return "starting afresh: the journal in " + config.directory() + " is moved aside";
    }

    @Override
    public boolean step() {
        try {
            return switch (phase) {
                case OPEN -> open();
                case WAIT_FOR_STAGES -> replayWhenStagesAreBound();
                case DONE -> true;
                case FAILED -> startFreshIfAsked();
                case VERIFIED -> false;
            };
        } catch (JournalFormatException | IOException e) {
            return fail(e.getMessage() != null ? e.getMessage() : e.toString());
        } catch (RuntimeException e) {
            LOG.error("recovery failed", e);
            return fail(e.toString());
        }
    }

    private boolean open() throws IOException {
        if (config.verify().enabled()) {
            return openToVerify();
        }
        Path dir = config.directory();
        scan = JournalReader.scan(dir, true);
        List<Path> snapshotFiles = SnapshotFiles.list(dir);
        snapshot = snapshotFiles.isEmpty() ? null : SnapshotFiles.read(snapshotFiles.get(snapshotFiles.size() - 1));
        long from = snapshot == null ? 1 : snapshot.seq() + 1;
        if (scan.lastInputSeq() >= from && scan.firstSeq() > from) {
            return fail("the journal starts at seq " + scan.firstSeq() + " but the recovery needs it from seq " + from
                    + (snapshot == null ? " (no snapshot)" : " (after the snapshot " + snapshot.file().getFileName()
                    + ")") + ": its first segments are missing");
        }
        if (snapshot != null && snapshot.seq() > scan.lastInputSeq()) {
            return fail("the latest snapshot (" + snapshot.file().getFileName() + ") is after the journal's last "
                    + "input (seq " + scan.lastInputSeq() + "): the journal's end is missing");
        }
        if (scan.frames() > 0 && scan.firstSeq() > from) {
            return fail("the journal starts at seq " + scan.firstSeq() + " but " + (snapshot == null
                    ? "there is no snapshot" : "the latest snapshot is at seq " + snapshot.seq())
                    + ": the events between them are missing");
        }
        for (String gap : scan.gaps()) {
            long gapFrom = Long.parseLong(gap.substring(0, gap.indexOf('-')));
            if (gapFrom >= from) {
                return fail("the journal has a gap after the latest snapshot (inputs " + gap + "): a recovery cannot "
                        + "cross it");
            }
        }
        JournalWriter writer = JournalWriter.open(dir, config.segmentBytes(), config.syncIntervalMillis(), scan);
        sequencer.journal(new FileEventJournal(writer));
        if (scan.tornTail() != null) {
            LOG.warn("journal {}: a torn tail was cut off: {}", dir, scan.tornTail());
        }
        if (scan.lastInputSeq() == 0 && snapshot == null) {
            status = "new journal in " + dir;
            LOG.info("journal {}: new; appending, forced to disk every {} ms", dir, config.syncIntervalMillis());
            phase = Phase.DONE;
            return true;
        }
        phase = Phase.WAIT_FOR_STAGES;
        return replayWhenStagesAreBound();
    }

    private boolean replayWhenStagesAreBound() throws IOException {
        StringJoiner missing = new StringJoiner(", ");
        if (agent.stages().state() == null) {
            missing.add(Stage.STATE.label());
        }
        for (BindingEvent.Kind kind : new BindingEvent.Kind[] {BindingEvent.Kind.STRATEGY_HOST, BindingEvent.Kind.RISK,
            BindingEvent.Kind.EXECUTION}) {
            if (binder.current(kind, null) == null) {
                missing.add(kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            }
        }
        if (missing.length() > 0) {
            status = "recovering: waiting for " + missing;
            return false;
        }
        replay();
        if (config.verify().enabled()) {
            phase = Phase.VERIFIED;
            failure = LiveRuntimeService.VERIFY_MODE + ": this runtime replayed the journal in " + config.verify().source()
                    + " and takes no live event";
            return false;
        }
        phase = Phase.DONE;
        return true;
    }

    private void verify() throws IOException {
        long started = System.nanoTime();
        sequencer.recovery().hold();
        sequencer.recovery().replaying(true);
        VerifyConfig v = config.verify();
        agent.journal().callStrategies(v.strategies() == VerifyConfig.Strategies.CALL);
        JournalReplay replay = new JournalReplay(sequencer, agent, Math.min(scan.lastInputSeq(), v.toSeq()),
                v.toSeq(), v.configs(), snapshots::hash, snapshots::sectionHashes);
        replay.pace(v.speed());
        try {
            if (snapshot != null) {
                snapshots.restore(snapshot);
            }
            JournalReader.read(v.source(), snapshot == null ? 1 : snapshot.seq() + 1, replay);
            replay.flush();
        } finally {
            sequencer.recovery().replaying(false);
        }
        status = VerifyReport.of(replay, agent.journal(), v, snapshot, snapshots.hash(),
                (System.nanoTime() - started) / 1_000_000, manifestDifferences.get());
        LOG.info("verify: {}", status);
        VerifyReport.write(v.report(), status);
        recoveredHash = snapshots.hash();
    }

    /**
     * A verification: the recorded journal is only read (nothing cut, nothing appended), from its start, or with
     * {@code verify.from} from the recorded session's latest snapshot before that seq.
     */
    private boolean openToVerify() throws IOException {
        Path source = config.verify().source();
        long from = config.verify().fromSeq();
        scan = JournalReader.scan(source, false);
        snapshot = null;
        if (from > 1) {
            List<Path> files = SnapshotFiles.list(source); // oldest first; the name says the seq
            for (int i = files.size() - 1; i >= 0 && snapshot == null; i--) {
                if (SnapshotFiles.seqOf(files.get(i)) < from) {
                    snapshot = SnapshotFiles.read(files.get(i));
                }
            }
        }
        long start = snapshot == null ? 1 : snapshot.seq() + 1;
        if (scan.firstSeq() > start) {
            return fail("the journal in " + source + " starts at seq " + scan.firstSeq() + " (its first segments were "
                    + "removed): a verification " + (snapshot == null ? "from its start" : "from the snapshot at seq "
                    + snapshot.seq()) + " needs it from seq " + start);
        }
        status = "verifying " + source + ": waiting for the stages";
        LOG.info("verify mode: the journal in {} (seq {}..{}) is replayed once the stages are bound; this runtime "
                + "takes no live event", source, scan.firstSeq(), scan.lastInputSeq());
        phase = Phase.WAIT_FOR_STAGES;
        return replayWhenStagesAreBound();
    }

    private void replay() throws IOException {
        if (config.verify().enabled()) {
            verify();
            return;
        }
        long started = System.nanoTime();
        sequencer.recovery().hold();
        sequencer.recovery().replaying(true);
        try {
            if (snapshot != null) {
                snapshots.restore(snapshot);
            }
            long from = snapshot == null ? 1 : snapshot.seq() + 1;
            JournalReplay replay = new JournalReplay(sequencer, agent, scan.lastInputSeq(), Long.MAX_VALUE, Map.of(),
                    null, null);
            JournalReader.read(config.directory(), from, replay);
            replay.flush();
            String hash = snapshots.hash();
            recoveredSections = snapshots.sectionHashes();
            sequencer.recovery().resume();
            long ms = (System.nanoTime() - started) / 1_000_000;
            String divergence = agent.journal().firstDivergence();
            status = "recovered " + replay.events + " events after " + (snapshot == null ? "the journal's start"
                    : "the snapshot at seq " + snapshot.seq()) + " in " + ms + " ms; last seq " + scan.lastInputSeq()
                    + ", state hash " + hash.substring(0, 16)
                    + (scan.tornTail() == null ? "" : "; torn tail cut off: " + scan.tornTail())
                    + (divergence == null ? "" : "; " + agent.journal().divergences()
                            + " events produced other records than journaled, first " + divergence);
            if (divergence != null) {
                LOG.warn("recovery: {} events produced other records than journaled; first {}",
                        agent.journal().divergences(), divergence);
            }
            LOG.info("journal {}: {}", config.directory(), status);
            recoveredHash = hash; // last: whoever waits for it finds the status set
        } finally {
            sequencer.recovery().replaying(false);
        }
        sequencer.sequenceNext(new RuntimeEvent(sequencer.clock().nanos(), RuntimeEvent.Kind.RECOVERED,
                Map.of("events", Long.toString(scan.lastInputSeq()))));
    }

    private boolean fail(String why) {
        phase = Phase.FAILED;
        failure = why;
        status = "FAILED: " + why;
        LOG.error("recovery from the journal in {} failed: {} -- the runtime takes no events (nothing trades) "
                + "until the journal is repaired and the runtime restarted, or an operator starts afresh", 
                config.directory(), why);
        return false;
    }

    private boolean startFreshIfAsked() throws IOException {
        if (!startFresh) {
            return false;
        }
        EventJournal open = sequencer.journal();
        sequencer.journal(EventJournal.OFF);
        open.close();
        snapshots.reset();
        Path aside = JournalArchive.moveAside(config.directory());
        LOG.warn("{} started afresh after a failed recovery ({}); the old journal is in {}", startFreshUser, failure,
                aside);
        String why = "started afresh by " + startFreshUser + " after a failed recovery (" + failure
                + "); the old journal is in " + aside;
        failure = null;
        startFresh = false;
        phase = Phase.OPEN;
        boolean done = open();
        sequencer.sequenceNext(new io.livestack.api.event.OperatorCommand(sequencer.clock().nanos(), startFreshUser,
                new io.livestack.api.event.Command.Kill(why)));
        return done;
    }
}
