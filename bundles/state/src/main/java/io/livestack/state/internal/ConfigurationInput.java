package io.livestack.state.internal;

import io.livestack.api.event.ConfigurationEvent;
import io.livestack.api.runtime.EventIntake;
import io.livestack.api.state.ReferenceData;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the state's configuration (retention and reference data, {@link StateSettings}) gets in the order of events:
 * what Configuration Admin gives is published to the runtime's intake as one {@link ConfigurationEvent} of
 * {@value StateConfiguration#PID}, applied when the chain hands it back. Remembers the text it was given last, so
 * that after a restore whose reference data differs (the file changed while the runtime was down) it is published
 * again. Any thread.
 */
final class ConfigurationInput {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigurationInput.class);

    private volatile EventIntake intake;
    private volatile Map<String, String> configured = Map.of();

    void bind(EventIntake target) {
        intake = target;
    }

    void unbind(EventIntake target) {
        if (intake == target) {
            intake = null;
        }
    }

    /** Configuration Admin gave this (valid) text. */
    void given(Map<String, String> text) {
        configured = Map.copyOf(text);
    }

    /** The reference data part of the text given last. */
    Map<String, String> referenceDataText() {
        Map<String, String> out = new java.util.TreeMap<>();
        configured.forEach((k, v) -> {
            if (ReferenceDataParser.isReferenceData(k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** The retention part of the text given last, else {@code inForce}'s. */
    Map<String, String> retentionText(StateSettings inForce) {
        Map<String, String> out = new java.util.TreeMap<>();
        out.put(StateConfiguration.RETENTION_CLOSED_ORDERS, Long.toString(inForce.closedOrdersMillis()));
        out.put(StateConfiguration.RETENTION_EXECUTIONS, Long.toString(inForce.executionsMillis()));
        configured.forEach((k, v) -> {
            if (k.startsWith("retention.")) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** Publishes the text given last; false when no runtime takes it (the caller applies it at once). */
    boolean publish() {
        EventIntake target = intake;
        if (target == null) {
            return false;
        }
        target.publish(event(configured));
        return true;
    }

    /**
     * After a restore with {@code inForce}: when the reference data given last differs, it is queued again (without
     * waiting: the processing thread calls this) so that it takes effect, in order, after the recovery.
     */
    void putBackAfterRestore(ReferenceData inForce) {
        EventIntake target = intake;
        Map<String, String> text = configured;
        if (target == null || text.isEmpty()) {
            return;
        }
        ReferenceData given;
        try {
            given = ReferenceDataParser.parse(text);
        } catch (IllegalArgumentException e) {
            return; // refused when it came
        }
        if (!given.equals(inForce) && !target.offer(event(text), 0, TimeUnit.MILLISECONDS)) {
            LOG.warn("The configured reference data differs from the snapshot's and could not be queued: the "
                    + "snapshot's stays in force until the configuration changes again");
        }
    }

    private static ConfigurationEvent event(Map<String, String> text) {
        return new ConfigurationEvent(System.currentTimeMillis() * 1_000_000L, StateConfiguration.PID, text);
    }
}
