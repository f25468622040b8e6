package io.livestack.itests.chain;

import static io.livestack.itests.chain.Scenario.BTC;
import static io.livestack.itests.chain.Scenario.SIM;
import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.event.Command;
import io.livestack.api.event.Sequenced;
import io.livestack.api.event.TimerEvent;
import io.livestack.api.event.TimerOwner;
import io.livestack.api.intent.Intent;
import io.livestack.api.intent.SubmitOrder;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.record.ExecutionRecord;
import io.livestack.api.record.RiskRejectionRecord;
import io.livestack.api.risk.RejectReason;
import io.livestack.api.runtime.CommandResult;
import io.livestack.journal.JournalFormat;
import io.livestack.journal.JournalReader;
import io.livestack.runtime.internal.JournalConfig;
import io.livestack.testkit.RecordingSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal with the real stages: every input in sequence order, what the strategy decided, the records each event
 * produced (the same the sink got), a strategy's fault; and new orders wait while the journal cannot be written.
 */
class JournalingTest {

    private static final StrategyId ME = StrategyId.of("scripted");
    private static final TimerOwner SELF = TimerOwner.strategy(ME);

    @TempDir
    Path temp;

    private LiveChain chain(ScriptedStrategy strategy, ScriptedVenue venue, RecordingSink sink, int segmentBytes) {
        LiveChain.Options o = new LiveChain.Options();
        o.stateDir = temp;
        o.venue = venue;
        o.sink = sink;
        o.risk = Map.of("maxOrderQuantity", "1000", "maxOrderNotional", "100000000", "maxPosition", "100000",
                "priceBandBps", "1000", "maxOpenOrders", "1000", "maxOrdersPerSecond", "1000",
                "maxCancelsPerSecond", "1000");
        o.runtime.put(JournalConfig.ENABLED, true);
        o.runtime.put(JournalConfig.DIRECTORY, temp.resolve("journal").toString());
        o.runtime.put(JournalConfig.SEGMENT_BYTES, segmentBytes);
        o.strategy(strategy, ME.value(), "scripted");
        LiveChain chain = new LiveChain(o);
        venue.attach(chain.runtime);
        CommandResult started = chain.execute(new Command.StartSession());
        assertThat(started.ok()).as(started.message()).isTrue();
        chain.quiesce();
        return chain;
    }

    @Test
    void inputsDecisionsRecordsAndFaultsAreJournaledInOrder() throws Exception {
        ScriptedStrategy strategy = new ScriptedStrategy();
        ScriptedVenue venue = new ScriptedVenue(SIM, Scenario.instruments());
        RecordingSink sink = new RecordingSink();
        long token = 0;
        try (LiveChain chain = chain(strategy, venue, sink, 1 << 20)) {
            chain.publish(strategy.next(SELF, ++token, c -> c.submit(SIM, BTC, Side.BUY, OrderType.LIMIT,
                    TimeInForce.IOC, Fixed.of(10), Fixed.of(1))));
            chain.quiesce(); // one action at a time: the strategy holds only the next one
            chain.publish(strategy.next(SELF, ++token, c -> c.submit(SIM, BTC, Side.BUY, OrderType.LIMIT,
                    TimeInForce.DAY, Fixed.of(10), 0))); // refused by risk
            chain.quiesce();
            chain.publish(strategy.next(SELF, ++token, c -> {
                throw new IllegalStateException("strategy bug");
            }));
            chain.quiesce();
        }

        List<Sequenced> inputs = new ArrayList<>();
        List<Intent> decisions = new ArrayList<>();
        List<String[]> faults = new ArrayList<>();
        List<ExecutionRecord> records = new ArrayList<>();
        List<Long> snapshots = new ArrayList<>();
        JournalReader.read(temp.resolve("journal"), 1, f -> {
            switch (f.kind()) {
                case INPUT -> inputs.add(f.input());
                case DECISION -> decisions.add(f.decision());
                case FAULT -> faults.add(f.fault());
                case OUTCOME -> records.addAll(f.records());
                case SNAPSHOT_TAKEN -> snapshots.add(f.seq());
                default -> throw new AssertionError("unexpected " + f);
            }
            return true;
        });
        assertThat(snapshots).as("the clean stop took a last snapshot").containsExactly(inputs.get(inputs.size() - 1)
                .seq());
        for (int i = 0; i < inputs.size(); i++) {
            assertThat(inputs.get(i).seq()).as("inputs in sequence order").isEqualTo(i + 1);
        }
        assertThat(inputs).extracting(Sequenced::event).filteredOn(e -> e instanceof TimerEvent t
                && t.owner().equals(SELF)).hasSize(3);
        assertThat(decisions).as("what the strategy decided, refused ones included").hasSize(2)
                .allSatisfy(d -> assertThat(d).isInstanceOf(SubmitOrder.class));
        assertThat(decisions).extracting(d -> ((SubmitOrder) d).clientOrderId())
                .containsExactlyElementsOf(strategy.emitted);
        assertThat(faults).singleElement().satisfies(f -> {
            assertThat(f[0]).isEqualTo(ME.value());
            assertThat(f[1]).isEqualTo("java.lang.IllegalStateException: strategy bug");
        });
        assertThat(records).as("the journal holds exactly the records the sink got").isEqualTo(sink.records());
        assertThat(ChainDeterminismTest.of(records, RiskRejectionRecord.class)).extracting(RiskRejectionRecord::reason)
                .containsExactly(RejectReason.INVALID_QUANTITY);
    }

