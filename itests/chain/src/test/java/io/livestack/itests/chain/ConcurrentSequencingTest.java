package io.livestack.itests.chain;

import static io.livestack.itests.chain.Scenario.BTC;
import static io.livestack.itests.chain.Scenario.ETH;
import static io.livestack.itests.chain.Scenario.MM;
import static io.livestack.itests.chain.Scenario.MOMENTUM;
import static io.livestack.itests.chain.Scenario.OTHERS;
import static io.livestack.itests.chain.Scenario.SIM;
import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.event.Command;
import io.livestack.api.event.Event;
import io.livestack.api.event.MarketDataEvent;
import io.livestack.api.event.OperatorCommand;
import io.livestack.api.event.Sequenced;
import io.livestack.api.event.TimerEvent;
import io.livestack.api.event.TimerOwner;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.TradingScope;
import io.livestack.api.model.TradingState;
import io.livestack.api.record.ExecutionRecord;
import io.livestack.api.record.OperatorActionRecord;
import io.livestack.itests.chain.Scenario.Step;
import io.livestack.testkit.ManualClock;
import io.livestack.testkit.RecordingSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events offered concurrently by several producer threads: intake puts them in one order (and conflates market data
 * when the loop lags); the state the chain reaches must be the state of exactly that order. The order intake assigned
 * is recorded (every sequenced event the strategy host is fed, plus the operator commands from their records), then
 * replayed single-threaded, in lock-step, into a fresh chain: same sequence numbers, same records, same venue
 * intents, same state hash.
 */
class ConcurrentSequencingTest {

    private static final int PRODUCERS = 4;
    private static final int EVENTS_PER_PRODUCER = 2_500;
    private static final long SEED = 77L;
    private static final long PACE_NANOS = 100_000;

    @TempDir
    Path temp;

    /** What was processed at one sequence number: the event (or the operator command) and its intake time. */
    private record Processed(long now, Event event) {
    }

