package io.livestack.fix.exchange.sim.internal;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import quickfix.FieldMap;
import quickfix.Message;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.field.MsgType;

/**
 * The simulator behaving like a venue with session rules of its own (keys of {@code etc/livestack.fixsim.cfg}):
 * <ul>
 * <li>a session schedule: {@code startTime}, {@code endTime} (HH:mm:ss), {@code timeZone}, and {@code weekdays} or
 * {@code startDay}/{@code endDay}, given to QuickFIX/J as they are (StartTime, EndTime, TimeZone, Weekdays,
 * StartDay, EndDay): outside it no client logs on, and a new session period starts every client's numbers at 1.
 * Without {@code startTime} the sessions are non-stop (default);</li>
 * <li>{@code requiredFields}: fields a client's messages must carry, {@code SCOPE.TAG} comma separated, SCOPE a
 * MsgType ({@code D}, {@code F}, {@code A}, ...) or {@code header} (every application message); an order or request
 * without them is refused with a BusinessMessageReject (reason 5, the tag named), a Logon without them is
 * refused.</li>
 * </ul>
 */
record SimSessionRules(Map<String, String> schedule, Map<String, List<Integer>> requiredFields) {

    static final SimSessionRules NONE = new SimSessionRules(Map.of(), Map.of());
    private static final List<String> SCHEDULE_KEYS = List.of("startTime", "endTime", "timeZone", "weekdays",
            "startDay", "endDay");
    private static final Map<String, String> QFJ_NAMES = Map.of("startTime", "StartTime", "endTime", "EndTime",
            "timeZone", "TimeZone", "weekdays", "Weekdays", "startDay", "StartDay", "endDay", "EndDay");

    SimSessionRules {
        schedule = Collections.unmodifiableMap(new LinkedHashMap<>(schedule));
        Map<String, List<Integer>> copy = new LinkedHashMap<>();
        requiredFields.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        requiredFields = Collections.unmodifiableMap(copy);
    }

    static SimSessionRules parse(Map<String, ?> p, SimTls.Problem bad) {
        Map<String, String> schedule = new LinkedHashMap<>();
        for (String key : SCHEDULE_KEYS) {
            Object v = p.get(key);
            if (v != null && !v.toString().isBlank()) {
                schedule.put(key, v.toString().trim());
            }
        }
        if (!schedule.isEmpty()) {
            for (String key : List.of("startTime", "endTime")) {
                String t = schedule.get(key);
                if (t == null) {
                    throw bad.of(key, "", "required with a session schedule (HH:mm:ss)");
                }
                try {
                    LocalTime.parse(t);
                } catch (DateTimeParseException e) {
                    throw bad.of(key, t, "expected HH:mm:ss");
                }
                if (t.length() == 5) {
                    schedule.put(key, t + ":00");
                }
            }
            String zone = schedule.get("timeZone");
            if (zone != null && !TimeZone.getTimeZone(zone).getID().equals(zone)) {
                throw bad.of("timeZone", zone, "expected a time zone id such as Europe/Paris or UTC");
            }
        }
        Map<String, List<Integer>> required = new LinkedHashMap<>();
        Object req = p.get("requiredFields");
        if (req != null) {
            for (String part : req.toString().trim().split("[,\\s]+")) {
                if (part.isEmpty()) {
                    continue;
                }
                int dot = part.lastIndexOf('.');
                if (dot <= 0 || !part.substring(dot + 1).matches("[1-9]\\d{0,4}")) {
                    throw bad.of("requiredFields", part, "expected SCOPE.TAG, e.g. D.1 or header.50");
                }
                required.computeIfAbsent(part.substring(0, dot), k -> new ArrayList<>())
                        .add(Integer.parseInt(part.substring(dot + 1)));
            }
        }
        return schedule.isEmpty() && required.isEmpty() ? NONE : new SimSessionRules(schedule, required);
    }

    /** The session template's schedule: NonStopSession, or QuickFIX/J's session time settings. */
    void configure(SessionSettings settings, SessionID template) {
        if (schedule.isEmpty()) {
            settings.setBool(template, "NonStopSession", true);
            return;
        }
        schedule.forEach((key, value) -> settings.setString(template, QFJ_NAMES.get(key), value));
    }

    /** The first required field {@code message} lacks, or 0. */
    int missing(Message message, String msgType) {
        for (int tag : requiredFields.getOrDefault(msgType, List.of())) {
            if (!message.isSetField(tag)) {
                return tag;
            }
        }
        if (!MsgType.LOGON.equals(msgType) && isApp(msgType)) {
            FieldMap header = message.getHeader();
            for (int tag : requiredFields.getOrDefault("header", List.of())) {
                if (!header.isSetField(tag)) {
                    return tag;
                }
            }
        }
        return 0;
    }

    private static boolean isApp(String msgType) {
        return !(msgType.length() == 1 && "0A12345".indexOf(msgType.charAt(0)) >= 0);
    }
}
