package io.livestack.runtime.internal;

import static io.livestack.testkit.TestEvents.BTC;
import static io.livestack.testkit.TestEvents.ETH;
import static io.livestack.testkit.TestEvents.SIM;
import static io.livestack.testkit.TestEvents.STRAT;
import static io.livestack.testkit.TestEvents.order;
import static io.livestack.testkit.TestEvents.report;
import static io.livestack.testkit.TestEvents.submit;
import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.event.Command;
import io.livestack.api.event.ExecutionReport;
import io.livestack.api.event.TimerEvent;
import io.livestack.api.event.TimerOwner;
import io.livestack.api.event.VenueSessionEvent;
import io.livestack.api.intent.CancelOrder;
import io.livestack.api.intent.Intent;
import io.livestack.api.intent.SubmitOrder;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecType;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.TradingState;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.record.MetadataRecord;
import io.livestack.api.record.OperatorActionRecord;
import io.livestack.api.record.OrderEvent;
import io.livestack.api.record.OrderRecord;
import io.livestack.api.record.RiskRejectionRecord;
import io.livestack.api.risk.RejectReason;
import io.livestack.api.risk.RiskDecision;
import io.livestack.api.runtime.CommandResult;
import io.livestack.api.state.OrderView;
import io.livestack.api.state.StateStore;
import io.livestack.testkit.TestEvents;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * Dispatch, intents, fail-closed stand-ins, held reports, fault blame, records, queries — each stepped by hand: a
 * test publishes, runs the chain until it is idle, and looks at what happened.
 */
class ChainTest {

    private static TimerOwner strategy(String id) {
        return TimerOwner.strategy(StrategyId.of(id));
    }

    /** The strategy host emits {@code intent} while processing a timer event; returns when it was processed. */
    private static void emit(TestChain chain, Intent intent) {
        long token = System.nanoTime();
        chain.host.behaviour = (e, sink) -> {
            if (e.event() instanceof TimerEvent t && t.owner().equals(strategy("emit")) && t.token() == token) {
                sink.accept(intent);
            }
        };
        chain.publish(new TimerEvent(0, strategy("emit"), token));
        chain.step();
    }

    private static RiskRejectionRecord onlyRejection(TestChain chain) {
        List<RiskRejectionRecord> r = chain.sink.of(RiskRejectionRecord.class);
        assertThat(r).hasSize(1);
        return r.get(0);
    }

    // ------------------------------------------------------------------------------------------ routing

    @Test
    void marketDataGoesToStateThenHostWithTheSameSequenceNumber() {
        try (TestChain chain = new TestChain().bindAll()) {
            chain.publish(TestEvents.trade(SIM, BTC, 1, 100, 1, null));
            chain.step();

            assertThat(chain.state.appliedSeqs).containsExactly(chain.base + 1);
            assertThat(chain.host.events().get(0).seq()).isEqualTo(chain.base + 1);
            assertThat(chain.host.events().get(0).event()).isSameAs(chain.state.applied.get(0));
        }
    }

    @Test
    void acceptedSubmitGoesThroughRiskAndExecutionToTheVenue() {
        try (TestChain chain = new TestChain().bindAll().running()) {
            emit(chain, submit(STRAT, SIM, BTC, 10, 5));

            assertThat(chain.risk.checked).hasSize(1);
            assertThat(chain.execution.submits).hasSize(1);
            assertThat(chain.sim.submitted).hasSize(1);
            assertThat(chain.sink.of(RiskRejectionRecord.class)).isEmpty();
            assertThat(chain.runtime.counters()).containsEntry("intents.accepted", 1L);
        }
    }

