package io.livestack.runtime.internal.recovery;

import io.livestack.api.risk.RiskSnapshot;
import io.livestack.api.runtime.ExecutionSnapshot;
import io.livestack.api.runtime.HostSnapshot;
import io.livestack.api.state.StateSnapshot;
import io.livestack.journal.SnapshotCodec;
import io.livestack.journal.SnapshotFiles;
import io.livestack.journal.SnapshotFiles.Section;
import io.livestack.journal.WireOut;
import io.livestack.runtime.internal.chain.ChainAgent;
import io.livestack.runtime.internal.chain.Stage;
import io.livestack.runtime.internal.chain.Stages;
import io.livestack.runtime.internal.operator.OperatorCommands;
import io.livestack.runtime.internal.sequencer.SequencerRecovery;
import java.util.EnumMap;
import java.util.Map;

/**
 * The chain as one snapshot: the runtime's own section (sequencer, session) and each stage's, in the journal's
 * binary form. A stage that is not bound is represented by the last snapshot of it (carried while it is away), so
 * that the one that comes back continues from there. Processing thread only, between events.
 */
final class ChainSnapshots {

    private final ChainAgent agent;
    private final SequencerRecovery sequencer;
    private final OperatorCommands operator;
    private final WireOut out = new WireOut(1 << 16);
    private ExecutionSnapshot carriedExecution = new ExecutionSnapshot(Map.of(), false, "", Map.of());
    private RiskSnapshot carriedRisk = RiskSnapshot.EMPTY;
    private HostSnapshot carriedHost = HostSnapshot.EMPTY;

    ChainSnapshots(ChainAgent agent, SequencerRecovery sequencer, OperatorCommands operator) {
        this.agent = agent;
        this.sequencer = sequencer;
        this.operator = operator;
    }

    /** Every section now. */
    Map<Section, byte[]> capture() {
        Stages s = agent.stages();
        Map<Section, byte[]> sections = new EnumMap<>(Section.class);
        sections.put(Section.RUNTIME, RuntimeSection.encode(sequencer.state(), operator.sessionSnapshot()));
        StateSnapshot state = s.state().snapshot();
        SnapshotCodec.write(out.reset(), state);
        sections.put(Section.STATE, out.toByteArray());
        if (s.present(Stage.EXECUTION)) {
            carriedExecution = s.execution().snapshot();
        }
        SnapshotCodec.write(out.reset(), carriedExecution);
        sections.put(Section.EXECUTION, out.toByteArray());
        if (s.present(Stage.RISK)) {
            carriedRisk = s.risk().snapshot();
        }
        SnapshotCodec.write(out.reset(), carriedRisk);
        sections.put(Section.RISK, out.toByteArray());
        if (s.present(Stage.STRATEGY_HOST)) {
            carriedHost = s.host().snapshot();
        }
        SnapshotCodec.write(out.reset(), carriedHost);
        sections.put(Section.HOST, out.toByteArray());
        return sections;
    }

    /** The hash of the chain as it is now (the same as a snapshot taken now would record). */
    String hash() {
        return SnapshotFiles.hash(capture());
    }

    /** Puts a snapshot back into the runtime and every bound stage (the others get it when they are bound). */
    void restore(SnapshotFiles.Snapshot snapshot) {
        RuntimeSection.Content runtime = RuntimeSection.decode(snapshot.section(Section.RUNTIME));
        sequencer.restore(runtime.sequencer());
        operator.restoreSession(runtime.session());
        Stages s = agent.stages();
        s.state().restore(SnapshotCodec.readState(snapshot.section(Section.STATE)));
        carriedExecution = SnapshotCodec.readExecution(snapshot.section(Section.EXECUTION));
        carriedRisk = SnapshotCodec.readRisk(snapshot.section(Section.RISK));
        carriedHost = SnapshotCodec.readHost(snapshot.section(Section.HOST));
        if (s.present(Stage.EXECUTION)) {
            s.execution().restore(carriedExecution);
        }
        if (s.present(Stage.RISK)) {
            s.risk().restore(carriedRisk);
        }
        if (s.present(Stage.STRATEGY_HOST)) {
            s.host().restore(carriedHost);
        }
    }

    /** Every bound stage empty again (a start afresh after a recovery that failed half-way). */
    void reset() {
        carriedExecution = new ExecutionSnapshot(Map.of(), false, "", Map.of());
        carriedRisk = RiskSnapshot.EMPTY;
        carriedHost = HostSnapshot.EMPTY;
        Stages s = agent.stages();
        if (s.state() != null) {
            s.state().restore(StateSnapshot.empty());
        }
        if (s.present(Stage.EXECUTION)) {
            s.execution().restore(carriedExecution);
        }
        if (s.present(Stage.RISK)) {
            s.risk().restore(carriedRisk);
        }
        if (s.present(Stage.STRATEGY_HOST)) {
            s.host().restore(carriedHost);
        }
    }
}
