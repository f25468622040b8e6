package io.livestack.venue.sim.internal;

import com.codahale.metrics.MetricRegistry;
import io.livestack.api.runtime.EventIntake;
import io.livestack.api.venue.VenueAdapter;
import java.util.Dictionary;
import java.util.Hashtable;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated venue per factory configuration {@value #FACTORY_PID} ({@code etc/livestack.venue.sim-NAME.cfg}):
 * validates it, creates the venue's {@link SimVenueAdapter} (its own named thread) and registers it as a
 * {@link VenueAdapter} service with {@value VenueAdapter#VENUE_PROPERTY}=venue id and
 * {@code livestack.venue.kind=sim}. A changed file replaces the venue (a new market from the seed; the runtime
 * reconciles its open orders with the new one); a removed file logs the venue out, stops its thread, then
 * unregisters the service (intake then marks the venue UNAVAILABLE).
 * <p>
 * The adapter is registered through the bundle context, not as the component's own service, so that its service
 * properties are the venue id and kind rather than the whole configuration (the same as the FIX venue); the
 * {@link Capability} annotation tells the resolver this bundle provides the service.
 * <p>
 * Metrics: with a {@link MetricRegistry} service (optional, dynamic) the venue's counters and heartbeat lag
 * ({@link SimVenueTelemetry}) are registered in it; they leave it when the registry goes and when the venue is removed.
 */
@Capability(
        namespace = "osgi.service",
        attribute = "objectClass:List<String>=io.livestack.api.venue.VenueAdapter",
        uses = VenueAdapter.class)
@Component(
        name = SimVenueComponent.FACTORY_PID,
        configurationPid = SimVenueComponent.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {},
        immediate = true)
@Designate(ocd = SimVenueConfig.class, factory = true)
public final class SimVenueComponent {

    static final String FACTORY_PID = "livestack.venue.sim";
    private static final Logger LOG = LoggerFactory.getLogger(SimVenueComponent.class);

    private final SimVenueAdapter adapter;
    private final ServiceRegistration<VenueAdapter> registration;

    @Activate
    public SimVenueComponent(BundleContext bundleContext, SimVenueConfig config,
            @Reference(name = "intake") EventIntake intake) {
        SimVenueSettings settings = SimVenueSettings.from(config);
        account(config); // validated before anything starts
        this.adapter = new SimVenueAdapter(settings, intake, SimVenueAdapter::wallClockNanos,
                SimVenueAdapter.newExecutor(settings.venue()), SimVenueAdapter.idPrefix(settings.venue()));
        try {
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put(VenueAdapter.VENUE_PROPERTY, settings.venue().value());
            properties.put("livestack.venue.kind", "sim");
            String account = account(config);
            if (account != null) {
                properties.put("account", account); // the runtime's account of this venue's orders without one
            }
            properties.put(Constants.SERVICE_DESCRIPTION, "Live Stack simulated venue " + settings.venue());
            this.registration = bundleContext.registerService(VenueAdapter.class, adapter, properties);
        } catch (RuntimeException e) {
            adapter.close();
            throw e;
        }
        LOG.info("Simulated venue {} active: {}", settings.venue(), adapter.describe());
    }

    @Reference(name = "metricRegistry", service = MetricRegistry.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "unbindMetricRegistry")
    void bindMetricRegistry(MetricRegistry registry) {
        adapter.bindMetrics(registry);
    }

    void unbindMetricRegistry(MetricRegistry registry) {
        adapter.unbindMetrics(registry);
    }

    @Deactivate
    void deactivate() {
        // log out first: LOGGED_OUT reaches intake before the service goes away and intake says UNAVAILABLE
        try {
            adapter.close();
        } finally {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyUnregistered) {
                // the framework unregisters a stopping bundle's services itself
            }
        }
    }

    /** The configured {@code account}, or null when empty; a bad one fails naming the key and value. */
    static String account(SimVenueConfig config) {
        String text = config.account();
        try {
            io.livestack.api.model.AccountId id = io.livestack.api.model.AccountId.orElse(text, null);
            return id == null ? null : id.value();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("account: '" + text + "' is not a valid account: " + e.getMessage(), e);
        }
    }
}
