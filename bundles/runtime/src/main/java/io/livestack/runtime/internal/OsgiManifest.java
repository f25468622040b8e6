package io.livestack.runtime.internal;

import io.livestack.runtime.internal.operator.Manifest;
import java.io.IOException;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The manifest from the framework: the version of every {@code io.livestack.*} bundle and of every bundle that
 * registers a strategy, and every {@code livestack.*} configuration (factory ones included) from Configuration Admin.
 */
final class OsgiManifest implements Manifest {

    private static final Logger LOG = LoggerFactory.getLogger(OsgiManifest.class);
    private static final String STRATEGY = "io.livestack.api.strategy.Strategy";

    private final BundleContext context;
    private final Supplier<ConfigurationAdmin> configurations;

    OsgiManifest(BundleContext context, Supplier<ConfigurationAdmin> configurations) {
        this.context = context;
        this.configurations = configurations;
    }

    @Override
    public Map<String, String> current() {
        Map<String, String> out = new TreeMap<>();
        try {
            for (Bundle b : context.getBundles()) {
                String name = b.getSymbolicName();
                if (name != null && name.startsWith("io.livestack.")) {
                    out.put("bundle:" + name, b.getVersion().toString());
                }
            }
            ServiceReference<?>[] strategies = context.getAllServiceReferences(STRATEGY, null);
            if (strategies != null) {
                for (ServiceReference<?> r : strategies) {
                    Bundle b = r.getBundle();
                    if (b != null) {
                        out.put("bundle:" + b.getSymbolicName(), b.getVersion().toString());
                    }
                }
            }
        } catch (InvalidSyntaxException | IllegalStateException e) {
            LOG.warn("the manifest lists no bundles: {}", e.toString());
        }
        ConfigurationAdmin admin = configurations.get();
        if (admin != null) {
            try {
                Configuration[] all = admin.listConfigurations("(service.pid=livestack.*)");
                if (all != null) {
                    for (Configuration c : all) {
                        Dictionary<String, Object> p = c.getProperties();
                        if (p == null) {
                            continue;
                        }
                        for (Enumeration<String> keys = p.keys(); keys.hasMoreElements();) {
                            String key = keys.nextElement();
                            if (!key.startsWith("service.") && !key.startsWith("felix.")) {
                                out.put("config:" + c.getPid() + ":" + key, String.valueOf(p.get(key)));
                            }
                        }
                    }
                }
            } catch (IOException | InvalidSyntaxException | RuntimeException e) {
                LOG.warn("the manifest lists no configurations: {}", e.toString());
            }
        }
        return out;
    }
}
