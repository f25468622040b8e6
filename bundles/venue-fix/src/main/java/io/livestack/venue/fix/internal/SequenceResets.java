package io.livestack.venue.fix.internal;

import io.livestack.api.model.VenueId;
import java.io.IOException;
import java.time.Clock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import quickfix.FieldNotFound;
import quickfix.Message;
import quickfix.MessageStoreFactory;
import quickfix.field.MsgSeqNum;
import quickfix.field.ResetSeqNumFlag;
import org.slf4j.LoggerFactory;

/**
 * Tells the sequence resets of one FIX session apart and records each: a log line, the counter
 * {@code livestack.venue.sequence.resets{venue,expected}}, a note for the next session event detail and
 * {@code describe()}, and where the journal's mark stood ({@link InboundEpoch}).
 * <p>
 * QuickFIX/J resets through the session's store ({@link #observing}) and says nothing of the cause; the cause shows in
 * the Logon that follows:
 * <ul>
 * <li>our own reset, before our Logon goes out (a new period of the schedule, ResetOnLogon): expected;</li>
 * <li>the venue's Logon answer with ResetSeqNumFlag=Y to our Logon with 141=Y: expected (we asked);</li>
 * <li>the venue's Logon with 141=Y that we did not ask for, answering the first Logon of a session (our numbers at 1
 * both ways, so nothing is lost) under a reset policy other than never: expected, the venue's new session;</li>
 * <li>any other venue reset — a Logon with 141=Y in the middle of a session or after a session we had numbers in, a
 * SequenceReset lowering the numbers (QuickFIX/J refuses it with a Reject): <b>unexpected</b>, an alert (ERROR).</li>
 * </ul>
 * Called on QuickFIX/J's threads of one session (one at a time).
 */
final class SequenceResets {

    private static final Logger LOG = LoggerFactory.getLogger(SequenceResets.class);

    private final VenueId venue;
    private final SessionRules rules;
    private final VenueTelemetry telemetry;
    private final InboundEpoch epoch;
    private final Clock clock;
    /** The journal's mark now: the last report published in the numbering that ends (or the journal's). */
    private final LongSupplier journalMark;

    private volatile boolean pending;
    private volatile boolean flagSent;
    /** Our side reset at this Logon (recorded): the venue's 141=Y answering it starts nothing new. */
    private volatile boolean resetAtLogon;
    private volatile int logonSeq;
    private volatile int targetAtLogon;
    /** What the last reset was, for the next session event and describe(); empty when none. */
    private volatile String note = "";
    private volatile String last = "";

    SequenceResets(VenueId venue, SessionRules rules, VenueTelemetry telemetry, InboundEpoch epoch, Clock clock,
            LongSupplier journalMark) {
        this.venue = venue;
        this.rules = rules;
        this.telemetry = telemetry;
        this.epoch = epoch;
        this.clock = clock;
        this.journalMark = journalMark;
    }

    /** QuickFIX/J reset the session's numbers (cause known at the next Logon). */
    void onReset() {
        pending = true;
    }

    /**
     * Stores that report every reset to {@link #onReset}: QuickFIX/J resets through its store, also while it
     * constructs the session (a store from an earlier session period), before any state listener is added.
     */
    MessageStoreFactory observing(MessageStoreFactory delegate) {
        return sessionId -> new ForwardingMessageStore(delegate.create(sessionId)) {
            @Override
            public void reset() throws IOException {
                delegate.reset();
                onReset();
            }
        };
    }

    /** Our Logon goes out: ResetSeqNumFlag=Y added as the rules say, then {@link #onOurLogon(int, int, boolean)}. */
    void onOurLogon(Message logon, int nextTargetSeq) {
        try {
            int seq = logon.getHeader().getInt(MsgSeqNum.FIELD);
            boolean flag = logon.isSetField(ResetSeqNumFlag.FIELD) && logon.getBoolean(ResetSeqNumFlag.FIELD);
            if (!flag && rules.flagOnLogon(seq, nextTargetSeq)) {
                logon.setBoolean(ResetSeqNumFlag.FIELD, true); // QuickFIX/J then resets and numbers it 1
                flag = true;
            }
            onOurLogon(seq, nextTargetSeq, flag);
        } catch (FieldNotFound e) {
            LOG.warn("{}: our Logon has no MsgSeqNum", venue);
        }
    }

