package io.livestack.webconsole.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livestack.api.event.Command;
import io.livestack.api.model.StrategyId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActionsTest {

    @Test
    void parsesEveryAction() {
        assertThat(Actions.parse(Map.of("action", "kill", "reason", "runaway algo")::get))
                .isEqualTo(new Command.Kill("runaway algo"));
        assertThat(Actions.parse(Map.of("action", "kill")::get)).isEqualTo(new Command.Kill("web console kill switch"));
        assertThat(Actions.parse(Map.of("action", "resume")::get)).isEqualTo(new Command.Resume());
        assertThat(Actions.parse(Map.of("action", "session-start")::get)).isEqualTo(new Command.StartSession());
        assertThat(Actions.parse(Map.of("action", "session-stop", "cancelOrders", "true")::get))
                .isEqualTo(new Command.StopSession(true));
        assertThat(Actions.parse(Map.of("action", "session-stop")::get)).isEqualTo(new Command.StopSession(false));
        assertThat(Actions.parse(Map.of("action", "strategy-start", "strategy", "mm1")::get))
                .isEqualTo(new Command.StartStrategy(StrategyId.of("mm1")));
        assertThat(Actions.parse(Map.of("action", "strategy-stop", "strategy", "mm1")::get))
                .isEqualTo(new Command.StopStrategy(StrategyId.of("mm1")));
    }

    @Test
    void refusesUnknownActionsAndMissingParameters() {
        assertThatThrownBy(() -> Actions.parse(Map.of("action", "order-submit")::get))
                .hasMessage("unknown action 'order-submit'");
        assertThatThrownBy(() -> Actions.parse(Map.<String, String>of()::get)).hasMessage("missing parameter 'action'");
        assertThatThrownBy(() -> Actions.parse(Map.of("action", "strategy-start")::get))
                .hasMessage("missing parameter 'strategy'");
        assertThatThrownBy(() -> Actions.parse(Map.of("action", "strategy-stop", "strategy", "a b")::get))
                .hasMessage("strategy 'a b' is not a valid id");
    }
}