    @Test
    void theChainChecksNothingButTheSessionAndLeavesEveryOtherRuleToItsStage() {
        // what risk and execution control own is theirs to refuse (ChainRulesTest runs them for real): the chain
        // passes an odd intent on, and records the refusal of the stage that owns the rule
        try (TestChain chain = new TestChain().bindAll().running()) {
            chain.risk.decision = i -> RiskDecision.reject(RejectReason.INVALID_QUANTITY, "quantity 0 must be positive");
            emit(chain, submit(STRAT, SIM, BTC, 10, 0));

            assertThat(chain.risk.checked).hasSize(1);
            RiskRejectionRecord r = onlyRejection(chain);
            assertThat(r.reason()).isEqualTo(RejectReason.INVALID_QUANTITY);
            assertThat(r.check()).isEqualTo("INVALID_QUANTITY");
            assertThat(chain.host.rejections).extracting(StageDoubles.Rejection::reason)
                    .containsExactly(RejectReason.INVALID_QUANTITY);
            assertThat(chain.execution.submits).isEmpty();
            assertThat(chain.runtime.counters()).containsEntry("rejections.INVALID_QUANTITY", 1L)
                    .containsEntry("rejections.MAX_POSITION", 0L).containsEntry("intents.rejected", 1L);
        }
    }

    @Test
    void riskRefusalIsRecordedAndToldToTheStrategy() {
        try (TestChain chain = new TestChain().bindAll().running()) {
            chain.risk.decision = i -> RiskDecision.reject(RejectReason.MAX_ORDER_QUANTITY, "too big");
            emit(chain, submit(STRAT, SIM, BTC, 10, 5));

            RiskRejectionRecord r = onlyRejection(chain);
            assertThat(r.reason()).isEqualTo(RejectReason.MAX_ORDER_QUANTITY);
            assertThat(r.detail()).isEqualTo("too big");
            assertThat(chain.host.rejections).hasSize(1);
            assertThat(chain.execution.submits).isEmpty();
        }
    }

    @Test
    void aCustomCheckRefusalNamesTheCheck() {
        try (TestChain chain = new TestChain().bindAll().running()) {
            chain.risk.decision = i -> RiskDecision.rejectByCustomCheck("night-limit", "MAX_POSITION: 1 at night");
            emit(chain, submit(STRAT, SIM, BTC, 10, 5));

            RiskRejectionRecord r = onlyRejection(chain);
            assertThat(r.reason()).isEqualTo(RejectReason.CUSTOM_CHECK);
            assertThat(r.customCheck()).isEqualTo("night-limit");
            assertThat(r.check()).isEqualTo("night-limit");
        }
    }

    @Test
    void submitIsRefusedWhenTheSessionIsNotRunning() {
        try (TestChain chain = new TestChain().bindAll()) {
            emit(chain, submit(STRAT, SIM, BTC, 10, 5));
            assertThat(onlyRejection(chain).reason()).isEqualTo(RejectReason.SESSION_NOT_RUNNING);
            assertThat(chain.risk.checked).as("the session gate comes first").isEmpty();
        }
    }

    @Test
    void aCancelIsNotHeldBackBecauseTheSessionIsNotRunning() {
        try (TestChain chain = new TestChain().bindAll()) {
            chain.state.putOrder(order("O1", SIM, OrderStatus.NEW));
            emit(chain, new CancelOrder(STRAT, ClientOrderId.of("O1")));
            assertThat(chain.sink.of(RiskRejectionRecord.class)).isEmpty();
            assertThat(chain.sim.cancels).hasSize(1);
        }
    }

    @Test
    void aStrategyTimerFiresAsAnEventAtItsDueTimeByTheInjectedClock() {
        try (TestChain chain = new TestChain().bindAll()) {
            long[] due = new long[1];
            chain.host.behaviour = (e, sink) -> {
                if (e.event() instanceof TimerEvent t && t.owner().equals(strategy("arm"))) {
                    due[0] = chain.host.lastContext.now() + 1_000_000_000L;
                    chain.host.lastContext.scheduleTimer(strategy("s1"), due[0], 7);
                }
            };
            chain.publish(new TimerEvent(0, strategy("arm"), 1));
            chain.step();
            chain.clock.advance(java.time.Duration.ofMillis(999));
            chain.step();
            assertThat(chain.host.timerTokens()).doesNotContain("s1:7");

            chain.clock.advance(java.time.Duration.ofMillis(1));
            chain.step();
            assertThat(chain.host.timerTokens()).contains("s1:7");
            TimerEvent fired = chain.host.events().stream().map(s -> s.event())
                    .filter(ev -> ev instanceof TimerEvent t && t.owner().equals(strategy("s1")))
                    .map(TimerEvent.class::cast).findFirst().orElseThrow();
            assertThat(fired.sourceTimeNanos()).isEqualTo(due[0]);
        }
    }