    @Test
    void concurrentlyOfferedEventsGiveTheStateOfTheSequenceIntakeAssigned(TestReporter reporter) throws Exception {
        // ------------------------------------------------------------------ chain A: concurrent producers
        ScriptedVenue venueA = new ScriptedVenue(SIM, Scenario.instruments());
        RecordingSink sinkA = new RecordingSink();
        AtomicReference<RecordingHost> recorder = new AtomicReference<>();
        LiveChain.Options optionsA = Scenario.options(Files.createDirectories(temp.resolve("a")), venueA, sinkA);
        optionsA.hostWrapper = host -> {
            recorder.set(new RecordingHost(host));
            return recorder.get();
        };
        List<MarketFeed> feeds = feeds();
        List<Step> setup = setup(feeds); // the initial books: before the feeds move on
        List<List<Event>> plans = plans(feeds);
        String setupHash;
        long setupSeq;
        long lastSeq;
        String hashA;
        long conflated;
        try (LiveChain a = new LiveChain(optionsA)) {
            venueA.attach(a.runtime);
            Scenario.run(a, setup);
            setupSeq = a.lastSeq();
            setupHash = a.stateHash();
            long conflatedBefore = a.runtime.counters().get("conflated");

            a.clock.stepping(50_000); // every clock read (one per event) moves time by 50 µs
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> producers = new ArrayList<>();
            List<Throwable> failures = new ArrayList<>();
            for (int p = 0; p < PRODUCERS; p++) {
                List<Event> plan = plans.get(p);
                Thread t = new Thread(() -> {
                    try {
                        go.await();
                        for (Event e : plan) {
                            a.runtime.publish(e);
                            // offered load, not synchronisation: ~0.1-0.2 ms apart per producer, so the loop keeps up
                            // most of the time and conflates only in the bursts
                            LockSupport.parkNanos(PACE_NANOS);
                        }
                    } catch (Throwable e) {
                        synchronized (failures) {
                            failures.add(e);
                        }
                    }
                }, "producer-" + p);
                t.start();
                producers.add(t);
            }
            go.countDown();
            for (Thread t : producers) {
                t.join(LiveChain.TIMEOUT.toMillis());
                assertThat(t.isAlive()).as(t.getName() + " finished publishing").isFalse();
            }
            assertThat(failures).isEmpty();
            a.quiesce();
            a.clock.stepping(0);
            lastSeq = a.lastSeq();
            hashA = a.stateHash();
            conflated = a.runtime.counters().get("conflated") - conflatedBefore;
        }

        // ------------------------------------------------------------------ the sequence intake assigned
        TreeMap<Long, Processed> sequence = new TreeMap<>();
        IdentityHashMap<Event, Long> seqOf = new IdentityHashMap<>();
        for (Sequenced s : recorder.get().fed()) {
            if (s.seq() > setupSeq) {
                sequence.put(s.seq(), new Processed(s.intakeTimeNanos(), s.event()));
                seqOf.put(s.event(), s.seq());
            }
        }
        Map<String, OperatorCommand> commandsByUser = new HashMap<>();
        plans.forEach(plan -> plan.stream().filter(OperatorCommand.class::isInstance)
                .map(OperatorCommand.class::cast).forEach(c -> commandsByUser.put(c.user(), c)));
        List<ExecutionRecord> recordsA = sinkA.records();
        for (ExecutionRecord r : recordsA) {
            if (r instanceof OperatorActionRecord action && action.seq() > setupSeq) {
                OperatorCommand command = commandsByUser.get(action.user());
                assertThat(command).as("the command of " + action).isNotNull();
                assertThat(sequence.put(action.seq(), new Processed(action.timeNanos(), command)))
                        .as("seq " + action.seq() + " given twice").isNull();
                seqOf.put(command, action.seq());
            }
        }
        assertThat(sequence.keySet()).as("every sequence number from the concurrent phase, each once")
                .hasSize((int) (lastSeq - setupSeq))
                .first().isEqualTo(setupSeq + 1);
        assertThat(sequence.lastKey()).isEqualTo(lastSeq);

        // nothing lost: market data was processed or merged into what was processed; everything else was processed
        long publishedMarketData = plans.stream().flatMap(List::stream).filter(MarketDataEvent.class::isInstance)
                .count();
        long processedMarketData = sequence.values().stream().filter(p -> p.event() instanceof MarketDataEvent)
                .count();
        assertThat(processedMarketData + conflated).as("market data processed + conflated")
                .isEqualTo(publishedMarketData);
        for (int p = 0; p < PRODUCERS; p++) {
            List<Long> seqs = new ArrayList<>();
            for (Event e : plans.get(p)) {
                if (!(e instanceof MarketDataEvent)) {
                    assertThat(seqOf).as("producer " + p + ": " + e + " was processed").containsKey(e);
                    seqs.add(seqOf.get(e));
                }
            }
            assertThat(seqs).as("producer " + p + ": its timers and commands keep their order").isSorted();
        }
        reporter.publishEntry("events sequenced in the concurrent phase", String.valueOf(sequence.size()));
        reporter.publishEntry("market data conflated", String.valueOf(conflated));
        reporter.publishEntry("producer switches in the sequence", String.valueOf(switches(sequence, plans)));

        // ------------------------------------------------------------------ chain B: replay, single-threaded
        ScriptedVenue venueB = new ScriptedVenue(SIM, Scenario.instruments());
        RecordingSink sinkB = new RecordingSink();
        try (LiveChain b = new LiveChain(Scenario.options(Files.createDirectories(temp.resolve("b")), venueB,
                sinkB))) {
            venueB.attach(b.runtime);
            Scenario.run(b, setup(feeds()));
            assertThat(b.lastSeq()).isEqualTo(setupSeq);
            assertThat(b.stateHash()).as("state after the (lock-step) setup").isEqualTo(setupHash);
            venueB.mode(ScriptedVenue.Mode.SILENT); // its answers are in the recorded sequence
            for (Map.Entry<Long, Processed> entry : sequence.entrySet()) {
                Processed p = entry.getValue();
                b.clock.set(p.now());
                if (p.event() instanceof OperatorCommand original) {
                    b.execute(original.command(), original.user());
                } else {
                    b.publish(p.event());
                }
                b.quiesce();
                assertThat(b.lastSeq()).as("seq of the replayed " + p.event()).isEqualTo(entry.getKey());
            }
            assertThat(venueB.calls()).as("what the venue received").containsExactlyElementsOf(venueA.calls());
            assertThat(sinkB.records()).as("execution records").containsExactlyElementsOf(recordsA);
            assertThat(b.stateHash()).as("state hash").isEqualTo(hashA);
        }
    }

