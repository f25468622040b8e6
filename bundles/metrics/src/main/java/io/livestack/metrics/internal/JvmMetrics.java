package io.livestack.metrics.internal;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.jvm.CachedThreadStatesGaugeSet;
import com.codahale.metrics.jvm.ClassLoadingGaugeSet;
import com.codahale.metrics.jvm.GarbageCollectorMetricSet;
import com.codahale.metrics.jvm.MemoryUsageGaugeSet;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** JVM metrics (metrics-jvm) under {@code jvm.*}: memory and pools, garbage collection, threads, class loading. */
@Component(service = {})
public final class JvmMetrics {

    static final String PREFIX = "jvm.";

    private final MetricRegistry registry;

    @Activate
    public JvmMetrics(@Reference MetricRegistry registry) {
        this.registry = registry;
        registry.registerAll(PREFIX + "memory", new MemoryUsageGaugeSet());
        registry.registerAll(PREFIX + "gc", new GarbageCollectorMetricSet());
        registry.registerAll(PREFIX + "threads", new CachedThreadStatesGaugeSet(10, TimeUnit.SECONDS));
        registry.registerAll(PREFIX + "classloader", new ClassLoadingGaugeSet());
    }

    @Deactivate
    void deactivate() {
        registry.removeMatching((name, metric) -> name.startsWith(PREFIX));
    }
}