    @Test
    void theRuntimesOwnTimersNeverReachTheStrategyHostAndTheHostCannotScheduleThem() {
        try (TestChain chain = new TestChain().bindAll()) {
            chain.host.behaviour = (e, sink) -> chain.host.lastContext.scheduleTimer(TimerOwner.SESSION, 0, 1);
            chain.publish(new TimerEvent(0, TimerOwner.SESSION, 99));
            chain.publish(TestEvents.trade(SIM, BTC, 1, 100, 1, null));
            chain.step();

            assertThat(chain.host.timerTokens()).as("a session timer is the runtime's").isEmpty();
            assertThat(chain.sink.of(MetadataRecord.class)).anyMatch(m -> m.kind()
                    == MetadataRecord.Kind.STRATEGY_FAULT && m.detail().contains("strategies' timers"));
            assertThat(chain.sequencer.timersPending()).isZero();
        }
    }

    @Test
    void strategiesAndQueriesSeeAReadOnlyStateNeverTheStore() throws Exception {
        try (TestChain chain = new TestChain().bindAll()) {
            chain.publish(TestEvents.trade(SIM, BTC, 1, 100, 1, null));
            chain.step();
            assertThat(chain.host.lastContext.state()).isNotInstanceOf(StateStore.class);
            CompletableFuture<Boolean> castable = chain.runtime.query(s -> s instanceof StateStore);
            chain.step();
            assertThat(castable.get()).isFalse();
        }
    }

    // ------------------------------------------------------------------------------------------ fail closed

    @Test
    void submitIsRefusedWithRiskUnavailableWhenRiskIsAbsent() {
        try (TestChain chain = new TestChain().bindAll().running()) {
            chain.binder.unbindRisk(chain.risk);
            emit(chain, submit(STRAT, SIM, BTC, 10, 5));

            assertThat(onlyRejection(chain).reason()).isEqualTo(RejectReason.RISK_UNAVAILABLE);
            assertThat(chain.host.rejections).extracting(StageDoubles.Rejection::reason)
                    .containsExactly(RejectReason.RISK_UNAVAILABLE);
            assertThat(chain.execution.submits).isEmpty();
            assertThat(chain.sim.submitted).isEmpty();
            assertThat(chain.runtime.status().stages()).containsEntry("risk", false);
        }
    }

    @Test
    void submitIsRefusedWithExecutionUnavailableWhenExecutionIsAbsent() {
        try (TestChain chain = new TestChain().bindAll().running()) {
            chain.binder.unbindExecution(chain.execution);
            emit(chain, submit(STRAT, SIM, BTC, 10, 5));

            assertThat(onlyRejection(chain).reason()).isEqualTo(RejectReason.EXECUTION_UNAVAILABLE);
            assertThat(chain.sim.submitted).isEmpty();
        }
    }

    @Test
    void cancelStillReachesTheAdapterWhenExecutionIsAbsent() {
        try (TestChain chain = new TestChain().bindAll().running()) {
            chain.state.putOrder(order("O1", SIM, OrderStatus.NEW));
            chain.binder.unbindExecution(chain.execution);
            chain.binder.unbindRisk(chain.risk);
            emit(chain, new CancelOrder(STRAT, ClientOrderId.of("O1")));

            assertThat(chain.sink.of(RiskRejectionRecord.class)).isEmpty();
            assertThat(chain.sim.cancels).hasSize(1);
            ClientOrderId cancelId = chain.sim.cancels.get(0).cancelId();
            assertThat(chain.sim.cancels.get(0).order().clientOrderId()).isEqualTo(ClientOrderId.of("O1"));
            assertThat(chain.state.aliases()).containsEntry(cancelId, ClientOrderId.of("O1"));
            OrderView pending = chain.state.order(ClientOrderId.of("O1"));
            assertThat(pending.pendingClientOrderId()).isEqualTo(cancelId);
            assertThat(pending.status()).as("the one cancel rule: the same as execution control's")
                    .isEqualTo(OrderStatus.PENDING_CANCEL);
            assertThat(chain.sink.of(OrderRecord.class)).extracting(OrderRecord::event)
                    .containsExactly(OrderEvent.CANCEL_REQUESTED);
        }
    }