    // ------------------------------------------------------------------------------------------ inputs

    private static List<MarketFeed> feeds() {
        return List.of(
                new MarketFeed(SIM, BTC, Fixed.of(30_000), Fixed.of(1), SEED + 1),
                new MarketFeed(SIM, ETH, Fixed.of(2_000), Fixed.of(1) / 10, SEED + 2),
                new MarketFeed(SIM, OTHERS.get(0), Fixed.of(100), Fixed.of(1) / 100, SEED + 3),
                new MarketFeed(SIM, OTHERS.get(1), Fixed.of(1) / 2, Fixed.of(1) / 10_000, SEED + 4));
    }

    /** Session start and a snapshot of every book, in lock-step (the same in both chains). */
    private static List<Step> setup(List<MarketFeed> feeds) {
        List<Step> steps = new ArrayList<>();
        long t = ManualClock.EPOCH + 1_000_000;
        steps.add(Step.command(t, new Command.StartSession()));
        for (MarketFeed feed : feeds) {
            t += 100_000;
            steps.add(Step.event(t, feed.snapshot(t)));
        }
        return steps;
    }

    /**
     * One feed per producer (one instrument each: a real feed handler owns its instruments, so each book stays
     * consistent whatever the interleaving); producers 2 and 3 add strategy timers, producer 3 operator commands.
     */
    private static List<List<Event>> plans(List<MarketFeed> feeds) {
        Map<Integer, Command> commands = Map.of(
                500, new Command.SetTradingState(TradingScope.instrument(ETH), TradingState.REDUCING),
                900, new Command.SetTradingState(TradingScope.instrument(ETH), TradingState.ACTIVE),
                1300, new Command.Kill("concurrency test"),
                1500, new Command.Resume(),
                2000, new Command.SetTradingState(TradingScope.strategy(MM), TradingState.HALTED),
                2200, new Command.SetTradingState(TradingScope.strategy(MM), TradingState.ACTIVE));
        List<List<Event>> plans = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            MarketFeed feed = feeds.get(p);
            List<Event> plan = new ArrayList<>();
            for (int i = 0; i < EVENTS_PER_PRODUCER; i++) {
                long source = ManualClock.EPOCH + 10_000_000L + i;
                if (p >= 2 && i % 25 == 0) {
                    plan.add(new TimerEvent(source, TimerOwner.strategy(p == 2 ? MM : MOMENTUM), p * 100_000L + i));
                }
                if (p == 3 && commands.containsKey(i)) {
                    plan.add(Scenario.operatorCommand(source, "operator-" + i, commands.get(i)));
                }
                plan.add(feed.next(source));
            }
            plans.add(plan);
        }
        return plans;
    }

    /** How often the processed sequence goes from one producer's event to another's (0: no interleaving at all). */
    private static int switches(TreeMap<Long, Processed> sequence, List<List<Event>> plans) {
        IdentityHashMap<Event, Integer> producerOf = new IdentityHashMap<>();
        Map<io.livestack.api.model.InstrumentId, Integer> producerOfInstrument = new HashMap<>();
        for (int p = 0; p < plans.size(); p++) {
            for (Event e : plans.get(p)) {
                producerOf.put(e, p);
                if (e instanceof MarketDataEvent md) {
                    producerOfInstrument.put(md.instrument(), p);
                }
            }
        }
        int switches = 0;
        Integer last = null;
        for (Processed p : sequence.values()) {
            Integer producer = producerOf.get(p.event());
            if (producer == null && p.event() instanceof MarketDataEvent md) {
                producer = producerOfInstrument.get(md.instrument()); // a merged event
            }
            if (producer != null) {
                if (last != null && !last.equals(producer)) {
                    switches++;
                }
                last = producer;
            }
        }
        return switches;
    }
}
