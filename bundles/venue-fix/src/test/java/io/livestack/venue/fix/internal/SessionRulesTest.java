package io.livestack.venue.fix.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quickfix.Message;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.field.MsgType;

/** The session rules of a venue file: schedule, reset policy, dictionary, extra fields, masking, journal resume. */
class SessionRulesTest {

    private static final Path DATA = Path.of("/srv/karaf/data/livestack/fix");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static Map<String, Object> minimal() {
        Map<String, Object> p = new HashMap<>();
        p.put("venue", "X1");
        p.put("senderCompID", "LIVESTACK");
        p.put("targetCompID", "XCH");
        p.put("instruments", "BTC-USD");
        return p;
    }

    private static SessionRules parse(Map<String, Object> p) {
        return FixVenueSettings.parse(p, DATA).rules();
    }

    private static void assertRefused(Map<String, Object> p, String key, String... parts) {
        var refused = assertThatThrownBy(() -> parse(p)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("livestack.venue.fix: key '" + key + "'");
        for (String part : parts) {
            refused.hasMessageContaining(part);
        }
    }

    private static Map<String, Object> daily(String start, String end) {
        Map<String, Object> p = minimal();
        p.put("schedule", "daily");
        p.put("startTime", start);
        p.put("endTime", end);
        p.put("timeZone", "Europe/Paris");
        return p;
    }

    private static SessionSettings qfj(Map<String, Object> p) {
        return FixSessionSettings.initiator(FixVenueSettings.parse(p, DATA));
    }

    private static SessionID id() {
        return new SessionID("FIX.4.4", "LIVESTACK", "XCH", "X1");
    }

    @Test
    void byDefaultTheSessionIsNonStopAndNeverResets() throws Exception {
        SessionRules r = parse(minimal());

        assertThat(r.schedule().nonStop()).isTrue();
        assertThat(r.resetPolicy()).isEqualTo(ResetPolicy.NEVER);
        assertThat(r.resetSeqNumFlag()).isFalse();
        assertThat(r.dictionary().standard()).isTrue();
        assertThat(r.extraFields().isEmpty()).isTrue();
        SessionSettings s = qfj(minimal());
        assertThat(s.getBool(id(), "NonStopSession")).isTrue();
        assertThat(s.getBool(id(), "ResetOnLogon")).isFalse();
        assertThat(s.isSetting(id(), "StartTime")).isFalse();
    }

    @Test
    void aDailyScheduleBecomesQuickFixSessionTimesAndResetsAtItsStart() throws Exception {
        Map<String, Object> p = daily("08:00", "17:30");
        p.put("weekdays", "MON,TUE,WED,THU,FRI");

        SessionRules r = parse(p);
        SessionSettings s = qfj(p);

        assertThat(r.resetPolicy()).isEqualTo(ResetPolicy.SCHEDULE);
        assertThat(s.getBool(id(), "NonStopSession")).isFalse();
        assertThat(s.getString(id(), "StartTime")).isEqualTo("08:00:00");
        assertThat(s.getString(id(), "EndTime")).isEqualTo("17:30:00");
        assertThat(s.getString(id(), "TimeZone")).isEqualTo("Europe/Paris");
        assertThat(s.getString(id(), "Weekdays")).isEqualTo("Mon,Tue,Wed,Thu,Fri");
        // QuickFIX/J accepts it
        new quickfix.DefaultSessionScheduleFactory().create(id(), s);
    }

    @Test
    void aWeeklyScheduleBecomesStartDayAndEndDay() throws Exception {
        Map<String, Object> p = minimal();
        p.put("schedule", "weekly");
        p.put("startDay", "SUN");
        p.put("startTime", "22:00");
        p.put("endDay", "FRIDAY");
        p.put("endTime", "22:00");
        p.put("timeZone", "America/New_York");

        SessionSettings s = qfj(p);

        assertThat(s.getString(id(), "StartDay")).isEqualTo("Sun");
        assertThat(s.getString(id(), "EndDay")).isEqualTo("Fri");
        new quickfix.DefaultSessionScheduleFactory().create(id(), s);
        SessionSchedule schedule = parse(p).schedule();
        Instant saturday = ZonedDateTime.of(2026, 12, 12, 12, 0, 0, 0, ZoneId.of("America/New_York")).toInstant();
        assertThat(schedule.inSession(saturday)).isFalse();
        assertThat(schedule.nextStart(saturday))
                .isEqualTo(ZonedDateTime.of(2026, 12, 13, 22, 0, 0, 0, ZoneId.of("America/New_York")));
        Instant wednesday = ZonedDateTime.of(2026, 12, 9, 3, 0, 0, 0, ZoneId.of("America/New_York")).toInstant();
        assertThat(schedule.inSession(wednesday)).isTrue();
    }

    @Test
    void theNextSessionStartIsComputedFromTheScheduleInItsZone() {
        Map<String, Object> p = daily("08:00", "17:30");
        p.put("weekdays", "MON-FRI".replace("MON-FRI", "MON,TUE,WED,THU,FRI"));
        SessionSchedule schedule = parse(p).schedule();

        Instant mondayEvening = ZonedDateTime.of(2026, 12, 7, 18, 0, 0, 0, PARIS).toInstant();
        Instant fridayEvening = ZonedDateTime.of(2026, 12, 11, 18, 0, 0, 0, PARIS).toInstant();
        Instant tuesdayMorning = ZonedDateTime.of(2026, 12, 8, 9, 0, 0, 0, PARIS).toInstant();

        assertThat(schedule.inSession(mondayEvening)).isFalse();
        assertThat(schedule.waitingDetail(mondayEvening))
                .endsWith("next session starts 2026-12-08T08:00+01:00[Europe/Paris]");
        assertThat(schedule.nextStart(fridayEvening)).isEqualTo(ZonedDateTime.of(2026, 12, 14, 8, 0, 0, 0, PARIS));
        assertThat(schedule.inSession(tuesdayMorning)).isTrue();
        assertThat(schedule.currentStart(tuesdayMorning)).isEqualTo(ZonedDateTime.of(2026, 12, 8, 8, 0, 0, 0, PARIS));
    }

    @Test
    void anOvernightDailySessionEndsTheNextDay() {
        SessionSchedule schedule = parse(daily("22:00", "06:00")).schedule();

        assertThat(schedule.inSession(ZonedDateTime.of(2026, 12, 8, 3, 0, 0, 0, PARIS).toInstant())).isTrue();
        assertThat(schedule.inSession(ZonedDateTime.of(2026, 12, 8, 12, 0, 0, 0, PARIS).toInstant())).isFalse();
        assertThat(schedule.nextStart(ZonedDateTime.of(2026, 12, 8, 12, 0, 0, 0, PARIS).toInstant()))
                .isEqualTo(ZonedDateTime.of(2026, 12, 8, 22, 0, 0, 0, PARIS));
    }

    @Test
    void badScheduleValuesNameTheKeyAndTheValue() {
        Map<String, Object> p = daily("8h", "17:30");
        assertRefused(p, "startTime", "'8h'", "HH:mm");
        p = daily("08:00", "17:30");
        p.put("timeZone", "Europe/Pariss");
        assertRefused(p, "timeZone", "'Europe/Pariss'");
        p = daily("08:00", "17:30");
        p.put("weekdays", "MON,FUNDAY");
        assertRefused(p, "weekdays", "FUNDAY");
        p = daily("08:00", "17:30");
        p.put("schedule", "hourly");
        assertRefused(p, "schedule", "'hourly'", "nonstop, daily or weekly");
        p = daily("08:00", "08:00");
        assertRefused(p, "endTime", "nonstop");
        p = minimal();
        p.put("startTime", "08:00");
        assertRefused(p, "startTime", "schedule is nonstop");
        p = daily("08:00", "17:00");
        p.remove("endTime");
        assertRefused(p, "endTime", "required");
        p = minimal();
        p.put("schedule", "weekly");
        p.put("startTime", "08:00");
        p.put("endTime", "17:00");
        assertRefused(p, "startDay", "required");
    }

    @Test
    void theResetPolicyIsCheckedAgainstTheSchedule() throws Exception {
        Map<String, Object> p = minimal();
        p.put("resetPolicy", "schedule");
        assertRefused(p, "resetPolicy", "'schedule'", "schedule = daily or weekly");
        p = daily("08:00", "17:00");
        p.put("resetPolicy", "never");
        assertRefused(p, "resetPolicy", "'never'", "QuickFIX/J resets");
        p = minimal();
        p.put("resetPolicy", "sometimes");
        assertRefused(p, "resetPolicy", "'sometimes'", "never, schedule or logon");
        p = minimal();
        p.put("resetSeqNumFlag", "true");
        assertRefused(p, "resetSeqNumFlag", "resetPolicy");
        p = minimal();
        p.put("resetPolicy", "logon");
        p.put("resetSeqNumFlag", "false");
        assertThat(parse(p).resetSeqNumFlag()).as("implied by resetPolicy = logon").isTrue();

        p = minimal();
        p.put("resetPolicy", "logon");
        assertThat(parse(p).resetSeqNumFlag()).isTrue();
        assertThat(qfj(p).getBool(id(), "ResetOnLogon")).isTrue();
        assertThat(qfj(p).getBool(id(), "NonStopSession")).isTrue();
    }

    @Test
    void resetSeqNumFlagWithTheScheduleGoesOnTheFirstLogonOfASessionOnly() {
        Map<String, Object> p = daily("08:00", "17:00");
        p.put("resetSeqNumFlag", "true");
        SessionRules r = parse(p);

        assertThat(r.flagOnLogon(1, 1)).isTrue();
        assertThat(r.flagOnLogon(12, 40)).isFalse();
        Map<String, Object> logon = minimal();
        logon.put("resetPolicy", "logon");
        assertThat(parse(logon).flagOnLogon(12, 40)).isTrue();
    }

    @Test
    void aVenueDictionaryReplacesTheStandardOneAndAMissingFileIsNamed(@TempDir Path dir) throws Exception {
        Path dictionary = dir.resolve("XCH44.xml");
        try (var in = quickfix.fix44.MessageFactory.class.getResourceAsStream("/FIX44.xml")) {
            Files.copy(in, dictionary);
        }
        Map<String, Object> p = minimal();
        p.put("dataDictionary", dictionary.toString());

        assertThat(qfj(p).getString(id(), "DataDictionary")).isEqualTo(dictionary.toString());
        assertThat(parse(p).dictionary().describe()).isEqualTo(dictionary.toString());

        p.put("dataDictionary", dir.resolve("missing.xml").toString());
        assertRefused(p, "dataDictionary", dir.resolve("missing.xml").toString(), "no such file");
        Path garbage = Files.writeString(dir.resolve("garbage.xml"), "<fix><oops");
        p.put("dataDictionary", garbage.toString());
        assertRefused(p, "dataDictionary", garbage.toString(), "not a QuickFIX/J data dictionary");
        p.put("dataDictionary", dictionary.toString());
        p.put("beginString", "FIXT.1.1");
        assertRefused(p, "dataDictionary", "transportDataDictionary");
        p.remove("dataDictionary");
        p.put("appDataDictionary", dir.resolve("nope.xml").toString());
        assertRefused(p, "appDataDictionary", "nope.xml", "no such file");
    }

    @Test
    void extraFieldsGoOnTheirMessagesHeaderFieldsOnEveryMessage() throws Exception {
        Map<String, Object> p = minimal();
        p.put("fields.header.50", "DESK1");
        p.put("fields.D.1", "ACC-123");
        p.put("fields.*.9101", "X");
        p.put("fields.A.96.secret", "s3cr3t-token");
        p.put("fields.A.95", "12");
        ExtraFields fields = parse(p).extraFields();

        Message order = FixDialect.FIX44.newMessage(Fixtures.FACTORY, MsgType.ORDER_SINGLE);
        fields.apply(order);
        Message cancel = FixDialect.FIX44.newMessage(Fixtures.FACTORY, MsgType.ORDER_CANCEL_REQUEST);
        fields.apply(cancel);
        Message logon = new quickfix.fix44.Logon();
        fields.apply(logon);
        Message heartbeat = new quickfix.fix44.Heartbeat();
        fields.apply(heartbeat);

        assertThat(order.getString(1)).isEqualTo("ACC-123");
        assertThat(order.getHeader().getString(50)).isEqualTo("DESK1");
        assertThat(order.getString(9101)).isEqualTo("X");
        assertThat(cancel.isSetField(1)).isFalse();
        assertThat(cancel.getString(9101)).isEqualTo("X");
        assertThat(logon.getString(96)).isEqualTo("s3cr3t-token");
        assertThat(logon.isSetField(9101)).isFalse();
        assertThat(heartbeat.getHeader().getString(50)).isEqualTo("DESK1");
        assertThat(heartbeat.isSetField(1)).isFalse();
        assertThat(fields.secretTags()).containsExactly(96);
    }

    @Test
    void secretExtraFieldsAreMaskedInDescriptionsLogsAndTheStore() throws Exception {
        Map<String, Object> p = minimal();
        p.put("fields.A.96.secret", "s3cr3t-token");
        p.put("fields.A.95", "12");
        FixVenueSettings settings = FixVenueSettings.parse(p, DATA);

        assertThat(settings.toString()).doesNotContain("s3cr3t-token").contains("A 96=********", "A 95=12");
        Message logon = new quickfix.fix44.Logon();
        logon.getHeader().setString(49, "LIVESTACK");
        logon.setInt(98, 0);
        logon.setInt(108, 30);
        logon.setString(95, "12");
        logon.setString(96, "s3cr3t-token");
        String raw = logon.toString();
        assertThat(Masking.mask(raw, Set.of(96))).doesNotContain("s3cr3t-token").contains("96=********", "95=12");
        String stored = Masking.maskForStore(raw, Set.of(96));
        assertThat(stored).doesNotContain("s3cr3t-token");
        new Message(stored); // still a well-formed message: BodyLength and CheckSum recomputed
    }

    @Test
    void extraFieldsTheAdapterOwnsOrThatMakeNoSenseAreRefused() {
        String[][] refused = {
                {"fields.D.11", "X", "tag 11 is set by the adapter"},
                {"fields.header.34", "7", "session header"},
                {"fields.A.554", "pw", "credentials"},
                {"fields.*.55", "BTC", "tag 55"},
                {"fields.Z.1", "ACC", "unknown scope 'Z'"},
                {"fields.D.abc", "ACC", "not a FIX tag number"},
                {"fields.D.1", " ", "non-empty"}};
        for (String[] r : refused) {
            assertRefused(minimalWith(r[0], r[1]), r[0], r[2]);
        }
        Map<String, Object> p = minimalWith("fields.D.1.secret", "A");
        p.put("fields.D.1", "B");
        assertRefused(p, "fields.D.1.secret", "already given by fields.D.1");
        assertThatThrownBy(() -> parse(minimalWith("fields.A.96.secret", "\u0001oops")))
                .hasMessageContaining("fields.A.96.secret").hasMessageContaining("********")
                .hasMessageNotContaining("oops");
    }

    private static Map<String, Object> minimalWith(String key, String value) {
        Map<String, Object> p = minimal();
        p.put(key, value);
        return p;
    }

    @Test
    void theJournalsMarkFromBeforeAResetIsNotReadAsANumberOfTheNewSession() {
        // no reset recorded, no journal: keep the store's number
        assertThat(InboundEpoch.resumeFrom(40, -1, -1)).isEqualTo(InboundEpoch.KEEP);
        // everything journaled (or the last report journaled, the store not yet advanced)
        assertThat(InboundEpoch.resumeFrom(40, 39, -1)).isEqualTo(InboundEpoch.KEEP);
        assertThat(InboundEpoch.resumeFrom(40, 40, -1)).isEqualTo(InboundEpoch.KEEP);
        // a crash lost 31..39 of this numbering: ask again from 31
        assertThat(InboundEpoch.resumeFrom(40, 30, -1)).isEqualTo(31);
        // reset at 5000, nothing of the new session journaled: the mark is stale, ask for all of the new session
        assertThat(InboundEpoch.resumeFrom(21, 5000, 5000)).isEqualTo(1);
        // a stale mark lower than the new numbers (the old session ended at 8): not "from 9", from 1
        assertThat(InboundEpoch.resumeFrom(21, 8, 8)).isEqualTo(1);
        // a report of the new session journaled since the reset: the mark is current
        assertThat(InboundEpoch.resumeFrom(21, 12, 8)).isEqualTo(13);
        // a fresh numbering with nothing received: nothing to ask
        assertThat(InboundEpoch.resumeFrom(1, 5000, 5000)).isEqualTo(InboundEpoch.KEEP);
        // higher than anything received: stale even when no reset was recorded
        assertThat(InboundEpoch.resumeFrom(21, 5000, -1)).isEqualTo(1);
    }

    @Test
    void theEpochFileKeepsTheMarkAtTheLastReset(@TempDir Path dir) throws Exception {
        InboundEpoch epoch = new InboundEpoch(dir);
        assertThat(epoch.journalMarkAtReset()).isEqualTo(-1);
        epoch.began(5000, Instant.parse("2026-12-08T07:00:00Z"));
        epoch.began(17, Instant.parse("2026-12-09T07:00:00Z"));
        assertThat(new InboundEpoch(dir).journalMarkAtReset()).isEqualTo(17);
    }

    @Test
    void weekdaysAreOnlyForDailySessions() {
        Map<String, Object> p = minimal();
        p.put("schedule", "weekly");
        p.put("startDay", "MON");
        p.put("endDay", "FRI");
        p.put("startTime", "08:00");
        p.put("endTime", "17:00");
        p.put("weekdays", "MON");
        assertRefused(p, "weekdays", "only with schedule = daily");
        assertThat(DayOfWeek.valueOf("MONDAY")).isNotNull();
    }
}
