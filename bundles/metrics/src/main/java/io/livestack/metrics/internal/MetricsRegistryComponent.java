package io.livestack.metrics.internal;

import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.jmx.JmxReporter;

/**
 * Owns the stack's single Dropwizard {@link MetricRegistry}: creates it, publishes it as an OSGi
 * service (objectClass {@code com.codahale.metrics.MetricRegistry}) for every stage to update,
 * and exports it over JMX in the domain {@value #JMX_DOMAIN}.
 *
 * <p>The registry is a plain library object, not the component instance, so it is registered
 * through the bundle context. The {@link Capability} annotation advertises that service to the
 * resolver, so features whose bundles {@code @Reference MetricRegistry} resolve.
 */
@Capability(
        namespace = "osgi.service",
        attribute = "objectClass:List<String>=com.codahale.metrics.MetricRegistry",
        uses = MetricRegistry.class)
@Component(service = {}, immediate = true)
public final class MetricsRegistryComponent {

    static final String JMX_DOMAIN = "livestack";

    private final MetricRegistry registry;
    private final JmxReporter jmxReporter;
    private final ServiceRegistration<MetricRegistry> registration;

    @Activate
    public MetricsRegistryComponent(BundleContext bundleContext) {
        this.registry = new MetricRegistry();
        this.jmxReporter = JmxReporter.forRegistry(registry).inDomain(JMX_DOMAIN).build();
        this.jmxReporter.start();
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_DESCRIPTION, "Live Stack metric registry");
        properties.put("livestack.jmx.domain", JMX_DOMAIN);
        this.registration = bundleContext.registerService(MetricRegistry.class, registry, properties);
    }

    @Deactivate
    void deactivate() {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyUnregistered) {
            // the framework unregisters a stopping bundle's services itself
        }
        jmxReporter.stop();
    }
}
