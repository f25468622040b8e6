package io.livestack.export.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.telemetry.Health;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaExportComponentTest {

    @Test
    void offAsShippedIsUpAndSaysSo() {
        KafkaExportComponent c = new KafkaExportComponent(Map.of("enabled", "false"));
        Health h = c.health();
        assertThat(h.status()).isEqualTo(Health.Status.UP);
        assertThat(h.detail()).contains("off").contains("enabled = false");
        assertThat(c.name()).isEqualTo("kafka-export");
        c.deactivate();
    }

    @Test
    void aRefusedConfigurationIsDegradedNamingTheKeyNeverDown() {
        KafkaExportComponent c = new KafkaExportComponent(Map.of("enabled", "true", "bootstrap.servers", "k:9092",
                "acks", "1"));
        Health h = c.health();
        assertThat(h.status()).isEqualTo(Health.Status.DEGRADED);
        assertThat(h.detail()).contains("acks = '1'");
        c.modified(Map.of("enabled", "false"));
        assertThat(c.health().status()).as("a corrected configuration").isEqualTo(Health.Status.UP);
        c.deactivate();
    }
}