    @Test
    void aProjectionFollowingTheJournalGetsEveryRecordOnceInOrderWhileTheChainRuns() throws Exception {
        ScriptedStrategy strategy = new ScriptedStrategy();
        ScriptedVenue venue = new ScriptedVenue(SIM, Scenario.instruments());
        RecordingSink sink = new RecordingSink();
        List<ExecutionRecord> projected = new ArrayList<>();
        List<Long> seqs = new ArrayList<>();
        long position = 0;
        long token = 0;
        try (LiveChain chain = chain(strategy, venue, sink, 1 << 16)) {
            for (int i = 0; i < 60; i++) {
                chain.publish(strategy.next(SELF, ++token, c -> c.submit(SIM, BTC, Side.BUY, OrderType.LIMIT,
                        TimeInForce.IOC, Fixed.of(10), Fixed.of(1))));
                chain.quiesce();
                position = chain.runtime.read(position, 7, e -> {
                    seqs.add(e.seq());
                    projected.addAll(e.records());
                });
            }
            chain.quiesce();
            // the last input's records show with the next input; a record is read once it is on disk (the flusher
            // forces within syncIntervalMillis)
            long[] at = {position};
            long last = chain.runtime.lastSeq() - 1;
            io.livestack.testkit.Await.until("the projection reads up to seq " + last, java.time.Duration.ofSeconds(10),
                    () -> {
                        at[0] = chain.runtime.read(at[0], 1000, e -> {
                            seqs.add(e.seq());
                            projected.addAll(e.records());
                        });
                        return at[0] >= last;
                    });
            assertThat(JournalReader.segments(temp.resolve("journal"))).as("across segments").hasSizeGreaterThan(1);
        }
        assertThat(seqs).isSorted().doesNotHaveDuplicates();
        assertThat(projected).as("every record once, in order").isEqualTo(sink.records());
    }

    @Test
    void whileTheJournalCannotBeWrittenNewOrdersAreRefusedAndCancelsGo() throws Exception {
        ScriptedStrategy strategy = new ScriptedStrategy();
        ScriptedVenue venue = new ScriptedVenue(SIM, Scenario.instruments());
        RecordingSink sink = new RecordingSink();
        Path journal = temp.resolve("journal");
        long token = 0;
        try (LiveChain chain = chain(strategy, venue, sink, JournalFormat.MIN_SEGMENT_BYTES)) {
            chain.publish(strategy.next(SELF, ++token, c -> c.submit(SIM, BTC, Side.BUY, OrderType.LIMIT,
                    TimeInForce.DAY, Fixed.of(10), Fixed.of(1))));
            chain.quiesce();
            ClientOrderId resting = strategy.emitted.get(0);
            // the disk refuses the next segments: every name from the next on is taken
            long next = JournalReader.scan(journal, false).nextSegmentIndex();
            for (long i = next; i < next + 50; i++) {
                Path taken = journal.resolve(JournalFormat.segmentName(i));
                Files.deleteIfExists(taken);
                Files.createDirectory(taken);
            }
            while (chain.runtime.status().lastSeq() < 5_000 && journalHealthy(chain)) {
                chain.publish(new TimerEvent(0, TimerOwner.strategy(StrategyId.of("nobody")), 0));
            }
            chain.quiesce();
            assertThat(journalHealthy(chain)).as("the journal reports the failure").isFalse();

            chain.publish(strategy.next(SELF, ++token, c -> c.submit(SIM, BTC, Side.BUY, OrderType.LIMIT,
                    TimeInForce.DAY, Fixed.of(10), Fixed.of(1))));
            chain.quiesce();
            chain.publish(strategy.next(SELF, ++token, c -> {
                c.cancel(resting);
                return null;
            }));
            chain.quiesce();

            assertThat(strategy.rejections).containsExactly(RejectReason.JOURNAL_UNAVAILABLE);
            assertThat(venue.calls()).as("the cancel went out").anySatisfy(call -> assertThat(call)
                    .startsWith("CANCEL " + resting.value()));
        }
    }

    private static boolean journalHealthy(LiveChain chain) {
        return chain.runtime.counters().getOrDefault("journal.failed", 0L) == 0;
    }
}
