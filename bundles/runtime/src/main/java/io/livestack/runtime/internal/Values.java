package io.livestack.runtime.internal;

import java.util.Locale;
import java.util.Map;

/**
 * Reads one value of a Config Admin configuration: text as in a {@code .cfg} file, or typed. An absent key gives the
 * default; a value of the wrong kind is an {@link IllegalArgumentException} naming the key and the value.
 */
final class Values {

    private Values() {
    }

    static String string(Map<String, ?> p, String key, String def) {
        Object v = p.get(key);
        if (v == null) {
            return def;
        }
        if (v instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException(key + " = '" + v + "' must be text, not " + v.getClass().getSimpleName());
    }

    static long number(Map<String, ?> p, String key, long def) {
        Object v = p.get(key);
        if (v == null) {
            return def;
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " = '" + s + "' is not a whole number", e);
            }
        }
        throw new IllegalArgumentException(key + " = '" + v + "' is not a whole number");
    }

    static int integer(Map<String, ?> p, String key, int def) {
        long v = number(p, key, def);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(key + " = " + v + " is out of range");
        }
        return (int) v;
    }

    static boolean bool(Map<String, ?> p, String key, boolean def) {
        Object v = p.get(key);
        if (v == null) {
            return def;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String s = v.toString().trim().toLowerCase(Locale.ROOT);
        if (s.equals("true")) {
            return true;
        }
        if (s.equals("false")) {
            return false;
        }
        throw new IllegalArgumentException(key + " = '" + v + "' must be true or false");
    }
}
