package io.livestack.export.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExportSettingsTest {

    private static final Path DATA = Path.of("data");

    private static ExportSettings parse(Object... kv) {
        Map<String, Object> p = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            p.put((String) kv[i], kv[i + 1]);
        }
        return ExportSettings.parse(p, DATA);
    }

    @Test
    void offByDefaultWithTopicsPerKindAndAnIdempotentProducer() {
        ExportSettings s = parse();
        assertThat(s.enabled()).isFalse();
        assertThat(s.topic(TopicKind.FILLS)).isEqualTo("livestack.fills");
        assertThat(s.topic(TopicKind.REJECTIONS)).isEqualTo("livestack.rejections");
        assertThat(s.producer()).containsEntry("acks", "all").containsEntry("enable.idempotence", "true")
                .containsEntry("security.protocol", "PLAINTEXT");
        assertThat(s.markFile()).isEqualTo(DATA.resolve("livestack/export-kafka/mark"));
    }

    @Test
    void enabledNeedsBootstrapServers() {
        assertThatThrownBy(() -> parse("enabled", "true"))
                .hasMessageContaining("bootstrap.servers").hasMessageContaining("livestack.export.kafka");
        assertThat(parse("enabled", "true", "bootstrap.servers", "k1:9092,k2:9092").producer())
                .containsEntry("bootstrap.servers", "k1:9092,k2:9092");
    }

    @Test
    void refusesAcksThatAnIdempotentProducerCannotUse() {
        assertThatThrownBy(() -> parse("acks", "1")).hasMessageContaining("acks = '1'");
    }

    @Test
    void securitySettingsGoToTheProducerAndSaslNeedsItsLogin() {
        ExportSettings s = parse("security.protocol", "ssl", "ssl.truststore.location", "/etc/kafka/trust.jks",
                "ssl.truststore.password", "secret");
        assertThat(s.producer()).containsEntry("security.protocol", "SSL")
                .containsEntry("ssl.truststore.location", "/etc/kafka/trust.jks");
        assertThatThrownBy(() -> parse("security.protocol", "SASL_SSL")).hasMessageContaining("sasl.jaas.config");
        assertThatThrownBy(() -> parse("security.protocol", "TLS")).hasMessageContaining("security.protocol");
    }

    @Test
    void badValuesNameTheirKey() {
        assertThatThrownBy(() -> parse("enabled", "yes")).hasMessageContaining("enabled = 'yes'");
        assertThatThrownBy(() -> parse("topic.fills", "fills topic")).hasMessageContaining("topic.fills");
        assertThatThrownBy(() -> parse("linger.ms", "-1")).hasMessageContaining("linger.ms");
        assertThatThrownBy(() -> parse("batchMaxRecords", "many")).hasMessageContaining("batchMaxRecords");
        assertThatThrownBy(() -> parse("compression.type", "zstd")).hasMessageContaining("compression.type");
    }
}
