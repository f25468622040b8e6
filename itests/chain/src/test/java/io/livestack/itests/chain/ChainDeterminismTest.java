package io.livestack.itests.chain;

import static io.livestack.itests.chain.Scenario.BTC;
import static io.livestack.itests.chain.Scenario.ETH;
import static io.livestack.itests.chain.Scenario.MM;
import static io.livestack.itests.chain.Scenario.MOMENTUM;
import static io.livestack.itests.chain.Scenario.OTHERS;
import static io.livestack.itests.chain.Scenario.SIM;
import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.event.Command;
import io.livestack.api.event.TimerEvent;
import io.livestack.api.event.TimerOwner;
import io.livestack.api.event.TradeTick;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.Side;
import io.livestack.api.model.TradingScope;
import io.livestack.api.model.TradingState;
import io.livestack.api.record.ExecutionRecord;
import io.livestack.api.record.FillRecord;
import io.livestack.api.record.OrderEvent;
import io.livestack.api.record.OrderRecord;
import io.livestack.api.record.RiskRejectionRecord;
import io.livestack.api.risk.RejectReason;
import io.livestack.itests.chain.Scenario.Outcome;
import io.livestack.itests.chain.Scenario.Step;
import io.livestack.testkit.ManualClock;
import io.livestack.testkit.RecordingSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chain's determinism with the real stages: the same event sequence, fed twice through intake → state →
 * strategy host (market maker and momentum taker) → risk → execution → venue, with a fake clock, gives the same
 * intents at the venue (ClOrdIDs included), the same execution records and the same final state; a different
 * sequence does not.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChainDeterminismTest {

    private static final int EVENTS = 3_000;
    private static final long SEED = 20_241_124L;

    @TempDir
    Path temp;

    private Outcome baseline;

    /** The baseline run of the script (computed once for the class). */
    private Outcome baseline() throws IOException {
        if (baseline == null) {
            baseline = run(script(SEED, EVENTS, -1), "baseline");
        }
        return baseline;
    }

    @Test
    void sameEventSequenceGivesSameIntentsRecordsAndState() throws IOException {
        Outcome first = baseline();
        Outcome second = run(script(SEED, EVENTS, -1), "again");

        assertThat(second.venueCalls()).as("orders, cancels and replaces the venue received")
                .containsExactlyElementsOf(first.venueCalls());
        assertThat(second.records()).as("execution records given to the sink")
                .containsExactlyElementsOf(first.records());
        assertThat(second.commandResults()).containsExactlyElementsOf(first.commandResults());
        assertThat(second.lastSeq()).isEqualTo(first.lastSeq());
        assertThat(second.stateHash()).isEqualTo(first.stateHash());
    }

    /** Guards against a vacuous pass: the script really drives the whole chain through its paths. */
    @Test
    void scriptExercisesOrdersFillsRefusalsCommandsAndReconciliation() throws IOException {
        Outcome o = baseline();
        Map<String, Long> calls = o.venueCalls().stream()
                .collect(Collectors.groupingBy(c -> c.substring(0, c.indexOf(' ') < 0 ? c.length() : c.indexOf(' ')),
                        LinkedHashMap::new, Collectors.counting()));
        assertThat(calls).as("venue calls by kind").containsKeys("SUBMIT", "CANCEL", "REPLACE", "CONNECT",
                "DISCONNECT", "RECONCILE", "FILLED-UNREPORTED");
        assertThat(calls.get("SUBMIT")).isGreaterThan(30);
        assertThat(calls.get("REPLACE")).isGreaterThan(30);
        assertThat(o.venueCalls()).anyMatch(c -> c.startsWith("SUBMIT") && c.contains(" " + MM + " "))
                .anyMatch(c -> c.startsWith("SUBMIT") && c.contains(" " + MOMENTUM + " "));

        List<FillRecord> fills = of(o.records(), FillRecord.class);
        assertThat(fills).hasSizeGreaterThan(10);
        assertThat(fills).as("a fill synthesized by reconciliation")
                .anyMatch(f -> f.execId().value().startsWith("SYN-"));
        Set<RejectReason> refusals = EnumSet.noneOf(RejectReason.class);
        of(o.records(), RiskRejectionRecord.class).forEach(r -> refusals.add(r.reason()));
        assertThat(refusals).as("refusals by risk and execution control").contains(RejectReason.TRADING_HALTED);
        assertThat(refusals.size()).isGreaterThan(1);
        Set<OrderEvent> orderEvents = of(o.records(), OrderRecord.class).stream().map(OrderRecord::event)
                .collect(Collectors.toSet());
        assertThat(orderEvents).contains(OrderEvent.SUBMITTED, OrderEvent.ACKNOWLEDGED, OrderEvent.FILLED,
                OrderEvent.PARTIALLY_FILLED, OrderEvent.CANCELED, OrderEvent.REPLACED, OrderEvent.RECONCILED);
        assertThat(o.commandResults()).hasSize(12).allMatch(r -> r.contains(" -> true"), "every command succeeded");
    }

    @Test
    void aDifferentEventSequenceGivesADifferentStateAndDifferentRecords() throws IOException {
        Outcome base = baseline();
        // the same script with one trade more, early on
        Outcome oneMore = run(script(SEED, EVENTS, 50), "one trade more");
        assertThat(oneMore.stateHash()).isNotEqualTo(base.stateHash());
        assertThat(oneMore.records()).isNotEqualTo(base.records());
        // another seed: another market
        Outcome other = run(script(SEED + 1, EVENTS, -1), "another seed");
        assertThat(other.stateHash()).isNotEqualTo(base.stateHash());
        assertThat(other.venueCalls()).isNotEqualTo(base.venueCalls());
    }

    // ------------------------------------------------------------------------------------------ helpers

    private Outcome run(List<Step> script, String name) throws IOException {
        Path dir = Files.createDirectories(temp.resolve(name.replace(' ', '-')));
        ScriptedVenue venue = new ScriptedVenue(SIM, Scenario.instruments());
        RecordingSink sink = new RecordingSink();
        try (LiveChain chain = new LiveChain(Scenario.options(dir, venue, sink))) {
            venue.attach(chain.runtime);
            List<String> results = Scenario.run(chain, script);
            return new Outcome(venue.calls(), sink.records(), chain.stateHash(), results, chain.lastSeq());
        }
    }

    /**
     * {@code events} market data events and timers over four instruments, with operator commands at fixed places
     * (trading state changes, a venue disconnect and reconnect, a kill and a resume, a strategy stop and start),
     * between a session start and a session stop. With {@code extraTradeAt >= 0} an extra trade is inserted there.
     */
    static List<Step> script(long seed, int events, int extraTradeAt) {
        Random random = new Random(seed);
        List<MarketFeed> feeds = List.of(
                new MarketFeed(SIM, BTC, Fixed.of(30_000), Fixed.of(1), seed * 31 + 1),
                new MarketFeed(SIM, ETH, Fixed.of(2_000), Fixed.of(1) / 10, seed * 31 + 2),
                new MarketFeed(SIM, OTHERS.get(0), Fixed.of(100), Fixed.of(1) / 100, seed * 31 + 3),
                new MarketFeed(SIM, OTHERS.get(1), Fixed.of(1) / 2, Fixed.of(1) / 10_000, seed * 31 + 4));
        Map<Integer, Command> commands = new LinkedHashMap<>();
        commands.put(events * 15 / 100,
                new Command.SetTradingState(TradingScope.instrument(BTC), TradingState.REDUCING));
        commands.put(events * 25 / 100, new Command.SetTradingState(TradingScope.instrument(BTC), TradingState.ACTIVE));
        commands.put(events * 35 / 100, new Command.DisconnectVenue(SIM));
        commands.put(events * 37 / 100, new Command.ConnectVenue(SIM));
        commands.put(events * 50 / 100, new Command.Kill("determinism test"));
        commands.put(events * 55 / 100, new Command.Resume());
        commands.put(events * 65 / 100, new Command.StopStrategy(MOMENTUM));
        commands.put(events * 70 / 100, new Command.StartStrategy(MOMENTUM));
        commands.put(events * 80 / 100, new Command.SetTradingState(TradingScope.GLOBAL, TradingState.HALTED));
        commands.put(events * 83 / 100, new Command.SetTradingState(TradingScope.GLOBAL, TradingState.ACTIVE));

        List<Step> steps = new ArrayList<>();
        long t = ManualClock.EPOCH + 1_000_000;
        steps.add(Step.command(t, new Command.StartSession()));
        for (MarketFeed feed : feeds) {
            t += 100_000;
            steps.add(Step.event(t, feed.snapshot(t)));
        }
        TimerOwner[] owners = {TimerOwner.strategy(MM), TimerOwner.strategy(MOMENTUM),
            TimerOwner.strategy(io.livestack.api.model.StrategyId.of("nobody"))};
        for (int i = 0; i < events; i++) {
            t += 100_000 + random.nextInt(900_000); // 0.1 to 1 ms apart
            Command command = commands.get(i);
            if (command != null) {
                steps.add(Step.command(t, command));
                t += 50_000;
            }
            if (i == extraTradeAt) {
                steps.add(Step.event(t, new TradeTick(SIM, InstrumentId.of("SOL-USD"), t, Fixed.of(100), Fixed.of(1),
                        Side.BUY)));
                t += 50_000;
            }
            int kind = random.nextInt(100);
            if (kind < 4) {
                steps.add(Step.event(t, new TimerEvent(t, owners[random.nextInt(owners.length)], i)));
            } else if (kind < 44) {
                steps.add(Step.event(t, feeds.get(0).next(t)));
            } else if (kind < 84) {
                steps.add(Step.event(t, feeds.get(1).next(t)));
            } else if (kind < 92) {
                steps.add(Step.event(t, feeds.get(2).next(t)));
            } else {
                steps.add(Step.event(t, feeds.get(3).next(t)));
            }
        }
        t += 1_000_000;
        steps.add(Step.command(t, new Command.StopSession(true)));
        return steps;
    }

    static <T extends ExecutionRecord> List<T> of(List<ExecutionRecord> records, Class<T> type) {
        return records.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
