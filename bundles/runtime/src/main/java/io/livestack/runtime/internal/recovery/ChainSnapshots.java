package io.livestack.runtime.internal.recovery;

import io.livestack.api.risk.RiskSnapshot;
import io.livestack.api.runtime.ExecutionSnapshot;
import io.livestack.api.runtime.HostSnapshot;
import io.livestack.api.state.StateSnapshot;
import io.livestack.journal.SnapshotCodec;
import io.livestack.journal.SnapshotFiles;
import io.livestack.journal.SnapshotFiles.Section;
import io.livestack.journal.WireOut;
import io.livestack.runtime.internal.chain.Bindings;
import io.livestack.runtime.internal.chain.ChainAgent;
import io.livestack.runtime.internal.operator.OperatorCommands;
import io.livestack.runtime.internal.sequencer.SequencerRecovery;
import java.util.EnumMap;
import java.util.Map;

/**
 * The chain as one snapshot: the runtime's own section (sequencer, session, bindings) and each stage's, in the
 * journal's binary form. A stage that is not bound is represented by the last snapshot of it (carried while it is
 * away, {@link Bindings}), so that the one that comes back continues from there. Processing thread only, between
 * events.
 */
final class ChainSnapshots {

    private static final ExecutionSnapshot NO_EXECUTION = new ExecutionSnapshot(Map.of(), false, "", Map.of());

    private final ChainAgent agent;
    private final SequencerRecovery sequencer;
    private final OperatorCommands operator;
    private final WireOut out = new WireOut(1 << 16);

    ChainSnapshots(ChainAgent agent, SequencerRecovery sequencer, OperatorCommands operator) {
        this.agent = agent;
        this.sequencer = sequencer;
        this.operator = operator;
    }

    /** Every section now. */
    Map<Section, byte[]> capture() {
        Bindings bindings = agent.bindings();
        Map<Section, byte[]> sections = new EnumMap<>(Section.class);
        sections.put(Section.RUNTIME, RuntimeSection.encode(sequencer.state(), operator.sessionSnapshot(),
                bindings.state()));
        StateSnapshot state = agent.stages().state().snapshot();
        SnapshotCodec.write(out.reset(), state);
        sections.put(Section.STATE, out.toByteArray());
        ExecutionSnapshot execution = bindings.executionState();
        SnapshotCodec.write(out.reset(), execution != null ? execution : NO_EXECUTION);
        sections.put(Section.EXECUTION, out.toByteArray());
        RiskSnapshot risk = bindings.riskState();
        SnapshotCodec.write(out.reset(), risk != null ? risk : RiskSnapshot.EMPTY);
        sections.put(Section.RISK, out.toByteArray());
        HostSnapshot host = bindings.hostState();
        SnapshotCodec.write(out.reset(), host != null ? host : HostSnapshot.EMPTY);
        sections.put(Section.HOST, out.toByteArray());
        return sections;
    }

    /** The hash of the chain as it is now (the same as a snapshot taken now would record). */
    String hash() {
        return SnapshotFiles.hash(capture());
    }

    /** The hash of each section now: which stage differs when two chains' hashes do. */
    Map<Section, String> sectionHashes() {
        Map<Section, String> hashes = new EnumMap<>(Section.class);
        capture().forEach((section, bytes) -> hashes.put(section, SnapshotFiles.hash(Map.of(section, bytes))));
        return hashes;
    }

    /**
     * Puts a snapshot back into the runtime and the stages (a recovery): the bindings it had, with the stages of
     * those kinds bound now, each starting from its section.
     */
    void restore(SnapshotFiles.Snapshot snapshot) {
        RuntimeSection.Content runtime = RuntimeSection.decode(snapshot.section(Section.RUNTIME));
        sequencer.restore(runtime.sequencer());
        operator.restoreSession(runtime.session());
        agent.stages().state().restore(SnapshotCodec.readState(snapshot.section(Section.STATE)));
        agent.bindings().restore(runtime.bindings(), SnapshotCodec.readExecution(snapshot.section(Section.EXECUTION)),
                SnapshotCodec.readRisk(snapshot.section(Section.RISK)),
                SnapshotCodec.readHost(snapshot.section(Section.HOST)));
        agent.bindingsChanged();
    }

    /** Every stage empty again (a start afresh after a recovery that failed half-way). */
    void reset() {
        if (agent.stages().state() != null) {
            agent.stages().state().restore(StateSnapshot.empty());
        }
        agent.bindings().restore(new Bindings.State(0, 0, 0, Map.of(), Map.of()), NO_EXECUTION, RiskSnapshot.EMPTY,
                HostSnapshot.EMPTY);
        agent.bindingsChanged();
    }
}
