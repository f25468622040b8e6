package io.livestack.venue.fix.internal;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.TimeZone;
import java.util.stream.Collectors;
import quickfix.SessionID;
import quickfix.SessionSettings;

/**
 * When the venue's FIX session runs: non-stop (the default), daily from {@code startTime} to {@code endTime} (on the
 * {@code weekdays} given, else every day; an end before the start ends the next day), or weekly from
 * {@code startDay startTime} to {@code endDay endTime}, in {@code timeZone}. Mapped onto QuickFIX/J's session time
 * settings ({@link #configure}); QuickFIX/J's initiator connects only inside the schedule and resets the sequence
 * numbers when a new session period begins. {@link #nextStart} computes, from a clock, when the next session begins
 * (the state the adapter shows while it waits).
 */
record SessionSchedule(Kind kind, LocalTime start, LocalTime end, ZoneId zone, Set<DayOfWeek> weekdays,
        DayOfWeek startDay, DayOfWeek endDay) {

    enum Kind { NONSTOP, DAILY, WEEKLY }

    static final SessionSchedule NON_STOP = new SessionSchedule(Kind.NONSTOP, null, null, ZoneId.of("UTC"),
            EnumSet.allOf(DayOfWeek.class), null, null);
    private static final DateTimeFormatter QFJ_TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    SessionSchedule {
        weekdays = weekdays.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(weekdays));
    }

    /**
     * Keys {@code schedule} (nonstop | daily | weekly), {@code startTime}, {@code endTime} (HH:mm or HH:mm:ss),
     * {@code timeZone} (a region id such as Europe/Paris, or UTC; default UTC), {@code weekdays} (daily only, e.g.
     * MON,TUE,WED,THU,FRI; default every day), {@code startDay}, {@code endDay} (weekly only).
     */
    static SessionSchedule parse(VenueConfigReader r) {
        String kindText = r.string("schedule", "nonstop").toLowerCase(Locale.ROOT);
        Kind kind = switch (kindText) {
            case "nonstop", "non-stop", "" -> Kind.NONSTOP;
            case "daily" -> Kind.DAILY;
            case "weekly" -> Kind.WEEKLY;
            default -> throw r.bad("schedule", kindText, "expected nonstop, daily or weekly");
        };
        if (kind == Kind.NONSTOP) {
            for (String key : new String[] {"startTime", "endTime", "weekdays", "startDay", "endDay"}) {
                if (!r.string(key, "").isEmpty()) {
                    throw r.bad(key, r.string(key, ""), "only with schedule = daily or weekly (schedule is nonstop)");
                }
            }
            return NON_STOP;
        }
        LocalTime start = time(r, "startTime");
        LocalTime end = time(r, "endTime");
        ZoneId zone = zone(r);
        if (kind == Kind.DAILY) {
            for (String key : new String[] {"startDay", "endDay"}) {
                if (!r.string(key, "").isEmpty()) {
                    throw r.bad(key, r.string(key, ""), "only with schedule = weekly (a daily session takes weekdays)");
                }
            }
            if (start.equals(end)) {
                throw r.bad("endTime", r.string("endTime", ""), "equals startTime: use schedule = nonstop");
            }
            Set<DayOfWeek> days = days(r, "weekdays");
            return new SessionSchedule(kind, start, end, zone, days.isEmpty() ? EnumSet.allOf(DayOfWeek.class) : days,
                    null, null);
        }
        if (!r.string("weekdays", "").isEmpty()) {
            throw r.bad("weekdays", r.string("weekdays", ""), "only with schedule = daily");
        }
        DayOfWeek startDay = day(r, "startDay");
        DayOfWeek endDay = day(r, "endDay");
        if (startDay == endDay && !end.isAfter(start)) {
            throw r.bad("endTime", r.string("endTime", ""), "a weekly session must end after it starts");
        }
        return new SessionSchedule(kind, start, end, zone, EnumSet.allOf(DayOfWeek.class), startDay, endDay);
    }

    boolean nonStop() {
        return kind == Kind.NONSTOP;
    }

    /** QuickFIX/J's NonStopSession, or StartTime/EndTime/TimeZone with Weekdays or StartDay/EndDay. */
    void configure(SessionSettings settings, SessionID id) {
        if (nonStop()) {
            settings.setBool(id, "NonStopSession", true);
            return;
        }
        settings.setBool(id, "NonStopSession", false);
        settings.setString(id, "StartTime", start.format(QFJ_TIME));
        settings.setString(id, "EndTime", end.format(QFJ_TIME));
        settings.setString(id, "TimeZone", zone.getId());
        if (kind == Kind.WEEKLY) {
            settings.setString(id, "StartDay", qfjDay(startDay));
            settings.setString(id, "EndDay", qfjDay(endDay));
        } else if (weekdays.size() < 7) {
            settings.setString(id, "Weekdays", weekdays.stream().sorted().map(SessionSchedule::qfjDay)
                    .collect(Collectors.joining(",")));
        }
    }

    /** Whether {@code now} is inside a session period (always for non-stop). */
    boolean inSession(Instant now) {
        return nonStop() || currentStart(now) != null;
    }

    /**
     * The start of the session period {@code now} lies in, or null outside the schedule (and for non-stop).
     */
    ZonedDateTime currentStart(Instant now) {
        if (nonStop()) {
            return null;
        }
        ZonedDateTime t = now.atZone(zone);
        // a period starts at most a week before now
        for (int back = 0; back <= 7; back++) {
            ZonedDateTime s = startOn(t.toLocalDate().minusDays(back));
            if (s == null || s.isAfter(t)) {
                continue;
            }
            return t.isBefore(endAfter(s)) ? s : null;
        }
        return null;
    }

    /** The next session start after {@code now}; null for non-stop. */
    ZonedDateTime nextStart(Instant now) {
        if (nonStop()) {
            return null;
        }
        ZonedDateTime t = now.atZone(zone);
        for (int ahead = 0; ahead <= 8; ahead++) {
            ZonedDateTime s = startOn(t.toLocalDate().plusDays(ahead));
            if (s != null && s.isAfter(t)) {
                return s;
            }
        }
        throw new IllegalStateException("no session start within 8 days of " + t + " in " + this);
    }

    /** "outside the session schedule; next session starts 2026-12-08T08:00+01:00[Europe/Paris]". */
    String waitingDetail(Instant now) {
        return "outside the session schedule (" + describe() + "); next session starts " + nextStart(now);
    }

    /** A session starting on {@code date}, or null when none does. */
    private ZonedDateTime startOn(LocalDate date) {
        boolean starts = kind == Kind.WEEKLY ? date.getDayOfWeek() == startDay : weekdays.contains(date.getDayOfWeek());
        return starts ? ZonedDateTime.of(LocalDateTime.of(date, start), zone) : null;
    }

    private ZonedDateTime endAfter(ZonedDateTime s) {
        LocalDate day = s.toLocalDate();
        if (kind == Kind.WEEKLY) {
            int days = (endDay.getValue() - startDay.getValue() + 7) % 7;
            if (days == 0 && !end.isAfter(start)) {
                days = 7;
            }
            return ZonedDateTime.of(LocalDateTime.of(day.plusDays(days), end), zone);
        }
        return ZonedDateTime.of(LocalDateTime.of(end.isAfter(start) ? day : day.plusDays(1), end), zone);
    }

    String describe() {
        return switch (kind) {
            case NONSTOP -> "non-stop";
            case DAILY -> "daily " + start + "-" + end + " " + zone
                    + (weekdays.size() == 7 ? "" : " " + weekdays.stream().sorted().map(SessionSchedule::qfjDay)
                            .collect(Collectors.joining(",")));
            case WEEKLY -> "weekly " + qfjDay(startDay) + " " + start + " - " + qfjDay(endDay) + " " + end + " "
                    + zone;
        };
    }

    private static String qfjDay(DayOfWeek day) {
        return day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
    }

    private static LocalTime time(VenueConfigReader r, String key) {
        String text = r.string(key, "");
        if (text.isEmpty()) {
            throw r.bad(key, text, "required with schedule = " + r.string("schedule", "") + ": HH:mm or HH:mm:ss");
        }
        try {
            return LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            throw r.bad(key, text, "expected HH:mm or HH:mm:ss (24 h)");
        }
    }

    private static ZoneId zone(VenueConfigReader r) {
        String text = r.string("timeZone", "UTC");
        // QuickFIX/J reads it with java.util.TimeZone, which takes an unknown id for GMT without a word
        if (text.isEmpty() || !TimeZone.getTimeZone(text).getID().equals(text)) {
            throw r.bad("timeZone", text, "expected a time zone id such as Europe/Paris, America/New_York or UTC");
        }
        try {
            return ZoneId.of(text);
        } catch (RuntimeException e) {
            throw r.bad("timeZone", text, "expected a time zone id such as Europe/Paris, America/New_York or UTC");
        }
    }

    private static DayOfWeek day(VenueConfigReader r, String key) {
        String text = r.string(key, "");
        if (text.isEmpty()) {
            throw r.bad(key, text, "required with schedule = weekly: a day such as MON or SUNDAY");
        }
        DayOfWeek d = dayOf(text);
        if (d == null) {
            throw r.bad(key, text, "expected a day such as MON or SUNDAY");
        }
        return d;
    }

    private static Set<DayOfWeek> days(VenueConfigReader r, String key) {
        String text = r.string(key, "");
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String part : text.split("[,\\s]+")) {
            if (part.isEmpty()) {
                continue;
            }
            DayOfWeek d = dayOf(part);
            if (d == null) {
                throw r.bad(key, text, "'" + part + "' is not a day: expected e.g. MON,TUE,WED,THU,FRI");
            }
            days.add(d);
        }
        return days;
    }

    private static DayOfWeek dayOf(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().equals(t) || d.name().substring(0, 3).equals(t)) {
                return d;
            }
        }
        return null;
    }
}
