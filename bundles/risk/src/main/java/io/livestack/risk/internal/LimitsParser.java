package io.livestack.risk.internal;

import io.livestack.api.model.AccountId;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.VenueId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads the risk configuration's values, collecting every error (each naming its key and value) instead of stopping
 * at the first. Scoped keys: {@code <limit>} (desk), {@code <limit>.strategy.<ID>|*}, {@code <limit>.account.<ID>|*},
 * {@code <limit>.instrument.<ID>}, {@code <limit>.venue.<ID>}, and the older {@code <limit>.<INSTRUMENT>} (= the
 * instrument scope); a scope the limit does not have is refused.
 */
final class LimitsParser {

    /** Where a limit may be set. */
    enum Scope {
        DESK, STRATEGY, ACCOUNT, INSTRUMENT, VENUE;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Properties Config Admin, SCR, File Install and Karaf add on their own: not limits. */
    private static final List<String> FRAMEWORK_PREFIXES = List.of("service.", "component.", "felix.",
            "org.apache.karaf.", "osgi.", "metatype.", ".");

    private final Map<String, ?> properties;
    final List<String> errors = new ArrayList<>();
    private final Set<String> consumed = new HashSet<>();
    private final Set<String> known = new HashSet<>();

    LimitsParser(Map<String, ?> properties) {
        this.properties = properties;
    }

    private String raw(String key) {
        consumed.add(key);
        known.add(key);
        Object value = properties.get(key);
        return value == null ? null : String.valueOf(value).trim();
    }

    long decimal(String key, String defaultValue) {
        String text = raw(key);
        return text == null ? (defaultValue == null ? ScopedLimit.NONE : parseDecimal(key, defaultValue))
                : parseDecimal(key, text);
    }

    private long parseDecimal(String key, String text) {
        try {
            long value = Fixed.parse(text);
            if (value < 0) {
                errors.add(key + "='" + text + "' must not be negative");
                return 0;
            }
            return value;
        } catch (IllegalArgumentException e) {
            errors.add(key + "='" + text + "' is not a decimal number");
            return 0;
        }
    }

    long integer(String key, long defaultValue, long max) {
        String text = raw(key);
        return text == null ? defaultValue : parseInteger(key, text, max);
    }

    private long parseInteger(String key, String text, long max) {
        try {
            long value = Long.parseLong(text);
            if (value < 0) {
                errors.add(key + "='" + text + "' must not be negative");
                return 0;
            }
            if (value > max) {
                errors.add(key + "='" + text + "' is larger than " + max);
                return 0;
            }
            return value;
        } catch (NumberFormatException e) {
            errors.add(key + "='" + text + "' is not a whole number");
            return 0;
        }
    }

    boolean bool(String key, boolean defaultValue) {
        String text = raw(key);
        if (text == null) {
            return defaultValue;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.equals("true") || lower.equals("false")) {
            return Boolean.parseBoolean(lower);
        }
        errors.add(key + "='" + text + "' is not true or false");
        return defaultValue;
    }

    /** One of {@code allowed} (case-insensitive), else the error names the key, the value and the choices. */
    String choice(String key, String defaultValue, List<String> allowed) {
        String text = raw(key);
        if (text == null) {
            return defaultValue;
        }
        for (String a : allowed) {
            if (a.equalsIgnoreCase(text)) {
                return a;
            }
        }
        errors.add(key + "='" + text + "' is not one of " + allowed);
        return defaultValue;
    }

    /** A text value checked by {@code parse} (which throws an IllegalArgumentException saying what is wrong). */
    <T> T text(String key, T defaultValue, java.util.function.Function<String, T> parse) {
        String text = raw(key);
        if (text == null) {
            return defaultValue;
        }
        try {
            return parse.apply(text);
        } catch (RuntimeException e) {
            errors.add(key + "='" + text + "' " + e.getMessage());
            return defaultValue;
        }
    }

