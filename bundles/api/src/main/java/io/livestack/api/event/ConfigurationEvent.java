package io.livestack.api.event;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A configuration that changes decisions changed (risk limits, the strategy host's settings): the component that
 * received it from Configuration Admin publishes it, and applies it when the chain hands it back — so it takes
 * effect at one place in the order of events, and a replay applies it at the same place.
 *
 * @param pid        the configuration's persistent identity, e.g. {@code livestack.risk}
 * @param properties the whole configuration as text, sorted by key
 */
public record ConfigurationEvent(long sourceTimeNanos, String pid, Map<String, String> properties) implements Event {

    public ConfigurationEvent {
        Objects.requireNonNull(pid, "pid");
        properties = properties == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(properties));
    }
}
