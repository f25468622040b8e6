package io.livestack.export.kafka.internal;

import io.livestack.api.record.RecordJournal;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.component.kafka.KafkaClientFactory;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * A running export: its CamelContext (the kafka component configured from {@link ExportSettings}, the routes of
 * {@link ExportRoutes}) and its {@link Exporter}. Started by the component when the export is enabled, closed when it
 * goes (configuration change, bundle stop): what is in flight gets {@code shutdownTimeout} to be acknowledged, then
 * the mark is saved.
 */
final class ExportService implements AutoCloseable {

    private static final Duration SHUTDOWN = Duration.ofSeconds(10);

    private final CamelContext camel;
    private final Exporter exporter;
    private final CamelKafkaSender sender;

    private ExportService(CamelContext camel, Exporter exporter, CamelKafkaSender sender) {
        this.camel = camel;
        this.exporter = exporter;
        this.sender = sender;
    }

    static ExportService start(ExportSettings settings, Supplier<RecordJournal> journals, ExportCounters counters)
            throws Exception {
        ClassLoader loader = BundleLoaders.forExport();
        return start(settings, journals, counters, null, () -> readTails(loader, settings));
    }

    /**
     * @param clients camel-kafka's factory of Kafka clients (null: the real ones)
     * @param tails   reads what the broker already holds, at the start
     */
    static ExportService start(ExportSettings settings, Supplier<RecordJournal> journals, ExportCounters counters,
            KafkaClientFactory clients, Supplier<PartitionTails> tails) throws Exception {
        ClassLoader loader = BundleLoaders.forExport();
        return BundleLoaders.with(loader, () -> {
            DefaultCamelContext camel = new DefaultCamelContext();
            camel.getCamelContextExtension().setName("livestack-export-kafka");
            camel.setApplicationContextClassLoader(loader);
            KafkaComponent kafka = kafka(settings);
            if (clients != null) {
                kafka.setKafkaClientFactory(clients);
            }
            camel.addComponent("kafka", kafka);
            AtomicReference<MessageSender> sender = new AtomicReference<>();
            Exporter exporter = new Exporter(settings, journals, (m, o) -> sender.get().send(m, o),
                    new ExportMark(settings.markFile()), counters, tails);
            camel.addRoutes(new ExportRoutes(exporter, settings.idleWaitMillis()));
            CamelKafkaSender camelSender;
            try {
                camel.start();
                camelSender = new CamelKafkaSender(camel, "kafka:" + settings.topic(TopicKind.ORDERS));
                sender.set(camelSender);
                camel.getRouteController().startRoute(ExportRoutes.DRAIN); // once there is a sender
            } catch (Exception | Error e) {
                camel.close();
                throw e;
            }
            return new ExportService(camel, exporter, camelSender);
        });
    }

    private static KafkaComponent kafka(ExportSettings settings) {
        KafkaConfiguration conf = new KafkaConfiguration();
        conf.setBrokers((String) settings.producer().get("bootstrap.servers"));
        conf.setRecordMetadata(false);
        conf.setBatchWithIndividualHeaders(true); // a send is a list of messages, each with its own headers
        conf.setHeaderFilterStrategy(new ExportHeaders());
        conf.setEnableIdempotence(true);
        conf.setRequestRequiredAcks("all");
        Map<String, Object> extra = new HashMap<>(settings.producer());
        extra.remove("bootstrap.servers");
        conf.setAdditionalProperties(extra);
        KafkaComponent component = new KafkaComponent();
        component.setConfiguration(conf);
        return component;
    }

    private static PartitionTails readTails(ClassLoader loader, ExportSettings settings) {
        try {
            return BundleLoaders.with(loader, () -> PartitionTails.read(settings.producer(),
                    settings.topics().values().stream().distinct().toList(), Duration.ofSeconds(10)));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    ExportStatus status() {
        return exporter.status();
    }

    @Override
    public void close() {
        try {
            camel.getRouteController().stopRoute(ExportRoutes.DRAIN);
        } catch (Exception e) {
            // closing anyway
        }
        exporter.stop(SHUTDOWN);
        sender.stop();
        try {
            camel.close();
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(ExportService.class).warn("Kafka export: closing Camel failed", e);
        }
    }
}
