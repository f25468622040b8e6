package io.livestack.shell.internal;

import io.livestack.api.event.Command.StartStrategy;
import io.livestack.api.runtime.StrategyHostStage;
import io.livestack.api.runtime.StrategyInfo;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "livestack", name = "strategy-start", description = "Starts a strategy (operator)")
@Service
public class StrategyStartCommand extends LiveStackAction {

    @Reference(optional = true)
    StrategyHostStage host;

    @Argument(index = 0, name = "strategy", description = "Strategy id", required = true)
    @Completion(StrategyCompleter.class)
    String strategy;

    @Override
    protected void run() throws Exception {
        command(new StartStrategy(Args.knownStrategy(strategy, StrategiesCommand.host(host).strategies().stream()
                .map(StrategyInfo::id).toList())));
    }
}
