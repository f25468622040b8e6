package io.livestack.runtime.internal.recovery;

import io.livestack.api.event.BindingEvent;
import io.livestack.api.event.TimerOwner;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.SessionState;
import io.livestack.api.model.VenueId;
import io.livestack.journal.EventCodec;
import io.livestack.journal.WireIn;
import io.livestack.journal.WireOut;
import io.livestack.runtime.internal.chain.Bindings;
import io.livestack.runtime.internal.operator.SessionSnapshot;
import io.livestack.runtime.internal.sequencer.PendingTimer;
import io.livestack.runtime.internal.sequencer.SequencerState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The runtime's own section of a snapshot: the sequencer's state (order, ClOrdIDs, its own timers) and the session
 * controller's. Layout: seq, intake time, ClOrdID tag, counter, timer count and each (time, owner kind, owner id,
 * token), venue inbound numbers count and each (venue, last journaled MsgSeqNum); session state, armed token, tokens, auto-start issued, the orders awaited, who started, who stopped; the
 * generations of the bound strategy host, risk stage and execution control (0: none), the venues' bindings, the
 * pluggable risk checks' bindings (count and each); whether a stop waits for its records to be durable and, if so, its
 * target seq, deadline, detail and outcome so far (absent in snapshots of earlier versions).
 */
final class RuntimeSection {

    private static final SessionState[] SESSION_STATES = SessionState.values();
    private static final TimerOwner.Kind[] TIMER_KINDS = TimerOwner.Kind.values();

    record Content(SequencerState sequencer, SessionSnapshot session, Bindings.State bindings) {
    }

    private RuntimeSection() {
    }

    static byte[] encode(SequencerState sequencer, SessionSnapshot session, Bindings.State bindings) {
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
        out.i32(sequencer.venueSeqs().size());
        for (Map.Entry<VenueId, Long> e : sequencer.venueSeqs().entrySet()) {
            out.id(e.getKey());
            out.i64(e.getValue());
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
        out.i64(bindings.host());
        out.i64(bindings.risk());
        out.i64(bindings.execution());
        out.i32(bindings.venues().size());
        for (BindingEvent venue : bindings.venues().values()) {
            EventCodec.write(out, venue);
        }
        out.i32(bindings.riskChecks().size());
        for (BindingEvent check : bindings.riskChecks().values()) {
            EventCodec.write(out, check);
        }
        SessionSnapshot.Flush flush = session.flush();
        out.bool(flush != null);
        if (flush != null) {
            out.i64(flush.target());
            out.i64(flush.deadlineNanos());
            out.string(flush.detail());
            out.bool(flush.ok());
        }
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
        n = in.i32();
        Map<VenueId, Long> venueSeqs = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            venueSeqs.put(in.id(VenueId::new), in.i64());
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
        String startedBy = in.string();
        String stoppedBy = in.string();
        long host = in.i64();
        long risk = in.i64();
        long execution = in.i64();
        n = in.i32();
        Map<VenueId, BindingEvent> venues = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            BindingEvent venue = (BindingEvent) EventCodec.read(in);
            venues.put(new VenueId(venue.id()), venue);
        }
        n = in.i32();
        Map<String, BindingEvent> checks = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            BindingEvent check = (BindingEvent) EventCodec.read(in);
            checks.put(check.id(), check);
        }
        // a snapshot of a version without the stop's wait for durable records ends here
        SessionSnapshot.Flush flush = in.remaining() > 0 && in.bool()
                ? new SessionSnapshot.Flush(in.i64(), in.i64(), in.string(), in.bool()) : null;
        SessionSnapshot session = new SessionSnapshot(state, armed, tokens, autoStart, awaiting, startedBy, stoppedBy,
                flush);
        return new Content(new SequencerState(seq, time, tag, counter, timers, venueSeqs), session,
                new Bindings.State(host, risk, execution, venues, checks));
    }
}
