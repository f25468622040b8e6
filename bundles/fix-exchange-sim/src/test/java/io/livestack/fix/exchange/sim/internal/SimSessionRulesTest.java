package io.livestack.fix.exchange.sim.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import quickfix.SessionID;
import quickfix.SessionSettings;

/** The simulator's session rules: its schedule for QuickFIX/J and the fields it requires. */
class SimSessionRulesTest {

    private static final SessionID TEMPLATE = new SessionID("FIX.4.4", "FIXSIM", "*");

    private static SimSessionRules parse(Map<String, Object> p) {
        return SimSettings.parse(p, Path.of("/tmp/sim")).sessionRules();
    }

    @Test
    void withoutKeysTheSessionsAreNonStopAndRequireNothing() throws Exception {
        SimSessionRules rules = parse(new HashMap<>());
        SessionSettings s = new SessionSettings();
        rules.configure(s, TEMPLATE);

        assertThat(rules).isSameAs(SimSessionRules.NONE);
        assertThat(s.getBool(TEMPLATE, "NonStopSession")).isTrue();
        assertThat(rules.missing(new quickfix.fix44.NewOrderSingle(), "D")).isZero();
    }

    @Test
    void aScheduleIsGivenToQuickFixAsItIs() throws Exception {
        Map<String, Object> p = new HashMap<>();
        p.put("startTime", "08:00");
        p.put("endTime", "17:30:00");
        p.put("timeZone", "Europe/Paris");
        p.put("weekdays", "Mon,Tue,Wed,Thu,Fri");
        SessionSettings s = new SessionSettings();
        parse(p).configure(s, TEMPLATE);

        assertThat(s.getString(TEMPLATE, "StartTime")).isEqualTo("08:00:00");
        assertThat(s.getString(TEMPLATE, "EndTime")).isEqualTo("17:30:00");
        assertThat(s.getString(TEMPLATE, "TimeZone")).isEqualTo("Europe/Paris");
        assertThat(s.getString(TEMPLATE, "Weekdays")).isEqualTo("Mon,Tue,Wed,Thu,Fri");
        assertThat(s.isSetting(TEMPLATE, "NonStopSession")).isFalse();
        new quickfix.DefaultSessionScheduleFactory().create(TEMPLATE, s);
    }

    @Test
    void requiredFieldsAreCheckedPerMessageTypeAndInTheHeader() {
        Map<String, Object> p = new HashMap<>();
        p.put("requiredFields", "D.1, header.50");
        SimSessionRules rules = parse(p);
        quickfix.fix44.NewOrderSingle order = new quickfix.fix44.NewOrderSingle();

        assertThat(rules.missing(order, "D")).isEqualTo(1);
        order.setString(1, "ACC");
        assertThat(rules.missing(order, "D")).isEqualTo(50);
        order.getHeader().setString(50, "DESK1");
        assertThat(rules.missing(order, "D")).isZero();
        assertThat(rules.missing(new quickfix.fix44.Heartbeat(), "0")).as("admin messages").isZero();
    }

    @Test
    void badValuesNameTheKey() {
        Map<String, Object> p = new HashMap<>();
        p.put("requiredFields", "D1");
        assertThatThrownBy(() -> parse(p)).hasMessageContaining("key 'requiredFields'").hasMessageContaining("'D1'");
        Map<String, Object> q = new HashMap<>();
        q.put("startTime", "8am");
        q.put("endTime", "17:00");
        assertThatThrownBy(() -> parse(q)).hasMessageContaining("key 'startTime'").hasMessageContaining("'8am'");
        Map<String, Object> r = new HashMap<>();
        r.put("startTime", "08:00");
        assertThatThrownBy(() -> parse(r)).hasMessageContaining("key 'endTime'");
        Map<String, Object> z = new HashMap<>();
        z.put("startTime", "08:00");
        z.put("endTime", "17:00");
        z.put("timeZone", "Mars/Olympus");
        assertThatThrownBy(() -> parse(z)).hasMessageContaining("key 'timeZone'");
    }
}
