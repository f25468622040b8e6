package io.livestack.api.event;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the runtime tells the chain about itself, sequenced and journaled like any input.
 *
 * @param kind   what happened
 * @param detail for {@link Kind#MANIFEST}, what is in force: {@code bundle:<symbolic name>} → version and
 *               {@code config:<pid>:<key>} → value; for the others, empty or a reason
 */
public record RuntimeEvent(long sourceTimeNanos, Kind kind, Map<String, String> detail) implements Event {

    /** What happened. */
    public enum Kind {
        /** Take a snapshot of every stage here (periodically, and at a clean stop). */
        SNAPSHOT,
        /** The runtime recovered from its journal: what follows is live again. */
        RECOVERED,
        /** The bundles and configurations in force: at session start and whenever one changes. */
        MANIFEST
    }

    public RuntimeEvent {
        Objects.requireNonNull(kind, "kind");
        detail = detail == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(detail));
    }
}
