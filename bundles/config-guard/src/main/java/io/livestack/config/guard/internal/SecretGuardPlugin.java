package io.livestack.config.guard.internal;

import java.util.Dictionary;
import java.util.Enumeration;
import java.util.function.Function;

import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationPlugin;

/**
 * Secrets reach only the configuration's consumer. Felix's interpolation plugin resolves {@code $[secret:...]} and
 * {@code $[env:...]} for every reader of a configuration's processed properties — the component or service it is
 * delivered to, but also Karaf's {@code config:list}/{@code config:edit} and the JMX config MBean, which would then
 * show (and on {@code config:update} write back) the secret. A delivery to a consumer always names the consumer's
 * service; those readers name none. For them this plugin, ranked after interpolation, puts every placeholder back.
 */
final class SecretGuardPlugin implements ConfigurationPlugin {

    private final Function<String, Dictionary<String, Object>> rawProperties;

    /** @param rawProperties the stored (uninterpolated) properties of a PID, null when there is none */
    SecretGuardPlugin(Function<String, Dictionary<String, Object>> rawProperties) {
        this.rawProperties = rawProperties;
    }

    @Override
    public void modifyConfiguration(ServiceReference<?> reference, Dictionary<String, Object> properties) {
        if (reference != null || properties == null) {
            return; // a delivery to the configuration's consumer: it gets the secret
        }
        Object pid = properties.get(Constants.SERVICE_PID);
        Dictionary<String, Object> raw = pid == null ? null : rawProperties.apply(pid.toString());
        if (raw == null) {
            return;
        }
        for (Enumeration<String> keys = raw.keys(); keys.hasMoreElements();) {
            String key = keys.nextElement();
            Object value = raw.get(key);
            if (isPlaceholder(value)) {
                properties.put(key, value);
            }
        }
    }

    /** A value that reads a secret: it holds {@code $[secret:} or {@code $[env:}. */
    static boolean isPlaceholder(Object value) {
        if (value instanceof String s) {
            return s.contains("$[secret:") || s.contains("$[env:");
        }
        if (value instanceof String[] values) {
            for (String v : values) {
                if (isPlaceholder(v)) {
                    return true;
                }
            }
        }
        return false;
    }
}