    @Test
    void manualOrderGetsAFreshClOrdIdAndGoesThroughRisk() {
        try (TestChain chain = new TestChain().bindAll().running()) {
            CommandResult r = chain.run(new Command.ManualIntent(submit(Intent.MANUAL, SIM, BTC, 10, 5)));

            assertThat(r.ok()).as(r.message()).isTrue();
            assertThat(chain.execution.submits).hasSize(1);
            ClientOrderId id = chain.execution.submits.get(0).clientOrderId();
            assertThat(id.value()).startsWith("LS").isNotEqualTo("placeholder");
            assertThat(r.message()).contains(id.value());
            assertThat(chain.sink.of(OperatorActionRecord.class)).extracting(OperatorActionRecord::user)
                    .contains("tester");
        }
    }

    @Test
    void manualOrderIsRefusedWhenTheSessionIsStopped() {
        try (TestChain chain = new TestChain().bindAll()) {
            CommandResult r = chain.run(new Command.ManualIntent(submit(Intent.MANUAL, SIM, BTC, 10, 5)));

            assertThat(r.ok()).isFalse();
            assertThat(r.message()).startsWith("SESSION_NOT_RUNNING");
            assertThat(chain.host.rejections).as("manual refusals are not a strategy's").isEmpty();
            OperatorActionRecord action = chain.sink.of(OperatorActionRecord.class).get(0);
            assertThat(action.outcome()).startsWith("SESSION_NOT_RUNNING");
        }
    }

    @Test
    void theSameEventSequenceGivesTheSameClOrdIds() {
        List<ClientOrderId> first = manualOrders();
        List<ClientOrderId> second = manualOrders();

        assertThat(first).hasSize(3).doesNotHaveDuplicates().isEqualTo(second);
    }

    private static List<ClientOrderId> manualOrders() {
        try (TestChain chain = new TestChain().bindAll().running()) {
            for (int i = 0; i < 3; i++) {
                assertThat(chain.run(new Command.ManualIntent(submit(Intent.MANUAL, SIM, BTC, 10, 5))).ok()).isTrue();
            }
            return chain.execution.submits.stream().map(SubmitOrder::clientOrderId).toList();
        }
    }

    // ------------------------------------------------------------------------------------------ held reports

    @Test
    void executionReportsAreHeldWhileExecutionIsAbsentAndSequencedInOrderWhenItReturns() {
        try (TestChain chain = new TestChain().bindAll()) {
            chain.binder.unbindExecution(chain.execution);
            chain.publish(report(SIM, "A", "E1", ExecType.NEW, OrderStatus.NEW));
            chain.publish(report(SIM, "A", "E2", ExecType.CANCELED, OrderStatus.CANCELED));
            chain.publish(report(SIM, "B", "E3", ExecType.NEW, OrderStatus.NEW));
            chain.sync();

            assertThat(chain.host.events()).noneMatch(s -> s.event() instanceof ExecutionReport);
            assertThat(chain.runtime.counters()).containsEntry("reports.parked", 3L);

            chain.binder.bindExecution(chain.execution);
            chain.sync();

            assertThat(chain.execution.reports).extracting(r -> r.execId().value())
                    .containsExactly("E1", "E2", "E3");
            assertThat(chain.host.events()).filteredOn(s -> s.event() instanceof ExecutionReport)
                    .extracting(s -> ((ExecutionReport) s.event()).execId().value())
                    .containsExactly("E1", "E2", "E3");
            List<Long> seqs = chain.execution.reportSeqs;
            assertThat(seqs).isSorted().doesNotHaveDuplicates();
            assertThat(chain.runtime.counters()).containsEntry("reports.parked", 0L);
        }
    }

