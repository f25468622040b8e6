package io.livestack.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livestack.api.model.SessionState;
import io.livestack.testkit.SimpleState;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The DS component: validation of its configuration, and the services over the owned threads. */
@Timeout(30)
class RuntimeComponentTest {

    @Test
    void aBadValueFailsTheActivationNamingTheKey() {
        assertThatThrownBy(() -> new RuntimeComponent(Map.of(RuntimeConfig.QUEUE_CAPACITY, "1000")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("queue.capacity")
                .hasMessageContaining("1000");
    }

    @TempDir
    Path dir;

    @Test
    void activatesWithItsDefaultsAndServesTheOperatorSurface() throws Exception {
        RuntimeComponent component = new RuntimeComponent(Map.of("component.name", "runtime",
                JournalConfig.DIRECTORY, dir.resolve("journal").toString()));
        try {
            component.bindState(new SimpleState());
            assertThat(component.query(s -> s.openOrderCount()).get(5, TimeUnit.SECONDS)).isZero();
            assertThat(component.status().session()).isEqualTo(SessionState.STOPPED);
            assertThat(component.counters()).containsEntry("queue.capacity", 65536L);
            assertThat(component.queueCapacity()).isEqualTo(65536);
        } finally {
            component.deactivate();
        }
    }
}
