package io.livestack.venue.fix.internal;

import io.livestack.api.model.InstrumentId;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads the raw values of a venue file; every failure names the PID, the key and the value. */
final class VenueConfigReader {
    private final Map<String, ?> properties;

    VenueConfigReader(Map<String, ?> properties) {
        this.properties = properties;
    }

    IllegalArgumentException bad(String key, Object value, String why) {
        return new IllegalArgumentException(
                FixVenueSettings.FACTORY_PID + ": key '" + key + "' has the bad value '" + value + "': " + why);
    }

    /** Every key of the file (to find the keys of a family, e.g. {@code fields.*}). */
    Set<String> keys() {
        return properties.keySet();
    }

    private Object raw(String key) {
        Object value = properties.get(key);
        if (value instanceof String s) {
            return s.trim();
        }
        return value;
    }

    String required(String key) {
        Object value = raw(key);
        if (value == null || value.toString().isBlank()) {
            throw new IllegalArgumentException(FixVenueSettings.FACTORY_PID + ": key '" + key + "' is missing");
        }
        return value.toString();
    }

    String string(String key, String defaultValue) {
        Object value = raw(key);
        return value == null ? defaultValue : value.toString();
    }

    String secret(String key) {
        Object value = properties.get(key);
        if (value == null) {
            return "";
        }
        if (value instanceof char[] chars) {
            return new String(chars);
        }
        return value.toString();
    }

    int integer(String key, int defaultValue, int min, int max) {
        Object value = raw(key);
        if (value == null || value.toString().isEmpty()) {
            return defaultValue;
        }
        long parsed;
        if (value instanceof Number n) {
            parsed = n.longValue();
        } else {
            try {
                parsed = Long.parseLong(value.toString());
            } catch (NumberFormatException e) {
                throw bad(key, value, "expected a whole number from " + min + " to " + max);
            }
        }
        if (parsed < min || parsed > max) {
            throw bad(key, value, "expected a whole number from " + min + " to " + max);
        }
        return (int) parsed;
    }

    String storeType(String key) {
        String type = string(key, "");
        if (type.isEmpty()) {
            return FixVenueSettings.DEFAULT_TLS_STORE_TYPE;
        }
        try {
            java.security.KeyStore.getInstance(type);
        } catch (java.security.KeyStoreException e) {
            throw bad(key, type, "not a key store type of this JVM (e.g. PKCS12 or JKS)");
        }
        return type;
    }

    boolean bool(String key, boolean defaultValue) {
        Object value = raw(key);
        if (value == null || value.toString().isEmpty()) {
            return defaultValue;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = value.toString();
        if (text.equalsIgnoreCase("true")) {
            return true;
        }
        if (text.equalsIgnoreCase("false")) {
            return false;
        }
        throw bad(key, value, "expected true or false");
    }

    Path path(String key, Path defaultValue) {
        String text = string(key, "");
        if (text.isEmpty()) {
            return defaultValue;
        }
        try {
            return Path.of(text);
        } catch (RuntimeException e) {
            throw bad(key, text, "not a valid path: " + e.getMessage());
        }
    }

    Set<InstrumentId> instruments(String key) {
        Object value = properties.get(key);
        Collection<String> parts;
        if (value == null) {
            parts = List.of();
        } else if (value instanceof String[] array) {
            parts = Arrays.asList(array);
        } else if (value instanceof Collection<?> collection) {
            parts = collection.stream().map(String::valueOf).collect(Collectors.toList());
        } else {
            parts = List.of(value.toString());
        }
        Set<InstrumentId> result = new LinkedHashSet<>();
        for (String part : parts) {
            for (String symbol : part.split("[,\\s]+")) {
                if (symbol.isEmpty()) {
                    continue;
                }
                try {
                    result.add(new InstrumentId(symbol));
                } catch (IllegalArgumentException e) {
                    throw bad(key, symbol, e.getMessage());
                }
            }
        }
        if (result.isEmpty()) {
            throw new IllegalArgumentException(FixVenueSettings.FACTORY_PID + ": key '" + key
                    + "' is missing: list at least one instrument (FIX Symbol), comma separated");
        }
        return result;
    }
}
