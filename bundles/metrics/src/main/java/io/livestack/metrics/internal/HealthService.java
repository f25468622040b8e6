package io.livestack.metrics.internal;

import io.livestack.api.telemetry.HealthIndicator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The health of the Live Stack: a fresh {@link RuntimeSnapshot} (so the processing loop proves it is alive by
 * answering) and every registered {@link HealthIndicator}, judged by {@link HealthEvaluator}.
 */
@Component(service = HealthService.class, configurationPid = HealthConfig.PID)
@Designate(ocd = HealthConfig.class)
public final class HealthService {

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<HealthIndicator> indicators;

    private final RuntimeCollector collector;
    private final HealthEvaluator.Settings settings;

    @Activate
    public HealthService(@Reference RuntimeCollector collector, HealthConfig config) {
        this.collector = collector;
        this.settings = settings(config);
    }

    static HealthEvaluator.Settings settings(HealthConfig config) {
        double ratio = config.queueSaturationRatio();
        if (!(ratio >= 0.01 && ratio <= 1.0)) {
            throw new IllegalArgumentException(HealthConfig.PID + ": queueSaturationRatio must be 0.01..1, got "
                    + ratio);
        }
        if (config.queueSaturationDepth() < 0) {
            throw new IllegalArgumentException(HealthConfig.PID + ": queueSaturationDepth must be >= 0, got "
                    + config.queueSaturationDepth());
        }
        return new HealthEvaluator.Settings(ratio, config.queueSaturationDepth(), trimmed(config.optionalStages()),
                trimmed(config.ignoredVenues()), config.venuesRequiredWhenStopped());
    }

    private static Set<String> trimmed(String[] values) {
        Set<String> out = new HashSet<>();
        if (values != null) {
            for (String v : values) {
                if (v != null && !v.isBlank()) {
                    out.add(v.trim());
                }
            }
        }
        return out;
    }

    public HealthReport check() {
        List<HealthIndicator> current = indicators;
        return HealthEvaluator.evaluate(collector.refresh(), settings, current == null ? List.of() : current);
    }
}
