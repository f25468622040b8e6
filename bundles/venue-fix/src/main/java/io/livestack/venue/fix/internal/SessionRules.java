package io.livestack.venue.fix.internal;

import quickfix.SessionID;
import quickfix.SessionSettings;

/**
 * A venue's own session rules, from its file: when the session runs ({@link SessionSchedule}), when the sequence
 * numbers start again ({@link ResetPolicy}) and whether our Logon then says so with ResetSeqNumFlag 141=Y
 * ({@code resetSeqNumFlag}), its data dictionary ({@link VenueDictionary}) and the fixed fields it wants on our
 * messages ({@link ExtraFields}). The defaults are a non-stop session that never resets, the standard dictionary and
 * no extra fields.
 */
record SessionRules(SessionSchedule schedule, ResetPolicy resetPolicy, boolean resetSeqNumFlag,
        VenueDictionary dictionary, ExtraFields extraFields) {

    static SessionRules parse(VenueConfigReader r, FixDialect dialect) {
        SessionSchedule schedule = SessionSchedule.parse(r);
        ResetPolicy policy = ResetPolicy.parse(r, schedule);
        // resetPolicy = logon always sends it (QuickFIX/J's ResetOnLogon), whatever the key says
        boolean flag = r.bool("resetSeqNumFlag", false) || policy == ResetPolicy.LOGON;
        if (policy == ResetPolicy.NEVER && flag) {
            throw r.bad("resetSeqNumFlag", "true", "ResetSeqNumFlag=Y resets the sequence numbers, but resetPolicy "
                    + "is never");
        }
        return new SessionRules(schedule, policy, flag, VenueDictionary.parse(r, dialect), ExtraFields.parse(r));
    }

    /** The QuickFIX/J settings of the schedule, the reset policy and the dictionary. */
    void configure(FixDialect dialect, SessionSettings settings, SessionID id) {
        schedule.configure(settings, id);
        settings.setBool(id, "ResetOnLogon", resetPolicy == ResetPolicy.LOGON);
        dictionary.configure(dialect, settings, id);
    }

    /**
     * Whether our Logon carries ResetSeqNumFlag=Y: always with {@link ResetPolicy#LOGON} (QuickFIX/J sets it), and
     * with {@link ResetPolicy#SCHEDULE} and {@code resetSeqNumFlag} on the first Logon of a session (our numbers at
     * 1 both ways: the Logon is our message 1 and nothing was received).
     */
    boolean flagOnLogon(int logonSeqNum, int nextTargetSeq) {
        return resetSeqNumFlag && (resetPolicy == ResetPolicy.LOGON || logonSeqNum == 1 && nextTargetSeq == 1);
    }

    String describe() {
        return "schedule " + schedule.describe() + ", reset " + resetPolicy.key()
                + (resetSeqNumFlag ? " (ResetSeqNumFlag=Y)" : "") + ", dictionary " + dictionary.describe()
                + ", extra fields " + extraFields;
    }
}
