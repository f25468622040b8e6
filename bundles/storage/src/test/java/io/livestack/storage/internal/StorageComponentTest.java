package io.livestack.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
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
    void defaultsGiveABoundedDelayDurableStoreUnderKarafData() {
        System.setProperty("karaf.data", "/opt/livestack/data");
        try {
            StorageSettings s = StorageComponent.settings(config(Map.of()));
            assertThat(s.durability()).isEqualTo(Durability.SYNC);
            assertThat(s.idleWaitMillis()).isEqualTo(10);
            assertThat(s.batchMaxSize()).isEqualTo(2000);
            assertThat(s.memoryCapacity()).isEqualTo(50_000);
            assertThat(s.recoveryExecKeyWindow()).isEqualTo(Duration.ofHours(24));
            assertThat(s.spoolDirectory()).isEqualTo(Path.of("/opt/livestack/data/livestack/spool"));
            assertThat(s).isEqualTo(StorageSettings.defaults(s.spoolDirectory()));
        } finally {
            System.clearProperty("karaf.data");
        }
    }

    @Test
    void rejectsABadValueNamingTheKey() {
        assertThatThrownBy(() -> StorageComponent.settings(config(Map.of("durability", "FAST"))))
                .hasMessageContaining("durability").hasMessageContaining("FAST");
        assertThatThrownBy(() -> StorageComponent.settings(config(Map.of("batchMaxSize", 0))))
                .hasMessageContaining("batchMaxSize = 0");
        assertThatThrownBy(() -> StorageComponent.settings(config(Map.of("idleWaitMillis", 5_000L))))
                .hasMessageContaining("idleWaitMillis = 5000");
        assertThatThrownBy(() -> StorageComponent.settings(config(Map.of("memoryCapacity", -1))))
                .hasMessageContaining("memoryCapacity");
        assertThatThrownBy(() -> StorageComponent.settings(config(Map.of("spoolDirectory", " "))))
                .hasMessageContaining("spoolDirectory");
    }

    @Test
    void acceptsDurabilityInAnyCase() {
        assertThat(StorageComponent.settings(config(Map.of("durability", "flush"))).durability())
                .isEqualTo(Durability.FLUSH);
    }
}