    /**
     * A limit at every scope it has: the desk value from {@code <name>} (else {@code deskDefault}, null: none) and
     * every scoped key. {@code max} bounds whole numbers ({@code integer}); decimals are fixed-point.
     */
    ScopedLimit scoped(String name, boolean integer, long max, String deskDefault, Set<Scope> scopes) {
        long desk;
        String deskText = raw(name);
        if (!scopes.contains(Scope.DESK)) {
            if (deskText != null) {
                errors.add(name + "='" + deskText + "': " + name + " has no desk-wide value (set it per "
                        + labels(scopes) + ", e.g. " + name + "." + scopes.iterator().next().label() + ".<id>)");
            }
            desk = ScopedLimit.NONE;
        } else {
            String text = deskText != null ? deskText : deskDefault;
            desk = text == null ? ScopedLimit.NONE : value(name, text, integer, max);
        }
        long strategyDefault = ScopedLimit.NONE;
        long accountDefault = ScopedLimit.NONE;
        Map<StrategyId, Long> strategies = new HashMap<>();
        Map<AccountId, Long> accounts = new HashMap<>();
        Map<InstrumentId, Long> instruments = new HashMap<>();
        Map<VenueId, Long> venues = new HashMap<>();
        String prefix = name + ".";
        for (String key : new TreeMap<>(properties).keySet()) {
            if (!key.startsWith(prefix)) {
                continue;
            }
            consumed.add(key);
            String text = String.valueOf(properties.get(key)).trim();
            String rest = key.substring(prefix.length());
            int dot = rest.indexOf('.');
            Scope scope = dot < 0 ? Scope.INSTRUMENT : scopeNamed(rest.substring(0, dot));
            String id = scope == null ? rest : dot < 0 ? rest : rest.substring(dot + 1);
            if (scope == null) {
                scope = Scope.INSTRUMENT; // an instrument id with a dot in it
            }
            if (!scopes.contains(scope)) {
                errors.add(key + "='" + text + "': " + name + " has no " + scope.label() + " scope (it has "
                        + labels(scopes) + ")");
                continue;
            }
            boolean all = id.equals("*");
            if (all && scope != Scope.STRATEGY && scope != Scope.ACCOUNT) {
                errors.add(key + "='" + text + "': '*' (every one) is for the strategy and account scopes only");
                continue;
            }
            try {
                long v;
                switch (scope) {
                    case STRATEGY -> {
                        StrategyId sid = all ? null : StrategyId.of(id);
                        v = value(key, text, integer, max);
                        if (all) {
                            strategyDefault = v;
                        } else {
                            strategies.put(sid, v);
                        }
                    }
                    case ACCOUNT -> {
                        AccountId aid = all ? null : AccountId.of(id);
                        v = value(key, text, integer, max);
                        if (all) {
                            accountDefault = v;
                        } else {
                            accounts.put(aid, v);
                        }
                    }
                    case VENUE -> {
                        VenueId vid = VenueId.of(id);
                        venues.put(vid, value(key, text, integer, max));
                    }
                    default -> {
                        InstrumentId iid = InstrumentId.of(id);
                        instruments.put(iid, value(key, text, integer, max));
                    }
                }
            } catch (IllegalArgumentException e) {
                errors.add(key + "='" + text + "': '" + id + "' is not a valid " + scope.label() + " id");
            }
        }
        return new ScopedLimit(name, desk, strategyDefault, accountDefault, strategies, accounts, instruments,
                venues);
    }

    private long value(String key, String text, boolean integer, long max) {
        return integer ? parseInteger(key, text, max) : parseDecimal(key, text);
    }

    private static Scope scopeNamed(String text) {
        for (Scope s : EnumSet.range(Scope.STRATEGY, Scope.VENUE)) {
            if (s.label().equals(text)) {
                return s;
            }
        }
        return null;
    }

    private static String labels(Set<Scope> scopes) {
        return scopes.stream().map(Scope::label).toList().toString();
    }

    /** Every key not read is refused: a desk-only setting with a suffix, or no risk key at all. */
    void checkUnknownKeys(List<String> desk, List<String> scopedNames) {
        for (String key : new TreeMap<>(properties).keySet()) {
            if (consumed.contains(key) || FRAMEWORK_PREFIXES.stream().anyMatch(key::startsWith)) {
                continue;
            }
            int dot = key.indexOf('.');
            String base = dot < 0 ? key : key.substring(0, dot);
            if (desk.contains(base)) {
                errors.add(key + "='" + properties.get(key) + "': " + base
                        + " is desk-wide, it has no per-scope or per-instrument value (only " + scopedNames + " do)");
            } else {
                List<String> all = new ArrayList<>(scopedNames);
                all.addAll(desk);
                errors.add(key + "='" + properties.get(key) + "' is not a risk limit (known: " + all + ")");
            }
        }
    }
}
