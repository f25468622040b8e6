package io.livestack.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livestack.api.record.StorageStatus;
import io.livestack.api.telemetry.Health;
import io.livestack.testkit.Await;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StorageComponentTest {

    /** The configuration with its defaults, except {@code overrides}. */
    private static StorageConfig config(Map<String, Object> overrides) {
        return (StorageConfig) Proxy.newProxyInstance(StorageConfig.class.getClassLoader(),
                new Class<?>[] {StorageConfig.class}, (proxy, method, args) -> overrides.containsKey(method.getName())
                        ? overrides.get(method.getName()) : method.getDefaultValue());
    }

    @Test
    void defaultsAreTheStoreDefaults() {
        StorageSettings s = StorageComponent.settings(config(Map.of()));
        assertThat(s.durability()).isEqualTo(Durability.SYNC);
        assertThat(s.idleWaitMillis()).isEqualTo(10);
        assertThat(s.batchMaxSize()).isEqualTo(2000);
        assertThat(s.retryMaxBackoff()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s).isEqualTo(StorageSettings.defaults());
    }

    @Test
    void rejectsABadValueNamingTheKeyAndTheValue() {
        assertThatThrownBy(() -> StorageComponent.settings(config(Map.of("durability", "FAST"))))
                .hasMessageContaining("durability = 'FAST' is invalid");
        assertThatThrownBy(() -> StorageComponent.settings(config(Map.of("batchMaxSize", 0))))
                .hasMessageContaining("batchMaxSize = 0 is invalid");
        assertThatThrownBy(() -> StorageComponent.settings(config(Map.of("idleWaitMillis", 5_000L))))
                .hasMessageContaining("idleWaitMillis = 5000 is invalid");
        assertThatThrownBy(() -> StorageComponent.settings(config(Map.of("commitIntervalMillis", -1L))))
                .hasMessageContaining("commitIntervalMillis = -1 is invalid");
        assertThatThrownBy(() -> StorageComponent.settings(config(Map.of("retryMaxBackoffMillis", 0L))))
                .hasMessageContaining("retryMaxBackoffMillis = 0 is invalid");
        assertThatThrownBy(() -> StorageComponent.settings(config(Map.of("shutdownTimeoutMillis", -5L))))
                .hasMessageContaining("shutdownTimeoutMillis = -5 is invalid");
        assertThatThrownBy(() -> StorageComponent.settings(config(Map.of("dataSource_target", " "))))
                .hasMessageContaining("dataSource.target = ' ' is invalid");
    }

    @Test
    void acceptsDurabilityInAnyCase() {
        assertThat(StorageComponent.settings(config(Map.of("durability", "flush"))).durability())
                .isEqualTo(Durability.FLUSH);
    }

    @Test
    void findsTheKeysOfTheRetiredSpool() {
        assertThat(StorageComponent.retiredKeys(Map.of("memoryCapacity", 100, "spoolDirectory", "/x",
                "batchMaxSize", 10))).containsExactly("memoryCapacity", "spoolDirectory");
        assertThat(StorageComponent.retiredKeys(Map.of("batchMaxSize", 10))).isEmpty();
    }

    @Test
    void theComponentProjectsTheBoundJournalIntoTheBoundDataSource() throws Exception {
        TestDatabase db = new TestDatabase("component");
        TestJournal journal = new TestJournal();
        journal.appendRecords(TestRecords.many(1, 21));
        StorageComponent component = new StorageComponent(config(Map.of()), Map.of("memoryCapacity", 5));
        try {
            component.bindDataSource(db);
            Await.until("idle without a journal", StoreFixture.TIMEOUT,
                    () -> component.status().detail().contains("no RecordJournal"));
            component.bindRecordJournal(journal);
            StorageStatus status = Await.value("20 records written", StoreFixture.TIMEOUT, component::status,
                    s -> s.written() == 20 && s.backlog() == 0);
            assertThat(status.health()).isEqualTo(StorageStatus.Health.UP);

            Health health = component.health();
            assertThat(health.status()).isEqualTo(Health.Status.UP);
            assertThat(health.details()).containsEntry("mark", "20").containsEntry("backlog", "0")
                    .containsEntry("written", "20");

            component.unbindRecordJournal(journal);
            assertThat(component.status().detail()).contains("no RecordJournal");
        } finally {
            component.deactivate();
        }
        assertThat(component.status().health()).isEqualTo(StorageStatus.Health.DOWN);
    }
}
