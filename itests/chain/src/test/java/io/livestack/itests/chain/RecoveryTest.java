package io.livestack.itests.chain;

import static io.livestack.itests.chain.Scenario.SIM;
import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.event.TimerEvent;
import io.livestack.api.event.TimerOwner;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.TradingState;
import io.livestack.api.record.MetadataRecord;
import io.livestack.api.runtime.CommandResult;
import io.livestack.api.runtime.RuntimeStatus;
import io.livestack.api.venue.VenueAdapter;
import io.livestack.itests.chain.Scenario.Step;
import io.livestack.journal.JournalReader;
import io.livestack.journal.JournalScan;
import io.livestack.journal.SnapshotFiles;
import io.livestack.runtime.internal.JournalConfig;
import io.livestack.runtime.internal.VerifyConfig;
import io.livestack.runtime.internal.recovery.JournalRuntime;
import io.livestack.testkit.Await;
import io.livestack.testkit.RecordingSink;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recovery with the real stages: the journal (and the snapshots in it) of a running chain is copied at a moment — the
 * files as a crash would leave them — and a new chain started on the copy comes back to exactly the state the first
 * one had at that moment (the same hash over every stage's snapshot), whether it replays from the journal's start or
 * from a snapshot, across a torn tail; a damaged journal stops it with the reason and nothing is processed.
 */
class RecoveryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    private LiveChain chain(Path journal, long snapshotEvery, ScriptedVenue venue) throws IOException {
        return chain(options(journal, snapshotEvery, venue, new RecordingSink()));
    }

    /** A chain journaling to {@code journal} (recovering from it when it has content), a snapshot every N events. */
    private LiveChain.Options options(Path journal, long snapshotEvery, ScriptedVenue venue, RecordingSink sink)
            throws IOException {
        LiveChain.Options o = Scenario.options(Files.createDirectories(temp.resolve("state-" + journal.getFileName())),
                venue, sink);
        o.runtime.put(JournalConfig.ENABLED, true);
        o.runtime.put(JournalConfig.DIRECTORY, journal.toString());
        o.runtime.put(JournalConfig.SEGMENT_BYTES, 1 << 20);
        o.runtime.put(JournalConfig.SNAPSHOT_INTERVAL, 0);
        o.runtime.put(JournalConfig.SNAPSHOT_EVENTS, snapshotEvery);
        o.runtime.put(JournalConfig.SNAPSHOTS_RETAINED, 2);
        return o;
    }

    private static LiveChain chain(LiveChain.Options o) {
        LiveChain chain = new LiveChain(o);
        ((ScriptedVenue) o.venue).attach(chain.runtime);
        return chain;
    }

    private static JournalRuntime journalOf(LiveChain chain) {
        return chain.runtime.assembly().journal();
    }

    /** The hash a snapshot taken now would record: every stage and the runtime's own state. */
    private static String hashNow(LiveChain chain) {
        return LiveChain.await(chain.runtime.query(s -> journalOf(chain).hashNow()), "the chain's hash");
    }

    /** Waits for the new chain's recovery; returns the hash right after its replay. */
    private static String recovered(LiveChain chain) {
        Await.until("the recovery", WAIT, () -> journalOf(chain).recovery().recoveredHash() != null
                || journalOf(chain).recovery().failure() != null);
        assertThat(journalOf(chain).recovery().failure()).isNull();
        assertThat(journalOf(chain).recovery().status()).as("every replayed event made the journaled records")
                .doesNotContain("other records");
        return journalOf(chain).recovery().recoveredHash();
    }

    /** The journal's files as they are now (a crash leaves them so: appends are in the page cache). */
    private static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                if (!f.getFileName().toString().endsWith(".tmp")) {
                    try {
                        Files.copy(f, to.resolve(f.getFileName()));
                    } catch (java.nio.file.NoSuchFileException e) {
                        // removed by retention between the listing and the copy: a crash then would not have it
                    }
                }
            }
        }
        return to;
    }

    @Test
    void aChainStartedOnTheJournalOfAnotherComesBackToItsStateAtThatMoment() throws IOException {
        List<Step> script = ChainDeterminismTest.script(20_261_207L, 1_200, -1);
        Path journal = temp.resolve("journal");
        try (LiveChain first = chain(journal, 400, new ScriptedVenue(SIM, Scenario.instruments()))) {
            Scenario.run(first, script.subList(0, 300));
            String atFirstCrash = hashNow(first);
            Path crash1 = copy(journal, temp.resolve("crash1"));
            Scenario.run(first, script.subList(300, 900));
            String atSecondCrash = hashNow(first);
            Path crash2 = copy(journal, temp.resolve("crash2"));

            assertThat(SnapshotFiles.list(crash1)).as("before the first snapshot").isEmpty();
            assertThat(SnapshotFiles.list(crash2)).as("snapshots were taken").isNotEmpty();
            try (LiveChain fromStart = chain(crash1, 400, new ScriptedVenue(SIM, Scenario.instruments()))) {
                assertThat(recovered(fromStart)).as("replayed from the journal's start").isEqualTo(atFirstCrash);
                assertThat(fromStart.runtime.status().recovery()).contains("after the journal's start");
            }
            try (LiveChain fromSnapshot = chain(crash2, 400, new ScriptedVenue(SIM, Scenario.instruments()))) {
                assertThat(recovered(fromSnapshot)).as("from the latest snapshot").isEqualTo(atSecondCrash);
                assertThat(fromSnapshot.runtime.status().recovery()).contains("after the snapshot at seq");
                // and it goes on: live events are processed again
                long before = fromSnapshot.lastSeq();
                fromSnapshot.publish(new TimerEvent(0, TimerOwner.strategy(StrategyId.of("nobody")), 1));
                fromSnapshot.quiesce();
                assertThat(fromSnapshot.lastSeq()).isGreaterThan(before);
            }
        }
    }

    @Test
    void aJournalThatWasRecoveredAndWentOnIsRecoveredAgainExactly() throws IOException {
        List<Step> script = ChainDeterminismTest.script(20_261_208L, 900, -1);
        Path journal = temp.resolve("journal");
        try (LiveChain first = chain(journal, 0, new ScriptedVenue(SIM, Scenario.instruments()))) {
            Scenario.run(first, script.subList(0, 300));
        }
        Path crash1 = copy(journal, temp.resolve("crash1"));
        String atSecondCrash;
        Object sectionsAtSecondCrash;
        Path crash2;
        try (LiveChain second = chain(crash1, 0, new ScriptedVenue(SIM, Scenario.instruments()))) {
            recovered(second);
            // this process's services bind after the RECOVERED event; trading goes on
            Scenario.run(second, script.subList(300, 600));
            atSecondCrash = hashNow(second);
            sectionsAtSecondCrash = LiveChain.await(second.runtime.query(x -> journalOf(second).sectionHashesNow()),
                    "the sections' hashes");
            crash2 = copy(crash1, temp.resolve("crash2"));
        }
        try (LiveChain third = chain(crash2, 0, new ScriptedVenue(SIM, Scenario.instruments()))) {
            String hash = recovered(third);
            assertThat(journalOf(third).recovery().recoveredSections()).as("each stage's state")
                    .isEqualTo(sectionsAtSecondCrash);
            assertThat(hash).as("the replay crosses the first recovery and its rebinding").isEqualTo(atSecondCrash);
        }
    }

    /** A storage projection that never gets past {@code mark}: a stop waiting for it waits until its timeout. */
    private static io.livestack.api.record.StorageMonitor stuckAt(long mark) {
        return new io.livestack.api.record.StorageMonitor() {
            @Override
            public io.livestack.api.record.StorageStatus status() {
                return new io.livestack.api.record.StorageStatus(io.livestack.api.record.StorageStatus.Health.DOWN,
                        0, 0, 0, 0, 0, 0, 0, 0, "stuck");
            }

            @Override
            public long projectionMark() {
                return mark;
            }
        };
    }

    /**
     * The hash and a copy of the journal taken together, between two events on the processing thread: a runtime
     * timer that fires meanwhile (a stop's poll) cannot come between them.
     */
    private static String hashAndCopy(LiveChain chain, Path journal, Path to) {
        return LiveChain.await(chain.runtime.query(x -> {
            try {
                copy(journal, to);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return journalOf(chain).hashNow();
        }), "the chain's hash and a copy of its journal");
    }

    private static String lastSessionRecord(RecordingSink sink) {
        List<MetadataRecord> session = sink.of(MetadataRecord.class).stream()
                .filter(m -> m.kind() == MetadataRecord.Kind.SESSION).toList();
        return session.isEmpty() ? "" : session.get(session.size() - 1).detail();
    }

    @Test
    void aStopThatWaitedForItsRecordsIsReplayedToTheSameEndWithoutWaitingAgain() throws IOException {
        List<Step> script = ChainDeterminismTest.script(20_261_215L, 300, -1);
        Path journal = temp.resolve("journal");
        String atCrash;
        List<String> results;
        try (LiveChain first = chain(journal, 0, new ScriptedVenue(SIM, Scenario.instruments()))) {
            results = Scenario.run(first, script); // it ends with a stop
            atCrash = hashAndCopy(first, journal, temp.resolve("crash"));
        }
        assertThat(results.get(results.size() - 1)).startsWith("session-stop -> true: session STOPPED: ")
                .contains("journal durable to seq ").contains("no storage projection bound");
        Path crash = temp.resolve("crash");
        try (LiveChain again = chain(crash, 0, new ScriptedVenue(SIM, Scenario.instruments()))) {
            assertThat(recovered(again)).as("the stop, its polls and its durability event replayed").isEqualTo(atCrash);
            assertThat(again.runtime.status().session()).isEqualTo(io.livestack.api.model.SessionState.STOPPED);
        }
    }

    @Test
    void aStopInterruptedWhileItWaitsForTheDatabaseEndsAfterTheRecovery() throws IOException {
        List<Step> script = ChainDeterminismTest.script(20_261_216L, 300, -1);
        Path journal = temp.resolve("journal");
        String atCrash;
        try (LiveChain first = chain(journal, 0, new ScriptedVenue(SIM, Scenario.instruments()))) {
            Scenario.run(first, script.subList(0, 200));
            first.runtime.assembly().storage(() -> stuckAt(0));
            java.util.concurrent.CompletableFuture<CommandResult> stop = first.runtime.execute(
                    new io.livestack.api.event.Command.StopSession(false), "tester");
            long before = first.lastSeq();
            Await.until("a few polls of the stop", WAIT, () -> {
                first.clock.advance(Duration.ofMillis(10)); // within the 10 s flush timeout: it keeps waiting
                return first.lastSeq() >= before + 3;
            });
            first.quiesce();
            assertThat(stop).as("the database never catches up").isNotDone();
            assertThat(first.runtime.status().session()).isEqualTo(io.livestack.api.model.SessionState.STOPPING);
            atCrash = hashAndCopy(first, journal, temp.resolve("crash"));
        }
        RecordingSink sink = new RecordingSink();
        try (LiveChain again = chain(options(temp.resolve("crash"), 0,
                new ScriptedVenue(SIM, Scenario.instruments()), sink))) {
            assertThat(recovered(again)).as("still waiting for the records, as at the crash").isEqualTo(atCrash);
            // no storage projection here: once the journal is on disk the stop is over
            Await.until("the stop to end", WAIT, () -> {
                again.clock.advance(Duration.ofMillis(10));
                return again.runtime.status().session() == io.livestack.api.model.SessionState.STOPPED;
            });
            assertThat(lastSessionRecord(sink)).startsWith("STOPPED: open orders left as they are; journal durable "
                    + "to seq ").endsWith("no storage projection bound, no database to wait for");
        }
    }

    /** A chain that only verifies the journal in {@code recorded} (with these risk limits): its report. */
    private String verify(Path recorded, Map<String, Object> risk, String whatIf) throws IOException {
        return verify(recorded, risk, whatIf, Map.of(), null);
    }

    /**
     * The same, with more {@code verify.*} keys, and (unless null) the momentum taker replaced by {@code momentum}:
     * another build of the strategy.
     */
    private String verify(Path recorded, Map<String, Object> risk, String whatIf, Map<String, Object> keys,
            io.livestack.api.strategy.Strategy momentum) throws IOException {
        Path own = temp.resolve("verify-" + System.nanoTime());
        LiveChain.Options o = Scenario.options(Files.createDirectories(own.resolve("state")),
                new ScriptedVenue(SIM, Scenario.instruments()), new RecordingSink());
        o.risk = risk;
        o.runtime.putAll(keys);
        if (momentum != null) {
            o.strategies.set(1, Map.entry(momentum, o.strategies.get(1).getValue()));
        }
        o.runtime.put(JournalConfig.ENABLED, true);
        o.runtime.put(JournalConfig.DIRECTORY, own.resolve("journal").toString());
        o.runtime.put(VerifyConfig.SOURCE, recorded.toString());
        o.runtime.put(VerifyConfig.REPORT, own.resolve("report.txt").toString());
        if (whatIf != null) {
            o.runtime.put(VerifyConfig.CONFIG, whatIf);
        }
        try (LiveChain chain = new LiveChain(o)) {
            Await.until("the verification", WAIT, () -> journalOf(chain).recovery().recoveredHash() != null);
            assertThat(chain.runtime.status().halted()).as("a verifying runtime takes no live event")
                    .startsWith("verify mode");
            String report = journalOf(chain).recovery().status();
            assertThat(Files.readString(own.resolve("report.txt")).trim()).isEqualTo(report);
            return report;
        }
    }

    @Test
    void aRecordedJournalVerifiesIdenticalAndAChangedRiskLimitShowsTheFirstDivergence() throws IOException {
        List<Step> script = ChainDeterminismTest.script(20_261_209L, 900, -1);
        Path journal = temp.resolve("journal");
        try (LiveChain first = chain(journal, 300, new ScriptedVenue(SIM, Scenario.instruments()))) {
            Scenario.run(first, script);
        }
        Map<String, Object> limits = Scenario.options(temp, null, null).risk;

        String same = verify(journal, limits, null);
        assertThat(same).startsWith("IDENTICAL: ").contains("snapshot state hashes checked")
                .contains("from the journal's start").contains("strategies called, their decisions compared")
                .doesNotContain(" 0 snapshot state hashes checked");

        Map<String, Object> tighter = new java.util.HashMap<>(limits);
        tighter.put("maxOrderQuantity", "0.4"); // below the market maker's 0.5: its orders are refused
        Path whatIf = Files.writeString(temp.resolve("risk-what-if.cfg"), "maxOrderQuantity = 0.4\n");
        String changed = verify(journal, tighter, "livestack.risk=" + whatIf);
        assertThat(changed).startsWith("DIVERGED: ").contains("events produced other records, first at seq ")
                .contains("(risk)").contains("MAX_ORDER_QUANTITY");
    }

    @Test
    void anotherBuildOfAStrategyShowsWhereItDecidesOtherwiseAndARangeStartsFromASnapshot() throws IOException {
        List<Step> script = ChainDeterminismTest.script(20_261_211L, 900, -1);
        Path journal = temp.resolve("journal");
        try (LiveChain first = chain(journal, 300, new ScriptedVenue(SIM, Scenario.instruments()))) {
            Scenario.run(first, script);
        }
        Map<String, Object> limits = Scenario.options(temp, null, null).risk;
        // the "new build" crosses the spread by more: its first order has another price than the journaled one
        io.livestack.api.strategy.Strategy wider = Scenario.momentum(Map.of("slippageBps", 40));

        String called = verify(journal, limits, null, Map.of(), wider);
        assertThat(called).startsWith("DIVERGED: ").contains("events produced other records, first at seq ")
                .contains("(strategy mom1, call ").contains("journaled [SubmitOrder[").contains("decided now [SubmitOrder[");

        String replayed = verify(journal, limits, null, Map.of(VerifyConfig.STRATEGIES, "replay"), wider);
        assertThat(replayed).as("the journaled decisions replayed: the strategy is not checked")
                .startsWith("IDENTICAL: ").contains("strategies' journaled decisions replayed");

        List<Path> snapshots = SnapshotFiles.list(journal);
        assertThat(snapshots).hasSizeGreaterThanOrEqualTo(2);
        long snapshotSeq = SnapshotFiles.seqOf(snapshots.get(0)); // not the one the stop took
        long to = snapshotSeq + 60;
        long[] intake = new long[2]; // of the first and the last event replayed
        JournalReader.read(journal, snapshotSeq + 1, f -> {
            if (f.seq() > to) {
                return false;
            }
            if (f.kind() == io.livestack.journal.FrameKind.INPUT) {
                intake[intake[0] == 0 ? 0 : 1] = f.input().intakeTimeNanos();
            }
            return true;
        });
        double speed = (intake[1] - intake[0]) / 400e6; // paced, the range takes 400 ms
        String range = verify(journal, limits, null, Map.of(VerifyConfig.FROM, Long.toString(snapshotSeq + 5),
                VerifyConfig.STRATEGIES, "replay", VerifyConfig.TO, Long.toString(to),
                VerifyConfig.SPEED, Double.toString(speed)), null);
        assertThat(range).startsWith("IDENTICAL: ").contains("from the recorded snapshot at seq " + snapshotSeq)
                .contains("(seq " + (snapshotSeq + 1) + ".." + to + ",");
        long took = Long.parseLong(range.replaceFirst(".*\\) in (\\d+) ms;.*", "$1"));
        assertThat(took).as("paced at the recorded pace times " + speed).isGreaterThanOrEqualTo(400);
    }

    /** A pluggable check that refuses the market maker's buys: it changes what the chain decides. */
    private static Map.Entry<io.livestack.api.risk.RiskCheck, Map<String, Object>> noMarketMakerBuys(long serviceId) {
        io.livestack.api.risk.RiskCheck check = new io.livestack.api.risk.RiskCheck() {
            @Override
            public String name() {
                return "no-mm-buys";
            }

            @Override
            public io.livestack.api.risk.RiskDecision check(io.livestack.api.intent.Intent intent,
                    io.livestack.api.state.StateView state, long nowNanos) {
                return intent instanceof io.livestack.api.intent.SubmitOrder s && s.strategy().equals(Scenario.MM)
                        && s.side() == io.livestack.api.model.Side.BUY
                        ? io.livestack.api.risk.RiskDecision.reject(io.livestack.api.risk.RejectReason.CUSTOM_CHECK,
                                "no buys") : io.livestack.api.risk.RiskDecision.ACCEPT;
            }
        };
        return Map.entry(check, Map.of(org.osgi.framework.Constants.SERVICE_ID, serviceId,
                org.osgi.framework.Constants.SERVICE_RANKING, 0));
    }

    @Test
    void aRiskCheckRegisteredMidSessionRunsFromItsJournaledBindingInTheReplayToo() throws IOException {
        List<Step> script = ChainDeterminismTest.script(20_261_212L, 900, -1);
        Path journal = temp.resolve("journal");
        RecordingSink sink = new RecordingSink();
        String atCrash;
        Path crash;
        try (LiveChain first = chain(options(journal, 400, new ScriptedVenue(SIM, Scenario.instruments()), sink))) {
            Scenario.run(first, script.subList(0, 300));
            Map.Entry<io.livestack.api.risk.RiskCheck, Map<String, Object>> check = noMarketMakerBuys(42);
            Components.call(first.risk, "bindRiskCheck", check.getKey(), check.getValue()); // as SCR, mid-session
            Scenario.run(first, script.subList(300, 900));
            atCrash = hashNow(first);
            crash = copy(journal, temp.resolve("crash"));
        }
        List<io.livestack.api.record.RiskRejectionRecord> refused = sink.records().stream()
                .filter(r -> r instanceof io.livestack.api.record.RiskRejectionRecord x
                        && "no-mm-buys".equals(x.customCheck()))
                .map(r -> (io.livestack.api.record.RiskRejectionRecord) r).toList();
        assertThat(refused).as("the check refused the market maker's buys once bound").isNotEmpty();
        assertThat(SnapshotFiles.list(crash)).as("a snapshot holds the check's binding").isNotEmpty();

        LiveChain.Options again = options(crash, 0, new ScriptedVenue(SIM, Scenario.instruments()),
                new RecordingSink());
        again.riskChecks.add(noMarketMakerBuys(7)); // registered in this process before it recovers
        try (LiveChain second = chain(again)) {
            assertThat(recovered(second)).as("the check ran from its journaled binding on").isEqualTo(atCrash);
        }

        Path crash2 = copy(journal, temp.resolve("crash2"));
        List<Path> snapshots = SnapshotFiles.list(crash2);
        for (Path p : snapshots) {
            Files.delete(p); // from the journal's start: the check's binding comes mid-replay
        }
        try (LiveChain third = chain(crash2, 0, new ScriptedVenue(SIM, Scenario.instruments()))) {
            Await.until("the recovery", WAIT, () -> journalOf(third).recovery().recoveredHash() != null);
            assertThat(journalOf(third).recovery().status()).as("the check is not registered here: journaled as bound,"
                    + " it refuses everything, and the replay says so").contains("other records")
                    .contains("is bound but not registered");
        }
    }

    @Test
    void aSecondAdapterRefusedForAServedVenueIsRefusedAgainInTheReplayAndItsGoingChangesNothing() throws IOException {
        List<Step> script = ChainDeterminismTest.script(20_261_214L, 900, -1);
        Path journal = temp.resolve("journal");
        RecordingSink sink = new RecordingSink();
        String atCrash;
        Path crash;
        try (LiveChain first = chain(options(journal, 400, new ScriptedVenue(SIM, Scenario.instruments()), sink))) {
            Scenario.run(first, script.subList(0, 300));
            ScriptedVenue duplicate = new ScriptedVenue(SIM, Scenario.instruments());
            Map<String, Object> properties = Map.of(VenueAdapter.VENUE_PROPERTY, SIM.value());
            Components.call(first.runtime, "bindVenue", duplicate, properties); // as SCR: another adapter bundle's
            Scenario.run(first, script.subList(300, 600));
            Components.call(first.runtime, "unbindVenue", duplicate, properties);
            Scenario.run(first, script.subList(600, 900));
            assertThat(first.runtime.counters()).containsEntry("venues.refused", 1L);
            assertThat(duplicate.calls()).as("the refused adapter is never used").isEmpty();
            atCrash = hashNow(first);
            crash = copy(journal, temp.resolve("crash"));
        }
        assertThat(sink.of(MetadataRecord.class)).as("the refusal recorded, SIM never UNAVAILABLE")
                .anyMatch(m -> m.subject().equals(SIM.value()) && m.detail().contains("refused"))
                .noneMatch(m -> m.subject().equals(SIM.value()) && m.detail().startsWith("UNAVAILABLE"));
        for (Path p : SnapshotFiles.list(crash)) {
            Files.delete(p); // from the journal's start: the refusal comes mid-replay
        }
        try (LiveChain second = chain(crash, 0, new ScriptedVenue(SIM, Scenario.instruments()))) {
            assertThat(recovered(second)).as("the same state: the first adapter served SIM throughout")
                    .isEqualTo(atCrash);
        }
    }

    @Test
    void afterAPowerLossTheIdsGivenPastTheJournalAreKnownAndAnOrderFromTheVenueStoreIsBookedOnce()
            throws IOException {
        List<Step> script = ChainDeterminismTest.script(20_261_213L, 900, -1);
        Path journal = temp.resolve("journal");
        java.util.Set<io.livestack.api.model.ClientOrderId> kept;
        List<io.livestack.api.state.OrderView> lostOrders;
        Path powerLoss;
        try (LiveChain first = chain(journal, 0, new ScriptedVenue(SIM, Scenario.instruments()))) {
            Scenario.run(first, script.subList(0, 400));
            powerLoss = copy(journal, temp.resolve("power-loss")); // what the disk had: the rest was not forced
            kept = LiveChain.await(first.runtime.query(x -> first.state.orders().stream()
                    .map(io.livestack.api.state.OrderView::clientOrderId)
                    .collect(java.util.stream.Collectors.toSet())), "the orders");
            Scenario.run(first, script.subList(400, 700));
            lostOrders = LiveChain.await(first.runtime.query(x -> first.state.orders().stream()
                    .filter(o -> !kept.contains(o.clientOrderId())).toList()), "the later orders");
        }
        assertThat(lostOrders).as("orders were sent after the disk's last forced input").isNotEmpty();

        ScriptedVenue venue = new ScriptedVenue(SIM, Scenario.instruments());
        try (LiveChain second = chain(powerLoss, 0, venue)) {
            recovered(second);
            assertThat(kept).noneMatch(second.runtime::sentButNotJournaled);
            assertThat(lostOrders).allMatch(o -> second.runtime.sentButNotJournaled(o.clientOrderId()));

            io.livestack.api.state.OrderView lost = lostOrders.get(0);
            io.livestack.api.event.SentOrderRecovered found = new io.livestack.api.event.SentOrderRecovered(0,
                    lost.venue(), lost.clientOrderId(), lost.strategy(), lost.instrument(), lost.side(), lost.type(),
                    lost.timeInForce(), lost.price(), lost.quantity(), 99);
            second.publish(found); // as the FIX adapter does before its logon
            second.publish(found); // and again after another restart
            second.quiesce();
            io.livestack.api.state.OrderView booked = LiveChain.await(second.runtime.query(
                    x -> second.state.order(lost.clientOrderId())), "the booked order");
            assertThat(booked.strategy()).isEqualTo(lost.strategy());
            assertThat(booked.quantity()).isEqualTo(lost.quantity());
            assertThat(booked.status()).isEqualTo(io.livestack.api.model.OrderStatus.PENDING_NEW);
            assertThat(venue.calls()).as("it was sent before the power loss: not again")
                    .noneMatch(c -> c.startsWith("SUBMIT " + lost.clientOrderId() + " "));

            // ids given from now on never repeat one the venue already has
            io.livestack.api.model.ClientOrderId next = LiveChain.await(second.runtime.query(
                    x -> second.runtime.assembly().sequencer().nextClientOrderId()), "a new id");
            assertThat(lostOrders).noneMatch(o -> o.clientOrderId().equals(next));
            assertThat(kept).doesNotContain(next);
            assertThat(second.runtime.sentButNotJournaled(next)).isFalse();
        }
    }

    /** Reads every record the journal has after {@code from}, as storage does; returns where it got to. */
    private static long readRecords(LiveChain chain, long from) {
        long pos = from;
        long next;
        while ((next = journalOf(chain).records().read(pos, 10_000, r -> { })) > pos) {
            pos = next;
        }
        return pos;
    }

    @Test
    void segmentsNobodyNeedsAnyMoreGoAndTheRestStillRecovers() throws IOException {
        List<Step> script = ChainDeterminismTest.script(20_261_210L, 1_800, -1);
        Path journal = temp.resolve("journal");
        LiveChain.Options o = Scenario.options(Files.createDirectories(temp.resolve("state-retention")),
                new ScriptedVenue(SIM, Scenario.instruments()), new RecordingSink());
        o.runtime.put(JournalConfig.ENABLED, true);
        o.runtime.put(JournalConfig.DIRECTORY, journal.toString());
        o.runtime.put(JournalConfig.SEGMENT_BYTES, 1 << 16);
        o.runtime.put(JournalConfig.SNAPSHOT_INTERVAL, 0);
        o.runtime.put(JournalConfig.SNAPSHOT_EVENTS, 300);
        o.runtime.put(JournalConfig.SNAPSHOTS_RETAINED, 1);
        o.runtime.put(JournalConfig.RETAIN, 1);
        String atCrash;
        Path crash;
        try (LiveChain chain = new LiveChain(o)) {
            ((ScriptedVenue) o.venue).attach(chain.runtime);
            Scenario.run(chain, script.subList(0, 600));
            Path first = JournalReader.segments(journal).get(0);
            assertThat(JournalReader.segments(journal)).as("several segments").hasSizeGreaterThan(2);
            Scenario.run(chain, script.subList(600, 900));
            assertThat(first).as("no reader of the records yet: the journal may hold what no database has")
                    .exists();
            long read = 0;
            for (int i = 900; i < 1800; i += 100) { // snapshots while storage reads on: what it read can go
                read = readRecords(chain, read);
                Scenario.run(chain, script.subList(i, i + 100));
            }
            Await.until("the first segments removed", WAIT, () -> !Files.exists(first));
            atCrash = hashNow(chain);
            crash = copy(journal, temp.resolve("crash"));
        }
        try (LiveChain recovered = chain(crash, 300, new ScriptedVenue(SIM, Scenario.instruments()))) {
            assertThat(recovered(recovered)).as("recovered from the snapshot kept and the segments after it")
                    .isEqualTo(atCrash);
        }
    }

    /** Reads every record the journal has after {@code from} as the reader {@code name}, into {@code into}. */
    private static long readRecords(LiveChain chain, String name, long from,
            List<io.livestack.api.record.RecordJournal.EventRecords> into) {
        long pos = from;
        long next;
        while ((next = journalOf(chain).records().read(name, pos, 500, into::add)) > pos) {
            pos = next;
        }
        return pos;
    }

    @Test
    void twoNamedReadersFollowTheJournalApartAndWhatTheSlowerStillNeedsStays() throws IOException {
        List<Step> script = ChainDeterminismTest.script(20_261_211L, 2_400, -1);
        Path journal = temp.resolve("journal");
        LiveChain.Options o = Scenario.options(Files.createDirectories(temp.resolve("state-readers")),
                new ScriptedVenue(SIM, Scenario.instruments()), new RecordingSink());
        o.runtime.put(JournalConfig.ENABLED, true);
        o.runtime.put(JournalConfig.DIRECTORY, journal.toString());
        o.runtime.put(JournalConfig.SEGMENT_BYTES, 1 << 16);
        o.runtime.put(JournalConfig.SNAPSHOT_INTERVAL, 0);
        o.runtime.put(JournalConfig.SNAPSHOT_EVENTS, 300);
        o.runtime.put(JournalConfig.SNAPSHOTS_RETAINED, 1);
        o.runtime.put(JournalConfig.RETAIN, 1);
        try (LiveChain chain = new LiveChain(o)) {
            ((ScriptedVenue) o.venue).attach(chain.runtime);
            List<io.livestack.api.record.RecordJournal.EventRecords> storage = new ArrayList<>();
            List<io.livestack.api.record.RecordJournal.EventRecords> export = new ArrayList<>();
            Scenario.run(chain, script.subList(0, 300));
            long exportAt = journalOf(chain).records().read("kafka-export", 0, 1, export::add); // a little, then stops
            Path first = JournalReader.segments(journal).get(0);
            long storageAt = 0;
            for (int i = 300; i < 1500; i += 100) { // storage reads on, the export does not
                storageAt = readRecords(chain, io.livestack.api.record.RecordJournal.STORAGE_READER, storageAt,
                        storage);
                Scenario.run(chain, script.subList(i, i + 100));
            }
            assertThat(JournalReader.segments(journal)).as("several segments").hasSizeGreaterThan(2);
            assertThat(first).as("the export has not read past it: it stays").exists();
            long exportEnd = readRecords(chain, "kafka-export", exportAt, export);
            assertThat(exportEnd).as("the export's place is its own").isGreaterThan(storageAt);
            storageAt = readRecords(chain, io.livestack.api.record.RecordJournal.STORAGE_READER, storageAt, storage);
            assertThat(export).as("both readers get every event's records, once, in order")
                    .usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(storage);
            assertThat(storage).isNotEmpty();
            for (int i = 1500; i < 2400 && Files.exists(first); i += 100) { // both read on: now the first can go
                storageAt = readRecords(chain, io.livestack.api.record.RecordJournal.STORAGE_READER, storageAt,
                        new ArrayList<>());
                exportEnd = readRecords(chain, "kafka-export", exportEnd, new ArrayList<>());
                Scenario.run(chain, script.subList(i, i + 100));
            }
            Await.until("the first segment removed once both readers are past it", WAIT,
                    () -> !Files.exists(first));
        }
    }

    @Test
    void aTornTailIsCutOffAndTheRestRecovered() throws IOException {
        List<Step> script = ChainDeterminismTest.script(7L, 300, -1);
        Path journal = temp.resolve("journal");
        String hash;
        Path crash;
        try (LiveChain first = chain(journal, 0, new ScriptedVenue(SIM, Scenario.instruments()))) {
            Scenario.run(first, script.subList(0, 200));
            hash = hashNow(first);
            crash = copy(journal, temp.resolve("crash"));
        }
        JournalScan scan = JournalReader.scan(crash, false);
        try (FileChannel ch = FileChannel.open(scan.endSegment(), StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 500).putInt(4, 99)
                    .putLong(8, 1234), scan.endOffset());
        }
        try (LiveChain second = chain(crash, 0, new ScriptedVenue(SIM, Scenario.instruments()))) {
            assertThat(recovered(second)).isEqualTo(hash);
            assertThat(second.runtime.status().recovery()).contains("torn tail cut off")
                    .contains("offset " + scan.endOffset());
        }
    }

    @Test
    void aDamagedJournalStopsTheRuntimeWithTheReasonUntilAnOperatorStartsAfresh() throws IOException {
        List<Step> script = ChainDeterminismTest.script(11L, 300, -1);
        Path journal = temp.resolve("journal");
        try (LiveChain first = chain(journal, 0, new ScriptedVenue(SIM, Scenario.instruments()))) {
            Scenario.run(first, script.subList(0, 200));
        }
        Path segment = JournalReader.segments(journal).get(0);
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, 200);
            ch.write(b.put(0, (byte) (b.get(0) ^ 0x41)).position(0), 200);
        }
        try (LiveChain second = chain(journal, 0, new ScriptedVenue(SIM, Scenario.instruments()))) {
            Await.until("the recovery to fail", WAIT, () -> journalOf(second).recovery().failure() != null);
            RuntimeStatus status = second.runtime.status();
            assertThat(status.recovery()).startsWith("FAILED: ").contains(segment.getFileName().toString())
                    .contains("CRC mismatch");
            assertThat(status.halted()).contains("recovery from the journal failed");
            assertThat(status.globalTradingState()).isEqualTo(TradingState.HALTED);
            int waiting = second.runtime.queueDepth(); // the stages' bindings wait too
            second.publish(new TimerEvent(0, TimerOwner.strategy(StrategyId.of("nobody")), 1));
            assertThat(second.runtime.queueDepth()).as("nothing is processed").isEqualTo(waiting + 1);
            assertThat(second.lastSeq()).isZero();

            CommandResult fresh = second.runtime.startFresh("alice");
            assertThat(fresh.ok()).as(fresh.message()).isTrue();
            Await.until("the held event to be processed", WAIT, () -> second.runtime.queueDepth() == 0);
            second.quiesce();
            RuntimeStatus after = second.runtime.status();
            assertThat(after.halted()).isNull();
            assertThat(after.killSwitchEngaged()).as("nothing trades until an operator resumes").isTrue();
            try (Stream<Path> siblings = Files.list(temp)) {
                assertThat(siblings.map(p -> p.getFileName().toString()))
                        .as("the damaged journal is kept aside").anyMatch(n -> n.startsWith("journal-set-aside-"));
            }
        }
    }
}
