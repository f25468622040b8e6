package io.livestack.runtime.internal.sequencer;

import io.livestack.api.event.Sequenced;
import io.livestack.api.event.TimerEvent;

/**
 * What a recovery does to the sequencer (processing thread, before live events): its state in and out of snapshots,
 * and the journaled events replayed — the order continues after them, the timers they fired are no longer
 * pending, and the venues' inbound sequence numbers they carried are the last journaled. While the journal is replayed no timer fires.
 */
public final class SequencerRecovery {

    private final Numbering numbering;
    private final ClientOrderIds ids;
    private final TimerScheduler timers;
    private final InboundSequences inbound;
    private final java.util.function.Consumer<Boolean> replaying;

    SequencerRecovery(Numbering numbering, ClientOrderIds ids, TimerScheduler timers, InboundSequences inbound,
            java.util.function.Consumer<Boolean> replaying) {
        this.replaying = replaying;
        this.inbound = inbound;
        this.numbering = numbering;
        this.ids = ids;
        this.timers = timers;
    }

    /** Where the sequencer stands (between events): what a snapshot holds of it. */
    public SequencerState state() {
        return new SequencerState(numbering.lastSeq(), numbering.lastNow(), ids.tag(), ids.counter(),
                timers.runtimeTimers(), inbound.state());
    }

    /** Continues from a snapshot's state. */
    public void restore(SequencerState state) {
        numbering.restore(state.lastSeq(), state.lastIntakeNanos());
        ids.restore(state.clOrdIdTag(), state.clOrdIdCounter());
        timers.restore(state.runtimeTimers());
        inbound.restore(state.venueSeqs());
    }

    /**
     * A journaled event was replayed: the order continues after it, its intake time may begin the ClOrdIDs' session
     * tag, and a timer it fired is no longer pending.
     */
    public void replayed(Sequenced event) {
        numbering.restore(event.seq(), Math.max(numbering.lastNow(), event.intakeTimeNanos()));
        ids.take(event);
        inbound.journaled(event.event());
        if (event.event() instanceof TimerEvent timer) {
            timers.fired(timer.owner(), timer.token());
        }
    }

    /**
     * While a recovery replays the journal, what the chain would sequence next (a notice, a command to itself) is
     * not: it was sequenced when it happened, and is in the journal.
     */
    public void replaying(boolean on) {
        replaying.accept(on);
    }

    /** No timer fires until {@link #resume}. */
    public void hold() {
        timers.hold();
    }

    /** The recovery is done: the strategies' timers are dropped (their instances are gone), the rest fire again. */
    public void resume() {
        ids.markJournaled();
        timers.dropStrategyTimers();
        timers.release();
    }
}
