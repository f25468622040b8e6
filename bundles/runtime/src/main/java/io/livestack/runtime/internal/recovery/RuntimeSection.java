package io.livestack.runtime.internal.recovery;

import io.livestack.api.event.TimerOwner;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.SessionState;
import io.livestack.journal.WireIn;
import io.livestack.journal.WireOut;
import io.livestack.runtime.internal.operator.SessionSnapshot;
import io.livestack.runtime.internal.sequencer.PendingTimer;
import io.livestack.runtime.internal.sequencer.SequencerState;
import java.util.ArrayList;
import java.util.List;

/**
 * The runtime's own section of a snapshot: the sequencer's state (order, ClOrdIDs, its own timers) and the session
 * controller's. Layout: seq, intake time, ClOrdID tag, counter, timer count and each (time, owner kind, owner id,
 * token); session state, armed token, tokens, auto-start issued, the orders awaited, who started, who stopped.
 */
final class RuntimeSection {

    private static final SessionState[] SESSION_STATES = SessionState.values();
    private static final TimerOwner.Kind[] TIMER_KINDS = TimerOwner.Kind.values();

    record Content(SequencerState sequencer, SessionSnapshot session) {
    }

    private RuntimeSection() {
    }

    static byte[] encode(SequencerState sequencer, SessionSnapshot session) {
        WireOut out = new WireOut(256);
        out.i64(sequencer.lastSeq());
        out.i64(sequencer.lastIntakeNanos());
        out.string(sequencer.clOrdIdTag());
        out.i64(sequencer.clOrdIdCounter());
        out.i32(sequencer.runtimeTimers().size());
        for (PendingTimer t : sequencer.runtimeTimers()) {
            out.i64(t.atNanos());
            out.enumValue(t.owner().kind());
            out.string(t.owner().id());
            out.i64(t.token());
        }
        out.enumValue(session.state());
        out.i64(session.armedToken());
        out.i64(session.tokens());
        out.bool(session.autoStartIssued());
        out.i32(session.awaitingCancel().size());
        for (ClientOrderId id : session.awaitingCancel()) {
            out.id(id);
        }
        out.string(session.startedBy());
        out.string(session.stoppedBy());
        return out.toByteArray();
    }

    static Content decode(WireIn in) {
        long seq = in.i64();
        long time = in.i64();
        String tag = in.string();
        long counter = in.i64();
        int n = in.i32();
        List<PendingTimer> timers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            timers.add(new PendingTimer(in.i64(), new TimerOwner(in.enumValue(TIMER_KINDS),
                    in.requiredString("timer owner")), in.i64()));
        }
        SessionState state = in.enumValue(SESSION_STATES);
        long armed = in.i64();
        long tokens = in.i64();
        boolean autoStart = in.bool();
        n = in.i32();
        List<ClientOrderId> awaiting = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            awaiting.add(in.id(ClientOrderId::new));
        }
        return new Content(new SequencerState(seq, time, tag, counter, timers),
                new SessionSnapshot(state, armed, tokens, autoStart, awaiting, in.string(), in.string()));
    }
}