    @Test
    void killWithoutExecutionCancelsOpenOrdersDirectlyAndHaltsWhenExecutionReturns() {
        try (TestChain chain = new TestChain().bindAll()) {
            chain.state.putOrder(order("O1", SIM, OrderStatus.NEW));
            chain.state.putOrder(order("O2", SIM, OrderStatus.PARTIALLY_FILLED));
            chain.state.putOrder(order("O3", SIM, OrderStatus.FILLED));
            chain.binder.unbindExecution(chain.execution);

            CommandResult r = chain.run(new Command.Kill("panic"));

            assertThat(r.ok()).isTrue();
            assertThat(chain.sim.cancels).extracting(c -> c.order().clientOrderId())
                    .containsExactly(ClientOrderId.of("O1"), ClientOrderId.of("O2"));
            assertThat(chain.runtime.status().killSwitchEngaged()).isTrue();
            assertThat(chain.execution.commands).isEmpty();

            chain.binder.bindExecution(chain.execution);
            chain.step();
            assertThat(chain.execution.commands).containsExactly(new Command.Kill("panic"));
            assertThat(chain.runtime.status().killSwitchEngaged()).isTrue();
            assertThat(chain.runtime.status().globalTradingState()).isEqualTo(TradingState.HALTED);
            assertThat(chain.sink.of(OperatorActionRecord.class)).extracting(OperatorActionRecord::user)
                    .as("the kill handed on is the operator's").containsExactly("tester", "tester");
        }
    }

    // ------------------------------------------------------------------------------------------ faults

    @Test
    void aStageThatThrowsIsRecordedAndTheNextEventIsProcessed() {
        try (TestChain chain = new TestChain().bindAll()) {
            chain.state.failOn = md -> md.sourceTimeNanos() == 666;
            chain.publish(TestEvents.trade(SIM, BTC, 666, 100, 1, null));
            chain.publish(TestEvents.trade(SIM, ETH, 2, 100, 1, null));
            chain.step();

            assertThat(chain.state.applied).hasSize(1);
            assertThat(chain.state.appliedSeqs).containsExactly(chain.base + 2);
            MetadataRecord fault = chain.sink.of(MetadataRecord.class).get(0);
            assertThat(fault.kind()).isEqualTo(MetadataRecord.Kind.RUNTIME);
            assertThat(fault.subject()).isEqualTo("state");
            assertThat(fault.seq()).isEqualTo(chain.base + 1);
            assertThat(fault.detail()).contains("state failed on purpose");
            assertThat(chain.host.events()).as("the event ends where the stage failed").hasSize(1);
        }
    }

    @Test
    void aHostThatThrowsIsRecordedAsAStrategyFault() {
        try (TestChain chain = new TestChain().bindAll()) {
            chain.host.behaviour = (e, sink) -> {
                if (e.event() instanceof TimerEvent t && t.owner().equals(strategy("boom"))) {
                    throw new IllegalStateException("strategy exploded");
                }
            };
            chain.publish(new TimerEvent(0, strategy("boom"), 1));
            chain.step();

            MetadataRecord fault = chain.sink.of(MetadataRecord.class).get(0);
            assertThat(fault.kind()).isEqualTo(MetadataRecord.Kind.STRATEGY_FAULT);
            assertThat(fault.detail()).contains("strategy exploded");
            assertThat(chain.runtime.counters()).containsEntry("faults", 1L);
        }
    }

    @Test
    void aRiskStageThatThrowsFailsClosedForTheSubmit() {
        try (TestChain chain = new TestChain().bindAll().running()) {
            chain.risk.decision = i -> {
                throw new IllegalStateException("risk broke");
            };
            emit(chain, submit(STRAT, SIM, BTC, 10, 5));

            assertThat(onlyRejection(chain).reason()).isEqualTo(RejectReason.RISK_UNAVAILABLE);
            assertThat(chain.sink.of(MetadataRecord.class)).anyMatch(m -> m.subject().equals("risk")
                    && m.detail().contains("risk broke"));
            assertThat(chain.execution.submits).isEmpty();
        }
    }

