package io.livestack.api.runtime;

import io.livestack.api.event.BindingEvent;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A stage whose decisions depend on what it receives from outside the chain — its configuration, services it binds
 * itself — and that takes it in only when the chain hands it back, so that it takes effect at one place in the order
 * of events and a replay applies it at the same place. A configuration change arrives at the component from
 * Configuration Admin; the component publishes it as a {@link io.livestack.api.event.ConfigurationEvent} (when a
 * runtime is there to take it) and applies it in {@link #configure}. The configuration in force when the stage was
 * bound travels in its {@link BindingEvent}'s properties and is applied the same way. Processing thread.
 */
@ConsumerType
public interface Configurable {

    /** The persistent identity of its configuration, e.g. {@code livestack.risk}. */
    String configurationPid();

    /**
     * Takes the whole configuration in (values as text). A configuration that is not valid is refused (an
     * {@link IllegalArgumentException} naming the key and the value) and the one in force stays.
     */
    void configure(Map<String, String> properties);

    /** A service this stage binds itself (a risk stage's custom check), handed back by the chain. */
    default void onBinding(BindingEvent binding, boolean replaying) {
    }
}
