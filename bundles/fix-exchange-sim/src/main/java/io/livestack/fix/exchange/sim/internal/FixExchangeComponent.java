package io.livestack.fix.exchange.sim.internal;

import io.livestack.fix.exchange.sim.ExchangeControl;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
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
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.ConfigError;

/**
 * Runs the FIX exchange simulator configured by {@code etc/livestack.fixsim.cfg} and registers its
 * {@link ExchangeControl}. A changed configuration restarts it (the message stores stay, so clients' sequence numbers
 * continue; the book starts afresh).
 */
@Capability(
        namespace = "osgi.service",
        attribute = "objectClass:List<String>=io.livestack.fix.exchange.sim.ExchangeControl",
        uses = ExchangeControl.class)
@Component(name = ExchangeControl.PID, configurationPid = ExchangeControl.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, service = {}, immediate = true)
@Designate(ocd = SimConfig.class)
public final class FixExchangeComponent {

    private static final Logger LOG = LoggerFactory.getLogger(FixExchangeComponent.class);

    private final BundleContext context;
    private final Path dataDir;
    private FixExchange exchange;
    private ServiceRegistration<ExchangeControl> registration;

    @Activate
    public FixExchangeComponent(BundleContext context, Map<String, Object> properties) {
        this.context = context;
        String karafData = context.getProperty("karaf.data");
        this.dataDir = (karafData == null || karafData.isBlank() ? Path.of("data") : Path.of(karafData))
                .resolve("livestack").resolve("fixsim");
        start(SimSettings.parse(properties, dataDir));
    }

    @Modified
    void modified(Map<String, Object> properties) {
        SimSettings settings = SimSettings.parse(properties, dataDir);
        stop();
        start(settings);
    }

    @Deactivate
    void deactivate() {
        stop();
    }

    private void start(SimSettings settings) {
        FixExchange started = new FixExchange(settings, Clock.systemUTC());
        try {
            started.start();
        } catch (ConfigError | IOException | RuntimeException e) {
            started.close();
            throw new IllegalStateException("cannot start the FIX exchange simulator on " + settings.bindAddress()
                    + ":" + settings.port() + ": " + e.getMessage(), e);
        }
        exchange = started;
        Dictionary<String, Object> p = new Hashtable<>();
        p.put("livestack.fixsim.port", started.port());
        p.put(Constants.SERVICE_DESCRIPTION, "Live Stack FIX exchange simulator");
        registration = context.registerService(ExchangeControl.class, started, p);
        LOG.info("FIX exchange simulator started: {}", settings);
    }

    private void stop() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyUnregistered) {
                // the framework unregisters a stopping bundle's services itself
            }
            registration = null;
        }
        if (exchange != null) {
            exchange.close();
            exchange = null;
        }
    }
}
