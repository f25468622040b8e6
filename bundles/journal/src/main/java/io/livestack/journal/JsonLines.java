package io.livestack.journal;

import io.livestack.api.model.Fixed;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Plain data as JSON, one value at a time: records as objects of their components (in declaration order), enums as
 * their names, collections as arrays, maps as objects (keys sorted), ids (records of one {@code value}) as that value.
 * A {@code long} named {@code price}, {@code quantity}, {@code fee} or ending in {@code Price}, {@code Quantity} or
 * {@code Pnl} is fixed-point ({@link Fixed}) and written as a decimal string ({@code "50000.5"}), exact; every other
 * number as a JSON number. The format is documented in docs/operations.md (journal export).
 */
public final class JsonLines {

    private JsonLines() {
    }

    public static void value(StringBuilder out, String name, Object v) {
        if (v == null) {
            out.append("null");
        } else if (v instanceof Long l && name != null && isFixed(name)) {
            string(out, Fixed.format(l));
        } else if (v instanceof Number || v instanceof Boolean) {
            out.append(v);
        } else if (v instanceof CharSequence || v instanceof Character) {
            string(out, v.toString());
        } else if (v instanceof Enum<?> e) {
            string(out, e.name());
        } else if (v instanceof Record r) {
            record(out, r);
        } else if (v instanceof Map<?, ?> m) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> e : sorted(m).entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(out, e.getKey());
                out.append(':');
                value(out, e.getKey(), e.getValue());
            }
            out.append('}');
        } else if (v instanceof Collection<?> c) {
            out.append('[');
            boolean first = true;
            for (Object o : c) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                value(out, name, o);
            }
            out.append(']');
        } else {
            string(out, v.toString());
        }
    }

    /** A record component: its name (and that name as JSON, with the colon) and its accessor. */
    private record Component(String name, String jsonName, java.lang.reflect.Method accessor) {
    }

    /**
     * Each record class's components, looked up once: {@code Class.getRecordComponents()} builds new arrays and
     * objects on every call, which made it most of the encoding's cost.
     */
    private static final ClassValue<Component[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected Component[] computeValue(Class<?> type) {
            RecordComponent[] rc = type.getRecordComponents();
            Component[] c = new Component[rc.length];
            for (int i = 0; i < rc.length; i++) {
                StringBuilder json = new StringBuilder();
                string(json, rc[i].getName());
                c[i] = new Component(rc[i].getName(), json.append(':').toString(), rc[i].getAccessor());
            }
            return c;
        }
    };

    /** A record: an id (one component named value) as that value, else an object of its components. */
    private static void record(StringBuilder out, Record r) {
        Component[] components = COMPONENTS.get(r.getClass());
        if (components.length == 1 && components[0].name().equals("value")) {
            value(out, null, read(components[0], r));
            return;
        }
        out.append('{');
        for (int i = 0; i < components.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(components[i].jsonName());
            value(out, components[i].name(), read(components[i], r));
        }
        out.append('}');
    }

    private static Object read(Component c, Record r) {
        try {
            return c.accessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + c.name() + " of " + r.getClass().getSimpleName(), e);
        }
    }

    private static Map<String, Object> sorted(Map<?, ?> m) {
        Map<String, Object> s = new TreeMap<>();
        m.forEach((k, v) -> s.put(k instanceof Record r && COMPONENTS.get(r.getClass()).length == 1
                ? String.valueOf(read(COMPONENTS.get(r.getClass())[0], r)) : String.valueOf(k), v));
        return s;
    }

    public static boolean isFixed(String name) {
        return name.equals("price") || name.equals("quantity") || name.equals("fee") || name.equals("fees")
                || name.endsWith("Price") || name.endsWith("Quantity") || name.endsWith("Pnl");
    }

    public static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
