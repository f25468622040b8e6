package io.livestack.api.event;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A service the chain decides with came or went: a stage, a venue adapter, a strategy, a custom risk check. The
 * runtime (stages, venues), the strategy host (strategies) and the risk stage (checks) publish one when the service
 * registry binds or unbinds it; the chain uses the service from the moment this event is processed to the moment
 * its unbinding is, so that a replay of the journal sees the same chain at the same point.
 *
 * @param kind       what came or went
 * @param id         which one: the venue, the strategy, the check's name; the stage's name for stages
 * @param bound      true when it came, false when it went
 * @param generation which registration (a service re-registered under the same id is a new generation)
 * @param bundle     the providing bundle's symbolic name ("" when not known)
 * @param version    the providing bundle's version ("" when not known)
 * @param properties the service properties that define it (its configuration; for a venue also its instruments),
 *                   as text, sorted by key
 */
public record BindingEvent(long sourceTimeNanos, Kind kind, String id, boolean bound, long generation,
        String bundle, String version, Map<String, String> properties) implements Event {

    /** What kind of service. */
    public enum Kind {
        STATE, STRATEGY_HOST, RISK, EXECUTION, VENUE, STRATEGY, RISK_CHECK
    }

    /** The service property of a venue adapter's binding that lists its instruments, comma-separated. */
    public static final String INSTRUMENTS = "livestack.venue.instruments";

    /**
     * The property of a venue adapter's binding that the runtime refused, saying why (another adapter serves the
     * venue id and stays bound): the chain records the refusal and never uses that adapter; no unbinding follows.
     */
    public static final String REFUSED = "livestack.binding.refused";

    public BindingEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        bundle = bundle == null ? "" : bundle;
        version = version == null ? "" : version;
        properties = properties == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(properties));
    }
}
