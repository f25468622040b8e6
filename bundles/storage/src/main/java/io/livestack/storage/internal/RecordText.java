package io.livestack.storage.internal;

import java.lang.reflect.RecordComponent;

/**
 * A readable rendering of a record and everything in it, for the dead-letter table's {@code content}:
 * {@code FillRecord{seq=12, timeNanos=..., venue=SIM, ...}}. Typed ids show their value; prices and quantities
 * their fixed-point long (8 decimals). The exact, replayable form is the dead letter's {@code payload}.
 */
final class RecordText {

    private RecordText() {
    }

    static String render(Object value) {
        StringBuilder sb = new StringBuilder(256);
        render(value, sb);
        return sb.toString();
    }

    private static void render(Object value, StringBuilder sb) {
        if (!(value instanceof Record record)) {
            sb.append(value);
            return;
        }
        RecordComponent[] components = record.getClass().getRecordComponents();
        if (components.length == 1 && components[0].getName().equals("value")) {
            sb.append(component(record, components[0])); // a typed id
            return;
        }
        sb.append(record.getClass().getSimpleName()).append('{');
        for (int i = 0; i < components.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(components[i].getName()).append('=');
            render(component(record, components[i]), sb);
        }
        sb.append('}');
    }

    private static Object component(Record record, RecordComponent component) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "<" + e + ">";
        }
    }
}
