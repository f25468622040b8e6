package io.livestack.itests.chain;

import io.livestack.api.event.Command;
import io.livestack.api.event.Event;
import io.livestack.api.event.OperatorCommand;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.VenueId;
import io.livestack.api.runtime.CommandResult;
import io.livestack.strategies.examples.internal.MarketMaker;
import io.livestack.strategies.examples.internal.MarketMakerConfig;
import io.livestack.strategies.examples.internal.Momentum;
import io.livestack.strategies.examples.internal.MomentumConfig;
import io.livestack.testkit.RecordingSink;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The trading set-up of the determinism tests: venue SIM (a {@link ScriptedVenue}), a market maker on BTC-USD and a
 * momentum taker on ETH-USD (the real example strategies), risk limits tight enough that some intents are refused,
 * and a lock-step driver for scripts of {@link Step}s.
 */
final class Scenario {

    static final VenueId SIM = VenueId.of("SIM");
    static final InstrumentId BTC = InstrumentId.of("BTC-USD");
    static final InstrumentId ETH = InstrumentId.of("ETH-USD");
    /** Market data only: no strategy trades them. */
    static final List<InstrumentId> OTHERS = List.of(InstrumentId.of("SOL-USD"), InstrumentId.of("XRP-USD"));
    static final StrategyId MM = StrategyId.of("mm1");
    static final StrategyId MOMENTUM = StrategyId.of("mom1");

    private Scenario() {
    }

    /** One input of a script: an event to publish, or an operator command to run, at event time {@code time}. */
    record Step(long time, Event event, Command command) {

        static Step event(long time, Event event) {
            return new Step(time, event, null);
        }

        static Step command(long time, Command command) {
            return new Step(time, null, command);
        }

        @Override
        public String toString() {
            return time + " " + (event != null ? event : command);
        }
    }

    /** What a run produced. */
    record Outcome(List<String> venueCalls, List<io.livestack.api.record.ExecutionRecord> records, String stateHash,
            List<String> commandResults, long lastSeq) {
    }

    static Set<InstrumentId> instruments() {
        return Set.of(BTC, ETH, OTHERS.get(0), OTHERS.get(1));
    }

    /** A chain with the real stages, both example strategies, the scripted venue and a recording sink. */
    static LiveChain.Options options(Path stateDir, ScriptedVenue venue, RecordingSink sink) {
        LiveChain.Options o = new LiveChain.Options();
        o.stateDir = stateDir;
        o.venue = venue;
        o.sink = sink;
        o.risk = Map.of(
                "maxOrderQuantity", "5",
                "maxOrderNotional", "100000",
                "maxPosition", "2.5",
                "priceBandBps", "200",
                "maxOpenOrders", "20",
                "maxOrdersPerSecond", "60",
                "maxCancelsPerSecond", "100");
        o.strategy(new MarketMaker(Components.config(MarketMakerConfig.class, Map.ofEntries(
                Map.entry("livestack_strategy_id", MM.value()),
                Map.entry("livestack_strategy_autoStart", true),
                Map.entry("venue", SIM.value()),
                Map.entry("instrument", BTC.value()),
                Map.entry("quantity", "0.5"),
                Map.entry("maxPosition", "2"),
                Map.entry("spreadBps", 10),
                Map.entry("requoteThresholdBps", 2),
                Map.entry("skewBps", 10),
                Map.entry("tickSize", "0.01"),
                Map.entry("rejectBackoffMillis", 20L)))), MM.value(), "marketmaker");
        o.strategy(momentum(Map.of()), MOMENTUM.value(), "momentum");
        return o;
    }

    /** The momentum taker on ETH-USD, its configuration changed by {@code changes} (e.g. a "new build" to verify). */
    static Momentum momentum(Map<String, Object> changes) {
        Map<String, Object> config = new java.util.HashMap<>(Map.ofEntries(
                Map.entry("livestack_strategy_id", MOMENTUM.value()),
                Map.entry("livestack_strategy_autoStart", true),
                Map.entry("venue", SIM.value()),
                Map.entry("instrument", ETH.value()),
                Map.entry("source", "MID"),
                Map.entry("sampleIntervalMillis", 5L),
                Map.entry("shortWindow", 3),
                Map.entry("longWindow", 8),
                Map.entry("quantity", "0.2"),
                Map.entry("maxPosition", "1"),
                Map.entry("cooldownMillis", 30L),
                Map.entry("slippageBps", 5),
                Map.entry("tickSize", "0.01")));
        config.putAll(changes);
        return new Momentum(Components.config(MomentumConfig.class, config));
    }

    /**
     * Runs {@code steps} in lock-step: the clock is set to the step's time, the event is published (or the command
     * run and its result awaited), and the loop is left to drain (the venue's answers included) before the next
     * step. So the processing order is the script's order whatever the threads do.
     */
    static List<String> run(LiveChain chain, List<Step> steps) {
        List<String> results = new ArrayList<>();
        for (Step step : steps) {
            chain.clock.set(step.time());
            if (step.command() != null) {
                // a stop ends once its records are durable, seen by polls on the runtime's timer: time must pass
                CommandResult r = step.command() instanceof Command.StopSession
                        ? chain.executeWhileTimePasses(step.command(), java.time.Duration.ofMillis(10))
                        : chain.execute(step.command());
                results.add(step.command().action() + " -> " + r.ok() + ": " + r.message());
            } else {
                chain.publish(step.event());
            }
            chain.quiesce();
        }
        return results;
    }

    /** An operator command for publishing directly (with its own user, to find its record again). */
    static OperatorCommand operatorCommand(long time, String user, Command command) {
        return new OperatorCommand(time, user, command);
    }
}