    @Test
    void aCommandWhoseStageThrowsEndsWithAnErrorNamingTheStage() {
        try (TestChain chain = new TestChain().bindAll()) {
            chain.binder.bindExecution(new StageDoubles.FakeExecution() {
                @Override
                public CommandResult onCommand(Command command, String user,
                        io.livestack.api.runtime.ExecutionContext context) {
                    throw new IllegalStateException("cannot persist");
                }
            });
            CommandResult r = chain.run(new Command.Resume());

            assertThat(r.ok()).isFalse();
            assertThat(r.message()).contains("resume failed in execution").contains("cannot persist");
            assertThat(chain.sink.of(MetadataRecord.class)).anyMatch(m -> m.subject().equals("execution"));
            assertThat(chain.sink.of(OperatorActionRecord.class)).singleElement()
                    .satisfies(a -> assertThat(a.outcome()).contains("cannot persist"));
        }
    }

    // ------------------------------------------------------------------------------------------ stages come and go

    @Test
    void nothingIsProcessedWithoutTheStateStage() {
        try (TestChain chain = new TestChain()) {
            chain.binder.bindHost(chain.host);
            chain.publish(new TimerEvent(0, strategy("x"), 1));
            chain.step();
            assertThat(chain.sequencer.queueDepth()).as("the host's binding and the timer wait").isEqualTo(2);
            assertThat(chain.runtime.status().lastSeq()).isZero();

            chain.binder.bindState(chain.state);
            chain.step();
            assertThat(chain.runtime.status().lastSeq()).isEqualTo(2);
            assertThat(chain.host.timerTokens()).containsExactly("x:1");
        }
    }

    @Test
    void recordsAreBufferedWithoutASinkAndDeliveredInOrderWhenOneComes() {
        try (TestChain chain = new TestChain(Map.of(RuntimeConfig.RECORD_BUFFER, "3"))) {
            chain.binder.bindHost(chain.host);
            chain.binder.bindState(chain.state);
            for (int i = 0; i < 5; i++) {
                chain.publish(new VenueSessionEvent(VenueId.of("V" + i), 0, VenueSessionState.CONNECTING, ""));
            }
            chain.sync();
            assertThat(chain.runtime.counters()).containsEntry("records.buffered", 3L)
                    .containsEntry("records.dropped", 2L);

            chain.binder.bindSink(chain.sink);
            chain.sync();
            assertThat(chain.sink.of(MetadataRecord.class)).extracting(MetadataRecord::subject)
                    .containsExactly("V0", "V1", "V2");
        }
    }

    @Test
    void aVanishedAdapterMakesItsVenueUnavailableWithOrWithoutExecutionControl() {
        for (boolean withExecution : new boolean[] {true, false}) {
            try (TestChain chain = new TestChain().bindAll()) {
                chain.state.putOrder(order("O1", SIM, OrderStatus.NEW));
                if (!withExecution) {
                    chain.binder.unbindExecution(chain.execution);
                }
                chain.binder.unbindVenue(chain.sim, chain.sim.properties());
                chain.step();

                assertThat(chain.state.venueStates().get(SIM)).isEqualTo(VenueSessionState.UNAVAILABLE);
                assertThat(chain.sink.of(MetadataRecord.class)).anyMatch(m -> m.kind() == MetadataRecord.Kind.VENUE
                        && m.subject().equals("SIM") && m.detail().startsWith("UNAVAILABLE"));
                assertThat(chain.state.order(ClientOrderId.of("O1")).venueAvailable()).isFalse();
                assertThat(chain.sink.of(OrderRecord.class)).as("the one venue-available rule")
                        .extracting(OrderRecord::event).containsExactly(OrderEvent.VENUE_UNAVAILABLE);
                assertThat(chain.runtime.status().stages()).doesNotContainKey("venue:SIM");

                chain.binder.bindVenue(chain.sim, chain.sim.properties());
                chain.publish(TestEvents.session(SIM, VenueSessionState.CONNECTING));
                chain.step();
                assertThat(chain.state.order(ClientOrderId.of("O1")).venueAvailable()).isTrue();
                assertThat(chain.sink.of(OrderRecord.class)).extracting(OrderRecord::event)
                        .containsExactly(OrderEvent.VENUE_UNAVAILABLE, OrderEvent.VENUE_AVAILABLE);
            }
        }
    }

