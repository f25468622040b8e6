package io.livestack.fix.exchange.sim.internal;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * Switches that make the simulator behave like venues nobody here wrote (tests and fault drills):
 * <ul>
 * <li>{@code idPrefix}: the prefix of its order and exec ids; empty (default) = the start time, unique across runs.
 * A fixed prefix makes every start issue the same ids again, as a venue whose exec ids are unique only within its
 * trading day or session does after a restart.</li>
 * <li>{@code refuseStatusRequests}: OrderStatusRequest (H) and OrderMassStatusRequest (AF) are answered with a
 * BusinessMessageReject "Unsupported Message Type".</li>
 * <li>{@code silentOn}: {@code cancel} and/or {@code replace} (comma separated): such requests are taken in and
 * never answered.</li>
 * </ul>
 */
record SimFaults(String idPrefix, boolean refuseStatusRequests, Set<String> silentOn) {

    static final SimFaults NONE = new SimFaults("", false, Set.of());
    private static final Set<String> SILENCEABLE = Set.of("cancel", "replace");

    SimFaults {
        silentOn = Set.copyOf(silentOn);
    }

    boolean silentOnCancel() {
        return silentOn.contains("cancel");
    }

    boolean silentOnReplace() {
        return silentOn.contains("replace");
    }

    static SimFaults parse(Map<String, ?> p, BiFunction<String, Object, IllegalArgumentException> bad) {
        Object prefix = p.get("idPrefix");
        String idPrefix = prefix == null ? "" : prefix.toString().trim();
        if (!idPrefix.matches("[A-Za-z0-9]{0,16}")) {
            throw bad.apply("idPrefix", prefix);
        }
        Object refuse = p.get("refuseStatusRequests");
        boolean refuseStatus = refuse != null && bool("refuseStatusRequests", refuse, bad);
        Set<String> silent = new TreeSet<>();
        Object silentValue = p.get("silentOn");
        if (silentValue != null) {
            for (String s : silentValue.toString().trim().split("[,\\s]+")) {
                if (s.isEmpty()) {
                    continue;
                }
                if (!SILENCEABLE.contains(s)) {
                    throw bad.apply("silentOn", silentValue);
                }
                silent.add(s);
            }
        }
        return new SimFaults(idPrefix, refuseStatus, silent);
    }

    private static boolean bool(String key, Object value, BiFunction<String, Object, IllegalArgumentException> bad) {
        String text = value.toString().trim();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw bad.apply(key, value);
    }
}