    /**
     * Our Logon goes out with these numbers and flag: a reset pending now was ours (schedule, ResetOnLogon); one
     * that comes with the venue's answer is the venue's.
     */
    void onOurLogon(int seqNum, int nextTargetSeq, boolean resetSeqNumFlag) {
        if (resetSeqNumFlag) {
            record(true, "ResetSeqNumFlag=Y on our Logon (" + (rules.resetPolicy() == ResetPolicy.LOGON
                    ? "resetPolicy = logon" : "the first logon of a session, resetSeqNumFlag = true") + ")");
        } else if (pending) {
            record(true, rules.resetPolicy() == ResetPolicy.LOGON ? "reset on logon (resetPolicy = logon)"
                    : "a new session of the schedule (" + rules.schedule().describe() + ")");
        }
        resetAtLogon = resetSeqNumFlag || pending;
        pending = false;
        flagSent = resetSeqNumFlag;
        logonSeq = resetSeqNumFlag ? 1 : seqNum;
        targetAtLogon = resetSeqNumFlag ? 1 : nextTargetSeq;
    }

    /** The venue's Logon arrived; {@code resetSeqNumFlag}: it carries 141=Y. */
    void onVenueLogon(boolean resetSeqNumFlag, boolean loggedOnBefore) {
        pending = false;
        boolean asked = flagSent || resetAtLogon;
        flagSent = false;
        resetAtLogon = false;
        if (!resetSeqNumFlag) {
            return;
        }
        if (loggedOnBefore) {
            record(false, "the venue sent a Logon with ResetSeqNumFlag=Y in the middle of the session: sequence "
                    + "numbers start again at 1");
        } else if (asked) {
            LOG.info("{}: the venue's Logon has ResetSeqNumFlag=Y: it starts at 1 as we did", venue);
        } else if (rules.resetPolicy() != ResetPolicy.NEVER && logonSeq == 1 && targetAtLogon == 1) {
            record(true, "the venue's new session: its Logon has ResetSeqNumFlag=Y at the first logon of the session");
        } else {
            record(false, "the venue's Logon has ResetSeqNumFlag=Y, but we logged on as seq " + logonSeq
                    + " expecting its " + targetAtLogon + " (resetPolicy = " + rules.resetPolicy().key()
                    + "): the venue started a new session where our rules expect none");
        }
    }

    /** A SequenceReset (not a gap fill) from the venue; {@code expectedTarget}: our next inbound number. */
    void onSequenceReset(int newSeqNo, int expectedTarget) {
        if (newSeqNo < expectedTarget) {
            telemetry.sequenceReset(false);
            String what = "the venue sent a SequenceReset to " + newSeqNo + " below the expected " + expectedTarget
                    + ": refused (session Reject); ask the venue why its numbers went back";
            LOG.error("{}: unexpected sequence reset: {}", venue, what);
            note = "unexpected sequence reset: " + what;
            last = note;
        }
    }

    /** What the last reset was, once (for the next session event detail); empty when none since. */
    String takeNote() {
        String n = note;
        note = "";
        return n;
    }

    /** The last reset, for describe(); empty when none. */
    String last() {
        return last;
    }

    private void record(boolean expected, String cause) {
        telemetry.sequenceReset(expected);
        long mark = journalMark.getAsLong();
        try {
            epoch.began(mark, clock.instant());
        } catch (IOException | RuntimeException e) {
            LOG.error("{}: cannot record the sequence reset beside the FIX store: after a crash the venue may be "
                    + "asked to resend from a stale number", venue, e);
        }
        if (expected) {
            LOG.info("{}: sequence numbers reset to 1: {}", venue, cause);
            note = "sequence numbers reset to 1: " + cause;
        } else {
            LOG.error("{}: unexpected sequence reset: {}; nothing the venue sent before it can be asked again: "
                    + "check the venue's state (reconciliation follows)", venue, cause);
            note = "unexpected sequence reset: " + cause;
        }
        last = note + " at " + clock.instant();
    }
}
