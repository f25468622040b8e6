package io.livestack.config.guard.internal;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import org.osgi.annotation.bundle.Header;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationPlugin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Registers the {@link ListenerGuardPlugin} and the {@link SecretGuardPlugin}. A plain activator (no DS): the bundle
 * starts at start level 12, right after Config Admin and before pax-web or the SSH server ask for their
 * configuration. Both rank after Felix's interpolation plugin (500), so they see the values the consumer gets.
 */
@Header(name = Constants.BUNDLE_ACTIVATOR, value = "${@class}")
public final class Activator implements BundleActivator {

    /** Plugins ranked above 1000 must not change anything. */
    static final int LISTENER_GUARD_RANKING = 900;
    static final int SECRET_GUARD_RANKING = 950;

    private ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> configAdmin;
    private ServiceRegistration<ConfigurationPlugin> listenerGuard;
    private ServiceRegistration<ConfigurationPlugin> secretGuard;

    @Override
    public void start(BundleContext context) {
        configAdmin = new ServiceTracker<>(context, ConfigurationAdmin.class, null);
        configAdmin.open();

        ListenerGuardPlugin listeners = new ListenerGuardPlugin(List.of(new HttpListenerRule(), new SshListenerRule()));
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(ConfigurationPlugin.CM_TARGET, listeners.targets());
        p.put(ConfigurationPlugin.CM_RANKING, LISTENER_GUARD_RANKING);
        p.put("config.plugin.id", "io.livestack.config.guard.listeners");
        p.put(Constants.SERVICE_DESCRIPTION, "Live Stack: HTTP and SSH stay on loopback unless secured");
        listenerGuard = context.registerService(ConfigurationPlugin.class, listeners, p);

        Hashtable<String, Object> s = new Hashtable<>();
        s.put(ConfigurationPlugin.CM_RANKING, SECRET_GUARD_RANKING);
        s.put("config.plugin.id", "io.livestack.config.guard.secrets");
        s.put(Constants.SERVICE_DESCRIPTION, "Live Stack: $[secret:]/$[env:] values only for the configuration's consumer");
        secretGuard = context.registerService(ConfigurationPlugin.class, new SecretGuardPlugin(this::rawProperties), s);
    }

    /** The stored properties of a PID, as Config Admin holds them (no plugin applied); null when unknown. */
    private Dictionary<String, Object> rawProperties(String pid) {
        ConfigurationAdmin admin = configAdmin.getService();
        if (admin == null) {
            return null;
        }
        try {
            Configuration[] found = admin.listConfigurations("(" + Constants.SERVICE_PID + "=" + escape(pid) + ")");
            return found == null || found.length == 0 ? null : found[0].getProperties();
        } catch (IOException | InvalidSyntaxException e) {
            return null;
        }
    }

    /** A filter value with the characters LDAP filters reserve escaped. */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("*", "\\*").replace("(", "\\(").replace(")", "\\)");
    }

    @Override
    public void stop(BundleContext context) {
        for (ServiceRegistration<?> r : new ServiceRegistration<?>[] {listenerGuard, secretGuard}) {
            if (r != null) {
                r.unregister();
            }
        }
        listenerGuard = null;
        secretGuard = null;
        configAdmin.close();
    }
}
