package io.livestack.venue.fix.internal;

import java.util.Locale;

/**
 * When the sequence numbers of a venue's session start again at 1 (key {@code resetPolicy}):
 * <ul>
 * <li>{@link #NEVER} (the default of a non-stop session): never; the numbers continue across logons, days and
 * restarts.</li>
 * <li>{@link #SCHEDULE} (the default of a daily or weekly session): at the start of each scheduled session
 * (QuickFIX/J resets when a new session period begins, whatever else is configured: a scheduled session cannot be
 * {@link #NEVER}).</li>
 * <li>{@link #LOGON}: on every logon (QuickFIX/J ResetOnLogon; our Logon carries ResetSeqNumFlag 141=Y).</li>
 * </ul>
 */
enum ResetPolicy {
    NEVER, SCHEDULE, LOGON;

    static ResetPolicy parse(VenueConfigReader r, SessionSchedule schedule) {
        ResetPolicy byDefault = schedule.nonStop() ? NEVER : SCHEDULE;
        String text = r.string("resetPolicy", byDefault.key());
        ResetPolicy policy;
        try {
            policy = text.isEmpty() ? byDefault : valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw r.bad("resetPolicy", text, "expected never, schedule or logon");
        }
        if (policy == SCHEDULE && schedule.nonStop()) {
            throw r.bad("resetPolicy", text, "a reset at the schedule start needs schedule = daily or weekly "
                    + "(schedule is nonstop)");
        }
        if (policy == NEVER && !schedule.nonStop()) {
            throw r.bad("resetPolicy", text, "QuickFIX/J resets the sequence numbers at the start of every "
                    + "scheduled session (schedule = " + schedule.kind().name().toLowerCase(Locale.ROOT)
                    + "): use resetPolicy = schedule or logon, or schedule = nonstop");
        }
        return policy;
    }

    String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
