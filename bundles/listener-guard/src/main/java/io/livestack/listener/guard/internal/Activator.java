package io.livestack.listener.guard.internal;

import java.util.Hashtable;
import java.util.List;

import org.osgi.annotation.bundle.Header;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationPlugin;

/**
 * Registers the {@link ListenerGuardPlugin}. A plain activator (no DS): the bundle starts in Karaf's startup stage,
 * right after Config Admin and before any boot feature, so the plugin is there before pax-web or the SSH server ask
 * for their configuration.
 */
@Header(name = Constants.BUNDLE_ACTIVATOR, value = "${@class}")
public final class Activator implements BundleActivator {

    /** After Felix's interpolation plugin (500); plugins ranked above 1000 must not change anything. */
    static final int RANKING = 900;
    static final String PLUGIN_ID = "io.livestack.listener.guard";

    private ServiceRegistration<ConfigurationPlugin> registration;

    @Override
    public void start(BundleContext context) {
        ListenerGuardPlugin plugin = new ListenerGuardPlugin(List.of(new HttpListenerRule(), new SshListenerRule()));
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(ConfigurationPlugin.CM_TARGET, plugin.targets());
        properties.put(ConfigurationPlugin.CM_RANKING, RANKING);
        properties.put("config.plugin.id", PLUGIN_ID);
        properties.put(Constants.SERVICE_DESCRIPTION, "Live Stack: HTTP and SSH stay on loopback unless secured");
        registration = context.registerService(ConfigurationPlugin.class, plugin, properties);
    }

    @Override
    public void stop(BundleContext context) {
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
    }
}
