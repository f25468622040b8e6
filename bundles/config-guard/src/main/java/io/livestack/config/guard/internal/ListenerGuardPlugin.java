package io.livestack.config.guard.internal;

import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listener guard: every configuration delivered to a guarded listener (pax-web, Karaf's SSH server) passes
 * through its {@link ListenerRule} first; a refused one reaches the listener already changed to loopback, and
 * karaf.log gets an ERROR saying which key to set. Ranked after Felix's interpolation plugin, so it judges the values
 * the listener really gets ({@code $[env:...]}, {@code $[secret:...]} resolved).
 */
final class ListenerGuardPlugin implements ConfigurationPlugin {

    private static final Logger LOG = LoggerFactory.getLogger(ListenerGuardPlugin.class);

    private final Map<String, ListenerRule> rules;

    ListenerGuardPlugin(List<ListenerRule> rules) {
        this.rules = rules.stream().collect(Collectors.toMap(ListenerRule::pid, Function.identity()));
    }

    /** The PIDs this plugin must see (its {@code cm.target}). */
    String[] targets() {
        return rules.keySet().toArray(new String[0]);
    }

    @Override
    public void modifyConfiguration(ServiceReference<?> reference, Dictionary<String, Object> properties) {
        if (reference == null || properties == null) {
            return; // not a delivery to the listener (e.g. config:list): show what is configured
        }
        Object pid = properties.get(org.osgi.framework.Constants.SERVICE_PID);
        ListenerRule rule = pid == null ? null : rules.get(pid.toString());
        if (rule != null) {
            rule.enforce(properties).ifPresent(LOG::error);
        }
    }
}
