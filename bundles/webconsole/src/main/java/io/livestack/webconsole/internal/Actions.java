package io.livestack.webconsole.internal;

import io.livestack.api.event.Command;
import io.livestack.api.model.StrategyId;
import java.util.function.Function;

/** The page's control actions (POST parameter {@code action}) as runtime commands. */
final class Actions {

    static final String DEFAULT_KILL_REASON = "web console kill switch";

    private Actions() {
    }

    /**
     * @param param the request's parameters by name (null when absent)
     * @throws IllegalArgumentException naming the bad action or parameter
     */
    static Command parse(Function<String, String> param) {
        String action = param.apply("action");
        if (action == null || action.isBlank()) {
            throw new IllegalArgumentException("missing parameter 'action'");
        }
        return switch (action.trim()) {
            case "kill" -> {
                String reason = param.apply("reason");
                yield new Command.Kill(reason == null || reason.isBlank() ? DEFAULT_KILL_REASON
                        : reason.trim().length() > 200 ? reason.trim().substring(0, 200) : reason.trim());
            }
            case "resume" -> new Command.Resume();
            case "session-start" -> new Command.StartSession();
            case "session-stop" -> new Command.StopSession(Boolean.parseBoolean(param.apply("cancelOrders")));
            case "strategy-start" -> new Command.StartStrategy(strategy(param.apply("strategy")));
            case "strategy-stop" -> new Command.StopStrategy(strategy(param.apply("strategy")));
            default -> throw new IllegalArgumentException("unknown action '" + action + "'");
        };
    }

    private static StrategyId strategy(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("missing parameter 'strategy'");
        }
        try {
            return StrategyId.of(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("strategy '" + text + "' is not a valid id");
        }
    }
}
