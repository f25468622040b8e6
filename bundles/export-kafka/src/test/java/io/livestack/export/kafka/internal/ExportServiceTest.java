package io.livestack.export.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.testkit.Await;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.component.kafka.DefaultKafkaClientFactory;
import org.apache.camel.component.kafka.KafkaClientFactory;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The export's CamelContext and camel-kafka's producer, over Kafka's MockProducer instead of a broker. */
class ExportServiceTest {

    @TempDir
    Path dir;

    @Test
    void everyRecordReachesTheProducerInJournalOrderWithItsTopicKeyAndHeaders() throws Exception {
        MockProducer<String, String> producer = new MockProducer<>(true, new StringSerializer(),
                new StringSerializer());
        KafkaClientFactory clients = new DefaultKafkaClientFactory() {
            @Override
            @SuppressWarnings({"rawtypes", "unchecked"})
            public Producer getProducer(Properties props) {
                return producer;
            }
        };
        ExporterTest.Journal journal = new ExporterTest.Journal(3000); // 3000 records: 1000 events with 1, 1000 with 2
        ExportSettings settings = ExportSettings.parse(Map.of("enabled", "true", "bootstrap.servers", "k:9092",
                "batchMaxRecords", "100", "markFile", dir.resolve("mark").toString(), "markIntervalMillis", "1"), dir);
        ExportCounters counters = new ExportCounters();
        try (ExportService service = ExportService.start(settings, () -> journal, counters, clients,
                PartitionTails::none)) {
            Await.until("every record acknowledged and the mark at the journal's end", Duration.ofSeconds(30),
                    () -> service.status().mark() == 3000);
        }
        List<ProducerRecord<String, String>> sent = producer.history();
        assertThat(sent).hasSize(3000);
        assertThat(sent).extracting(r -> Long.parseLong(header(r, RecordJson.SEQ_HEADER)) * 10
                + Integer.parseInt(header(r, RecordJson.ORD_HEADER))).as("journal order").isSorted();
        ProducerRecord<String, String> first = sent.get(0);
        assertThat(first.topic()).isEqualTo("livestack.fills");
        assertThat(first.key()).isEqualTo("BTC-USD");
        assertThat(header(first, RecordJson.SCHEMA_HEADER)).isEqualTo("1");
        assertThat(first.value()).startsWith("{\"schema\":1,\"kind\":\"fill\",\"seq\":1,\"ord\":0,");
        assertThat(counters.acknowledged.getCount()).isEqualTo(3000);
        assertThat(new ExportMark(dir.resolve("mark")).load()).isEqualTo(3000);
    }

    private static String header(ProducerRecord<String, String> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
