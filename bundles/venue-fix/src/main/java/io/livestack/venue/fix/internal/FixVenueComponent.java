package io.livestack.venue.fix.internal;

import com.codahale.metrics.MetricRegistry;
import io.livestack.api.runtime.EventIntake;
import io.livestack.api.venue.VenueAdapter;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance per factory configuration {@code livestack.venue.fix} ({@code etc/livestack.venue.fix-NAME.cfg}):
 * validates it, starts the venue's FIX session and registers its {@link VenueAdapter} with
 * {@value VenueAdapter#VENUE_PROPERTY}=venue id. A changed file restarts the session cleanly with the new settings;
 * a removed file logs out and disposes of it, then unregisters the service (intake then marks the venue
 * UNAVAILABLE).
 * <p>
 * A configuration that would share the venue id, the FIX store directory or the FIX session of another running
 * one is refused by {@link VenueClaims} before its adapter exists: the activation fails with a message naming both
 * files, and the running venue is untouched.
 * <p>
 * The adapter is registered through the bundle context rather than as the component's own service so that the
 * configuration (which holds the password) does not become service properties.
 * <p>
 * Metrics: with a {@link MetricRegistry} service (optional, dynamic) the venue's message counters, reconnects and
 * heartbeat lag ({@link VenueTelemetry}) are registered in it; they leave it when the registry goes, when the venue
 * id changes (under the new id) and when the venue is removed.
 */
@Capability(
        namespace = "osgi.service",
        attribute = "objectClass:List<String>=io.livestack.api.venue.VenueAdapter",
        uses = VenueAdapter.class)
@Component(
        name = FixVenueSettings.FACTORY_PID,
        configurationPid = FixVenueSettings.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {},
        immediate = true)
@Designate(ocd = FixVenueConfig.class, factory = true)
public final class FixVenueComponent {

    private static final Logger LOG = LoggerFactory.getLogger(FixVenueComponent.class);

    private final BundleContext bundleContext;
    private final Path dataDir;
    private final VenueClaims claims;
    private final FixVenueAdapter adapter;
    private VenueClaim claim;
    private ServiceRegistration<VenueAdapter> registration;

    /**
     * @throws VenueClaims.Refused when another running configuration of this bundle has the same venue id, store
     *                             directory or FIX session: refused before the adapter exists (nothing connects, no
     *                             store is opened)
     */
    @Activate
    public FixVenueComponent(BundleContext bundleContext, @Reference EventIntake intake,
            @Reference VenueClaims claims, Map<String, Object> properties) {
        this.bundleContext = bundleContext;
        this.dataDir = dataDir(bundleContext);
        this.claims = claims;
        FixVenueSettings settings = FixVenueSettings.parse(properties, dataDir);
        VenueClaim claimed = VenueClaim.of(settings, properties);
        claims.claim(claimed);
        FixVenueAdapter created = null;
        try {
            created = FixVenueAdapter.create(settings, intake);
            created.start();
            this.registration = bundleContext.registerService(VenueAdapter.class, created, properties(settings));
        } catch (RuntimeException e) {
            if (created != null) {
                created.close();
            }
            claims.release(claimed);
            throw e;
        }
        this.adapter = created;
        this.claim = claimed;
        LOG.info("FIX venue {} configured: {}", settings.venue(), settings);
    }

    /**
     * @throws VenueClaims.Refused when the changed configuration would clash with another running one: the venue
     *                             keeps running with its previous settings
     */
    @Modified
    void modified(Map<String, Object> properties) {
        FixVenueSettings settings = FixVenueSettings.parse(properties, dataDir);
        FixVenueSettings old = adapter.settings();
        if (settings.equals(old)) {
            return;
        }
        VenueClaim changed = VenueClaim.of(settings, properties);
        claims.reclaim(claim, changed);
        claim = changed;
        LOG.info("FIX venue {} reconfigured: {}", settings.venue(), settings);
        if (!settings.venue().equals(old.venue())) {
            // another venue id is another venue: the old one goes away (UNAVAILABLE), the new one appears
            unregister();
            adapter.reconfigure(settings);
            registration = register(settings);
        } else {
            adapter.reconfigure(settings);
            registration.setProperties(properties(settings));
        }
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
        // log out first (LOGGED_OUT reaches intake before the service goes away and intake says UNAVAILABLE)
        try {
            adapter.close();
        } finally {
            unregister();
            claims.release(claim);
        }
    }

    private ServiceRegistration<VenueAdapter> register(FixVenueSettings settings) {
        return bundleContext.registerService(VenueAdapter.class, adapter, properties(settings));
    }

    private void unregister() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyUnregistered) {
                // the framework unregisters a stopping bundle's services itself
            }
            registration = null;
        }
    }

    private static Dictionary<String, Object> properties(FixVenueSettings settings) {
        Dictionary<String, Object> p = new Hashtable<>();
        p.put(VenueAdapter.VENUE_PROPERTY, settings.venue().value());
        p.put("livestack.venue.kind", "fix");
        p.put("livestack.fix.beginString", settings.dialect().beginString());
        if (settings.orderTags().account() != null) {
            p.put("account", settings.orderTags().account().value()); // the runtime's account of orders without one
        }
        p.put(Constants.SERVICE_DESCRIPTION, "Live Stack FIX venue " + settings.venue());
        return p;
    }

    private static Path dataDir(BundleContext context) {
        String karafData = context.getProperty("karaf.data");
        Path base = karafData == null || karafData.isBlank() ? Path.of("data") : Path.of(karafData);
        return base.resolve("livestack").resolve("fix");
    }
}
