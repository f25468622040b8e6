package io.livestack.state.internal;

import io.livestack.api.state.ReferenceData;
import java.util.Map;
import java.util.TreeMap;

/**
 * The state stage's configuration: the retention ({@value StateConfiguration#PID}) and the reference data
 * ({@value ReferenceDataParser#PID}). The component takes both PIDs (Declarative Services merges them), so a change
 * of either travels as one configuration event of {@value StateConfiguration#PID} carrying both, journaled and
 * applied in the order of events.
 *
 * @param closedOrdersMillis how long a closed order stays in memory
 * @param executionsMillis   how long an applied execution id is kept
 * @param referenceData      the instrument reference data
 */
record StateSettings(long closedOrdersMillis, long executionsMillis, ReferenceData referenceData) {

    static final StateSettings DEFAULT = new StateSettings(StateConfiguration.DEFAULT_CLOSED_ORDERS_MILLIS,
            StateConfiguration.DEFAULT_EXECUTIONS_MILLIS, ReferenceData.NONE);

    StateSettings {
        if (closedOrdersMillis < 0 || executionsMillis < 0) {
            throw new IllegalArgumentException("retention must not be negative: "
                    + StateConfiguration.RETENTION_CLOSED_ORDERS + " = " + closedOrdersMillis + ", "
                    + StateConfiguration.RETENTION_EXECUTIONS + " = " + executionsMillis);
        }
    }

    /**
     * The configuration as text ({@code properties} from Configuration Admin): the retention and the reference data
     * keys, sorted; the framework's own keys (service.pid, component.name, ...) are left out.
     */
    static Map<String, String> text(Map<String, ?> properties) {
        Map<String, String> text = new TreeMap<>();
        for (Map.Entry<String, ?> e : properties.entrySet()) {
            String key = e.getKey();
            if (key.startsWith("retention.") || ReferenceDataParser.isReferenceData(key)) {
                text.put(key, String.valueOf(e.getValue()));
            }
        }
        return text;
    }

    /** {@link #text(Map)} with the retention as the typed configuration gives it (its defaults when not set). */
    static Map<String, String> text(StateConfiguration config, Map<String, ?> properties) {
        Map<String, String> text = text(properties);
        text.put(StateConfiguration.RETENTION_CLOSED_ORDERS, Long.toString(config.retention_closedOrdersMillis()));
        text.put(StateConfiguration.RETENTION_EXECUTIONS, Long.toString(config.retention_executionsMillis()));
        return text;
    }

    /**
     * The settings {@code properties} give: a retention key not given keeps {@code current}'s; the reference data is
     * all in {@code properties} (none: {@link ReferenceData#NONE}). Not valid: an {@link IllegalArgumentException}
     * naming every bad key and value.
     */
    static StateSettings from(Map<String, String> properties, StateSettings current) {
        long closed = millis(properties, StateConfiguration.RETENTION_CLOSED_ORDERS, current.closedOrdersMillis());
        long executions = millis(properties, StateConfiguration.RETENTION_EXECUTIONS, current.executionsMillis());
        return new StateSettings(closed, executions, ReferenceDataParser.parse(properties));
    }

    private static long millis(Map<String, String> properties, String key, long current) {
        String v = properties.get(key);
        if (v == null) {
            return current;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " = '" + v + "' is not a whole number of milliseconds", e);
        }
    }
}
