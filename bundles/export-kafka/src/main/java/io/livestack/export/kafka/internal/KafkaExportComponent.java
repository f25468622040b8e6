package io.livestack.export.kafka.internal;

import com.codahale.metrics.MetricRegistry;
import io.livestack.api.record.RecordJournal;
import io.livestack.api.telemetry.Health;
import io.livestack.api.telemetry.HealthIndicator;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka export's component (PID {@value ExportSettings#PID}): off unless {@code enabled = true}; when on, runs
 * one {@link ExportService} after the runtime's {@link RecordJournal}, and publishes the {@value #NAME} health
 * indicator. The export never stops trading: a broker that is down, a lag, even a configuration it refuses, make it
 * DEGRADED (never DOWN), with the reason.
 */
@Component(service = HealthIndicator.class, configurationPid = ExportSettings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
public final class KafkaExportComponent implements HealthIndicator {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaExportComponent.class);
    static final String NAME = "kafka-export";

    private final AtomicReference<RecordJournal> journal = new AtomicReference<>();
    private final ExportCounters counters = new ExportCounters();
    private volatile ExportService service;
    private volatile ExportSettings settings;
    private volatile String refused;

    @Activate
    public KafkaExportComponent(Map<String, Object> properties) {
        configure(properties);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        stopService();
        configure(properties);
    }

    @Deactivate
    void deactivate() {
        stopService();
    }

    private void configure(Map<String, Object> properties) {
        Path data = Path.of(System.getProperty("karaf.data", "data"));
        try {
            settings = ExportSettings.parse(properties, data);
            refused = null;
        } catch (IllegalArgumentException e) {
            settings = null;
            refused = e.getMessage();
            LOG.error("Kafka export not started: {}", e.getMessage());
            return;
        }
        if (!settings.enabled()) {
            LOG.info("Kafka export off ({}: enabled = false)", ExportSettings.PID);
            return;
        }
        try {
            service = ExportService.start(settings, journal::get, counters);
            LOG.info("Kafka export on: {} to {}", settings.producer().get("bootstrap.servers"), settings.topics());
        } catch (Exception e) {
            refused = "the export could not start: " + e;
            LOG.error("Kafka export could not start", e);
        }
    }

    private void stopService() {
        ExportService s = service;
        service = null;
        if (s != null) {
            s.close();
        }
    }

    @Reference(name = "recordJournal", service = RecordJournal.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindRecordJournal(RecordJournal j) {
        journal.set(j);
    }

    void unbindRecordJournal(RecordJournal j) {
        journal.compareAndSet(j, null);
    }

    @Reference(name = "metricRegistry", service = MetricRegistry.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindMetricRegistry(MetricRegistry registry) {
        ExportMetrics.register(registry, counters, this::status);
    }

    void unbindMetricRegistry(MetricRegistry registry) {
        ExportMetrics.unregister(registry);
    }

    /** The running export's status; an idle one when off. */
    ExportStatus status() {
        ExportService s = service;
        return s == null ? new ExportStatus(0, 0, 0, 0, null) : s.status();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Health health() {
        Map<String, String> details = new LinkedHashMap<>();
        String why = refused;
        ExportSettings current = settings;
        if (why != null) {
            return new Health(Health.Status.DEGRADED, why, details);
        }
        if (current == null || !current.enabled()) {
            details.put("enabled", "false");
            return new Health(Health.Status.UP, "off (" + ExportSettings.PID + ": enabled = false)", details);
        }
        if (service == null) {
            details.put("enabled", "true");
            // between a configuration change's stop and the new start
            return new Health(Health.Status.DEGRADED, "starting", details);
        }
        ExportStatus s = status();
        details.put("enabled", "true");
        details.put("mark", Long.toString(s.mark()));
        details.put("lagEvents", Long.toString(s.lagEvents()));
        details.put("lagSeconds", String.format(Locale.ROOT, "%.3f", s.lagSeconds()));
        details.put("inFlight", Integer.toString(s.inFlight()));
        details.put("sent", Long.toString(counters.sent.getCount()));
        details.put("acknowledged", Long.toString(counters.acknowledged.getCount()));
        details.put("duplicatesSkipped", Long.toString(counters.duplicatesSkipped.getCount()));
        details.put("resent", Long.toString(counters.resent.getCount()));
        details.put("failures", Long.toString(counters.failures.getCount()));
        if (s.problem() != null) {
            return new Health(Health.Status.DEGRADED, s.problem(), details);
        }
        if (s.lagSeconds() * 1000 > current.lagDegradedMillis()) {
            return new Health(Health.Status.DEGRADED, String.format(Locale.ROOT,
                    "%d events behind the journal for %.1f s (broker down or slow?)", s.lagEvents(), s.lagSeconds()),
                    details);
        }
        return new Health(Health.Status.UP, "exporting; " + s.lagEvents() + " events behind", details);
    }
}
