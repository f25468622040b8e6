package io.livestack.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.intent.Intent;
import io.livestack.api.risk.LimitUsage;
import io.livestack.api.risk.RiskDecision;
import io.livestack.api.risk.RiskSnapshot;
import io.livestack.api.risk.RiskStage;
import io.livestack.api.state.StateView;
import java.util.List;
import org.junit.jupiter.api.Test;

class RiskCommandTest {

    private final Fakes.Runtime runtime = new Fakes.Runtime();
    private final Fakes.Console console = new Fakes.Console("viewer");

    @Test
    void limitsArePrintedGroupedByScopeWithUtilizationAndBreaches() throws Exception {
        RiskCommand c = Fakes.wire(new RiskCommand(), runtime, console);
        c.risk = stage(List.of(
                new LimitUsage("maxLoss", "100", "loss 120", "strategy:mm", 1.2, true),
                new LimitUsage("maxOrderQuantity", "1000", "per order", "desk", 0, false),
                new LimitUsage("maxMessagesPerSecond", "50", "10 in window", "venue:sim", 0.2, false),
                new LimitUsage("maxOpenOrders", "200", "3 open", "desk", 0.015, false),
                new LimitUsage("maxFillsPerWindow", "10", "5 fills in window", "strategy:mm", 0.5, false)));

        c.execute();

        String text = console.text();
        assertThat(text).contains("Scope", "Used");
        assertThat(text.indexOf("maxOrderQuantity")).isLessThan(text.indexOf("maxLoss"));
        assertThat(text.indexOf("maxLoss")).isLessThan(text.indexOf("maxMessagesPerSecond"));
        assertThat(text).containsOnlyOnce("strategy:mm").containsOnlyOnce("desk");
        assertThat(text.lines().filter(l -> l.contains("maxLoss")).findFirst().orElseThrow())
                .contains("120%", "BREACH");
        assertThat(text.lines().filter(l -> l.contains("maxFillsPerWindow")).findFirst().orElseThrow())
                .contains("50%").doesNotContain("BREACH");
    }

    private static RiskStage stage(List<LimitUsage> limits) {
        return new RiskStage() {
            @Override
            public RiskDecision check(Intent intent, StateView state, long nowNanos) {
                return RiskDecision.ACCEPT;
            }

            @Override
            public List<LimitUsage> limits() {
                return limits;
            }

            @Override
            public RiskSnapshot snapshot() {
                return RiskSnapshot.EMPTY;
            }

            @Override
            public void restore(RiskSnapshot snapshot) {
            }
        };
    }
}