    // ------------------------------------------------------------------------------------------ queries, status

    @Test
    void queryRunsOnTheProcessingThreadEvenWhenIdle() throws Exception {
        try (TestChain chain = new TestChain().bindAll()) {
            chain.state.putOrder(order("O1", SIM, OrderStatus.NEW));
            // asked from another thread: queued (the test thread is the processing thread while it steps the chain)
            CompletableFuture<String> thread = CompletableFuture.supplyAsync(() -> chain.runtime.query(
                    s -> Thread.currentThread().getName())).get(5, java.util.concurrent.TimeUnit.SECONDS);
            CompletableFuture<Integer> open = CompletableFuture.supplyAsync(() -> chain.runtime.query(
                    s -> s.openOrderCount())).get(5, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(thread).as("queued until the chain runs").isNotDone();
            chain.step();

            assertThat(thread.get()).as("the thread that runs the chain").isEqualTo(Thread.currentThread().getName());
            assertThat(open.get()).isEqualTo(1);
        }
    }

    @Test
    void queryFailsClearlyWithoutTheStateStage() {
        try (TestChain chain = new TestChain()) {
            CompletableFuture<Integer> q = chain.runtime.query(s -> 1);
            chain.step();
            assertThat(q).isCompletedExceptionally();
            try {
                q.get();
            } catch (InterruptedException | ExecutionException e) {
                assertThat(e.getCause()).hasMessageContaining("state stage");
            }
        }
    }

    @Test
    void queryThatThrowsCompletesExceptionallyAndTheLoopGoesOn() throws Exception {
        try (TestChain chain = new TestChain().bindAll()) {
            CompletableFuture<Integer> q = chain.runtime.query(s -> {
                throw new IllegalArgumentException("bad query");
            });
            chain.step();
            assertThat(q).isCompletedExceptionally();
            CompletableFuture<Integer> next = chain.runtime.query(s -> 7);
            chain.step();
            assertThat(next.get()).isEqualTo(7);
        }
    }

    @Test
    void statusIsReadableFromAnyThread() {
        try (TestChain chain = new TestChain().bindAll()) {
            chain.publish(new TimerEvent(0, strategy("x"), 1));
            chain.sync();
            var status = chain.runtime.status();
            assertThat(status.lastSeq()).isEqualTo(chain.base + 2);
            assertThat(status.stages()).containsEntry("state", true).containsEntry("execution", true)
                    .containsEntry("venue:SIM", true);
            assertThat(chain.runtime.counters()).containsEntry("events.out.TimerEvent", 2L)
                    .containsKey("loop.busy.nanos").containsEntry("queue.capacity", 65536L);
        }
    }

    @Test
    void operatorCommandsAreRecordedWithTheUser() {
        try (TestChain chain = new TestChain().bindAll()) {
            CommandResult r = chain.run(new Command.StartStrategy(StrategyId.of("s9")));
            CommandResult unknown = chain.run(new Command.ConnectVenue(VenueId.of("NOPE")));

            assertThat(r.ok()).isTrue();
            assertThat(chain.host.started).contains(StrategyId.of("s9"));
            assertThat(unknown.ok()).isFalse();
            assertThat(chain.sink.of(OperatorActionRecord.class)).extracting(OperatorActionRecord::action,
                    OperatorActionRecord::target, OperatorActionRecord::outcome)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("strategy-start", "s9", "ok"),
                            org.assertj.core.groups.Tuple.tuple("venue-connect", "NOPE", "unknown venue NOPE"));
        }
    }

    @Test
    void strategyCommandsWithoutAHostFailClearly() {
        try (TestChain chain = new TestChain()) {
            chain.binder.bindState(chain.state);
            CommandResult r = chain.run(new Command.StartStrategy(StrategyId.of("s9")));
            assertThat(r.ok()).isFalse();
            assertThat(r.message()).isEqualTo("the strategy host is not available");
            assertThat(chain.runtime.status().stages()).containsEntry("strategy-host", false);
        }
    }
}
