package io.livestack.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livestack.api.model.SessionState;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class IntakeComponentTest {

    @Test
    void aBadValueFailsTheActivationNamingTheKey() {
        assertThatThrownBy(() -> new IntakeComponent(Map.of(RuntimeConfig.QUEUE_CAPACITY, "1000")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("queue.capacity")
                .hasMessageContaining("1000");
    }

    @Test
    void activatesWithoutConfigurationAndServesTheOperatorSurface() throws Exception {
        IntakeComponent component = new IntakeComponent(Map.of("component.name", "intake"));
        try {
            Fakes.FakeState state = new Fakes.FakeState();
            component.bindState(state);
            assertThat(component.query(s -> s.openOrderCount()).get(5, TimeUnit.SECONDS)).isZero();
            assertThat(component.status().session()).isEqualTo(SessionState.STOPPED);
            assertThat(component.counters()).containsEntry("queue.capacity", 65536L);
            assertThat(component.queueCapacity()).isEqualTo(65536);
        } finally {
            component.deactivate();
        }
    }
}
