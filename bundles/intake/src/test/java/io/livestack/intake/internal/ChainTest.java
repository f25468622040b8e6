package io.livestack.intake.internal;

import static io.livestack.intake.internal.Fakes.BTC;
import static io.livestack.intake.internal.Fakes.ETH;
import static io.livestack.intake.internal.Fakes.SIM;
import static io.livestack.intake.internal.Fakes.STRAT;
import static io.livestack.intake.internal.Fakes.order;
import static io.livestack.intake.internal.Fakes.report;
import static io.livestack.intake.internal.Fakes.submit;
import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.event.Command;
import io.livestack.api.event.ExecutionReport;
import io.livestack.api.event.TimerEvent;
import io.livestack.api.event.VenueSessionEvent;
import io.livestack.api.intent.CancelOrder;
import io.livestack.api.intent.Intent;
import io.livestack.api.intent.ReplaceOrder;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecType;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.record.MetadataRecord;
import io.livestack.api.record.OperatorActionRecord;
import io.livestack.api.record.OrderRecord;
import io.livestack.api.record.RecordRecovery;
import io.livestack.api.record.RiskRejectionRecord;
import io.livestack.api.risk.RejectReason;
import io.livestack.api.risk.RiskDecision;
import io.livestack.api.runtime.CommandResult;
import io.livestack.api.state.OrderView;
import io.livestack.api.state.PositionView;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Dispatch, intents, fail-closed behaviour, parking, fault containment, records, queries. */
@Timeout(60)
class ChainTest {

    private final AtomicLong tokens = new AtomicLong();

    /** The strategy host emits {@code intent} while processing a timer event; returns when it was processed. */
    private static void emit(Chain chain, Intent intent) {
        long token = System.nanoTime();
        chain.host.behaviour = (e, sink) -> {
            if (e.event() instanceof TimerEvent t && t.owner().equals("emit") && t.token() == token) {
                sink.accept(intent);
            }
        };
        chain.runtime.publish(new TimerEvent(0, "emit", token));
        chain.sync();
    }

    private static RiskRejectionRecord onlyRejection(Chain chain) {
        List<RiskRejectionRecord> r = chain.sink.of(RiskRejectionRecord.class);
        assertThat(r).hasSize(1);
        return r.get(0);
    }

    // ------------------------------------------------------------------------------------------ routing

    @Test
    void marketDataGoesToStateThenHostWithTheSameSequenceNumber() {
        try (Chain chain = new Chain().bindAll()) {
            chain.runtime.publish(Fakes.trade(SIM, BTC, 1, 100, 1, null));
            chain.sync();

            assertThat(chain.state.appliedSeqs).containsExactly(1L);
            assertThat(chain.host.events().get(0).seq()).isEqualTo(1);
            assertThat(chain.host.events().get(0).event()).isSameAs(chain.state.applied.get(0));
        }
    }

    @Test
    void acceptedSubmitGoesThroughRiskAndExecutionToTheVenue() throws Exception {
        try (Chain chain = new Chain().bindAll().running()) {
            chain.host.running(STRAT);
            emit(chain, submit(STRAT, SIM, BTC, 10, 5));

            assertThat(chain.risk.checked).hasSize(1);
            assertThat(chain.execution.submits).hasSize(1);
            assertThat(chain.sim.submitted).hasSize(1);
            assertThat(chain.sink.of(RiskRejectionRecord.class)).isEmpty();
            assertThat(chain.runtime.counters()).containsEntry("intents.accepted", 1L);
        }
    }

    @Test
    void basicValidationRefusesBadIntentsWithNamedReasons() throws Exception {
        try (Chain chain = new Chain().bindAll().running()) {
            chain.host.running(STRAT);
            chain.state.putOrder(order("DONE", SIM, OrderStatus.FILLED));
            emit(chain, submit(STRAT, SIM, BTC, 10, 0));
            emit(chain, submit(STRAT, SIM, BTC, 0, 5));
            emit(chain, submit(STRAT, VenueId.of("NOPE"), BTC, 10, 5));
            emit(chain, submit(STRAT, SIM, ETH, 10, 5));
            emit(chain, new CancelOrder(STRAT, ClientOrderId.of("UNKNOWN")));
            emit(chain, new ReplaceOrder(STRAT, ClientOrderId.of("DONE"), 10, 5));

            assertThat(chain.sink.of(RiskRejectionRecord.class)).extracting(RiskRejectionRecord::reason)
                    .containsExactly(RejectReason.INVALID_QUANTITY, RejectReason.INVALID_PRICE,
                            RejectReason.UNKNOWN_VENUE, RejectReason.UNKNOWN_INSTRUMENT, RejectReason.UNKNOWN_ORDER,
                            RejectReason.ORDER_NOT_OPEN);
            assertThat(chain.host.rejections).extracting(Fakes.Rejection::reason)
                    .containsExactly(RejectReason.INVALID_QUANTITY, RejectReason.INVALID_PRICE,
                            RejectReason.UNKNOWN_VENUE, RejectReason.UNKNOWN_INSTRUMENT, RejectReason.UNKNOWN_ORDER,
                            RejectReason.ORDER_NOT_OPEN);
            assertThat(chain.risk.checked).isEmpty();
            assertThat(chain.execution.submits).isEmpty();
            assertThat(chain.runtime.counters()).containsEntry("rejections.INVALID_QUANTITY", 1L)
                    .containsEntry("rejections.ORDER_NOT_OPEN", 1L).containsEntry("rejections.MAX_POSITION", 0L)
                    .containsEntry("intents.rejected", 6L);
        }
    }

    @Test
    void riskRefusalIsRecordedAndToldToTheStrategy() throws Exception {
        try (Chain chain = new Chain().bindAll().running()) {
            chain.host.running(STRAT);
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
    void submitIsRefusedWhenTheSessionIsNotRunningOrTheStrategyIsStopped() throws Exception {
        try (Chain chain = new Chain().bindAll()) {
            chain.host.running(STRAT);
            emit(chain, submit(STRAT, SIM, BTC, 10, 5));
            assertThat(onlyRejection(chain).reason()).isEqualTo(RejectReason.SESSION_NOT_RUNNING);

            chain.running();
            chain.host.running.clear();
            emit(chain, submit(STRAT, SIM, BTC, 10, 5));
            assertThat(chain.sink.of(RiskRejectionRecord.class)).extracting(RiskRejectionRecord::reason)
                    .containsExactly(RejectReason.SESSION_NOT_RUNNING, RejectReason.STRATEGY_NOT_RUNNING);
        }
    }

    @Test
    void aStrategyTimerFiresAsAnEventAtItsDueTimeByTheInjectedClock() {
        try (Chain chain = new Chain().bindAll()) {
            long[] due = new long[1];
            chain.host.behaviour = (e, sink) -> {
                if (e.event() instanceof TimerEvent t && t.owner().equals("arm")) {
                    due[0] = chain.host.lastContext.now() + 1_000_000_000L;
                    chain.host.lastContext.scheduleTimer("s1", due[0], 7);
                }
            };
            chain.runtime.publish(new TimerEvent(0, "arm", 1));
            chain.sync();
            chain.clock.advance(java.time.Duration.ofMillis(999));
            chain.runtime.clockAdvanced();
            chain.sync();
            assertThat(chain.host.timerTokens()).doesNotContain("s1:7");

            chain.clock.advance(java.time.Duration.ofMillis(1));
            chain.runtime.clockAdvanced();
            Fakes.await("the timer", () -> chain.host.timerTokens().contains("s1:7"));
            TimerEvent fired = chain.host.events().stream().map(s -> s.event())
                    .filter(ev -> ev instanceof TimerEvent t && t.owner().equals("s1")).map(TimerEvent.class::cast)
                    .findFirst().orElseThrow();
            assertThat(fired.sourceTimeNanos()).isEqualTo(due[0]);
        }
    }

    // ------------------------------------------------------------------------------------------ fail closed

    @Test
    void submitIsRefusedWithRiskUnavailableWhenRiskIsAbsent() throws Exception {
        try (Chain chain = new Chain().bindAll().running()) {
            chain.host.running(STRAT);
            chain.runtime.unbindRisk(chain.risk);
            emit(chain, submit(STRAT, SIM, BTC, 10, 5));

            assertThat(onlyRejection(chain).reason()).isEqualTo(RejectReason.RISK_UNAVAILABLE);
            assertThat(chain.host.rejections).extracting(Fakes.Rejection::reason)
                    .containsExactly(RejectReason.RISK_UNAVAILABLE);
            assertThat(chain.execution.submits).isEmpty();
            assertThat(chain.sim.submitted).isEmpty();
            assertThat(chain.runtime.status().stages()).containsEntry("risk", false);
        }
    }

    @Test
    void submitIsRefusedWithExecutionUnavailableWhenExecutionIsAbsent() throws Exception {
        try (Chain chain = new Chain().bindAll().running()) {
            chain.host.running(STRAT);
            chain.runtime.unbindExecution(chain.execution);
            emit(chain, submit(STRAT, SIM, BTC, 10, 5));

            assertThat(onlyRejection(chain).reason()).isEqualTo(RejectReason.EXECUTION_UNAVAILABLE);
            assertThat(chain.sim.submitted).isEmpty();
        }
    }

    @Test
    void cancelStillReachesTheAdapterWhenExecutionIsAbsent() throws Exception {
        try (Chain chain = new Chain().bindAll().running()) {
            chain.host.running(STRAT);
            chain.state.putOrder(order("O1", SIM, OrderStatus.NEW));
            chain.runtime.unbindExecution(chain.execution);
            chain.runtime.unbindRisk(chain.risk);
            emit(chain, new CancelOrder(STRAT, ClientOrderId.of("O1")));

            assertThat(chain.sink.of(RiskRejectionRecord.class)).isEmpty();
            assertThat(chain.sim.cancels).hasSize(1);
            ClientOrderId cancelId = chain.sim.cancels.get(0).cancelId();
            assertThat(chain.sim.cancels.get(0).order()).isEqualTo(ClientOrderId.of("O1"));
            assertThat(chain.state.aliases()).containsEntry(cancelId, ClientOrderId.of("O1"));
            assertThat(chain.state.order(ClientOrderId.of("O1")).pendingClientOrderId()).isEqualTo(cancelId);
            assertThat(chain.sink.of(OrderRecord.class)).extracting(OrderRecord::event)
                    .containsExactly("CANCEL_REQUESTED");
        }
    }

    @Test
    void manualOrderGetsAFreshClOrdIdAndGoesThroughRisk() throws Exception {
        try (Chain chain = new Chain().bindAll().running()) {
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
    void manualOrderIsRefusedWhenTheSessionIsStopped() throws Exception {
        try (Chain chain = new Chain().bindAll()) {
            CommandResult r = chain.run(new Command.ManualIntent(submit(Intent.MANUAL, SIM, BTC, 10, 5)));

            assertThat(r.ok()).isFalse();
            assertThat(r.message()).startsWith("SESSION_NOT_RUNNING");
            assertThat(chain.host.rejections).as("manual refusals are not a strategy's").isEmpty();
            OperatorActionRecord action = chain.sink.of(OperatorActionRecord.class).get(0);
            assertThat(action.outcome()).startsWith("SESSION_NOT_RUNNING");
        }
    }

    // ------------------------------------------------------------------------------------------ parking

    @Test
    void executionReportsAreParkedWhileExecutionIsAbsentAndReplayedInOrder() {
        try (Chain chain = new Chain().bindAll()) {
            chain.runtime.unbindExecution(chain.execution);
            chain.runtime.publish(report(SIM, "A", "E1", ExecType.NEW, OrderStatus.NEW));
            chain.runtime.publish(report(SIM, "A", "E2", ExecType.CANCELED, OrderStatus.CANCELED));
            chain.runtime.publish(report(SIM, "B", "E3", ExecType.NEW, OrderStatus.NEW));
            chain.sync();

            assertThat(chain.host.events()).noneMatch(s -> s.event() instanceof ExecutionReport);
            assertThat(chain.runtime.counters()).containsEntry("reports.parked", 3L);

            chain.runtime.bindExecution(chain.execution);
            Fakes.await("replayed reports", () -> chain.execution.reports.size() == 3);
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
    void killWithoutExecutionCancelsOpenOrdersDirectlyAndHaltsWhenExecutionReturns() throws Exception {
        try (Chain chain = new Chain().bindAll()) {
            chain.state.putOrder(order("O1", SIM, OrderStatus.NEW));
            chain.state.putOrder(order("O2", SIM, OrderStatus.PARTIALLY_FILLED));
            chain.state.putOrder(order("O3", SIM, OrderStatus.FILLED));
            chain.runtime.unbindExecution(chain.execution);

            CommandResult r = chain.run(new Command.Kill("panic"));

            assertThat(r.ok()).isTrue();
            assertThat(chain.sim.cancels).extracting(Fakes.CancelRequest::order)
                    .containsExactly(ClientOrderId.of("O1"), ClientOrderId.of("O2"));
            assertThat(chain.runtime.status().killSwitchEngaged()).isTrue();
            assertThat(chain.execution.commands).isEmpty();

            chain.runtime.bindExecution(chain.execution);
            Fakes.await("the kill delivered", () -> chain.execution.commands.size() == 1);
            assertThat(chain.execution.commands.get(0)).isEqualTo(new Command.Kill("panic"));
            assertThat(chain.runtime.status().killSwitchEngaged()).isTrue();
            assertThat(chain.runtime.status().globalTradingState())
                    .isEqualTo(io.livestack.api.model.TradingState.HALTED);
        }
    }

    // ------------------------------------------------------------------------------------------ faults

    @Test
    void aStageThatThrowsIsRecordedAndTheNextEventIsProcessed() {
        try (Chain chain = new Chain().bindAll()) {
            chain.state.failOn = md -> md.sourceTimeNanos() == 666;
            chain.runtime.publish(Fakes.trade(SIM, BTC, 666, 100, 1, null));
            chain.runtime.publish(Fakes.trade(SIM, ETH, 2, 100, 1, null));
            chain.sync();

            assertThat(chain.state.applied).hasSize(1);
            assertThat(chain.state.appliedSeqs).containsExactly(2L);
            MetadataRecord fault = chain.sink.of(MetadataRecord.class).get(0);
            assertThat(fault.kind()).isEqualTo(MetadataRecord.Kind.RUNTIME);
            assertThat(fault.subject()).isEqualTo("state");
            assertThat(fault.seq()).isEqualTo(1);
            assertThat(fault.detail()).contains("state failed on purpose");
        }
    }

    @Test
    void aHostThatThrowsIsRecordedAsAStrategyFault() {
        try (Chain chain = new Chain().bindAll()) {
            chain.host.behaviour = (e, sink) -> {
                if (e.event() instanceof TimerEvent t && t.owner().equals("boom")) {
                    throw new IllegalStateException("strategy exploded");
                }
            };
            chain.runtime.publish(new TimerEvent(0, "boom", 1));
            chain.sync();

            MetadataRecord fault = chain.sink.of(MetadataRecord.class).get(0);
            assertThat(fault.kind()).isEqualTo(MetadataRecord.Kind.STRATEGY_FAULT);
            assertThat(fault.detail()).contains("strategy exploded");
            assertThat(chain.runtime.counters()).containsEntry("faults", 1L);
        }
    }

    @Test
    void aRiskStageThatThrowsFailsClosedForTheSubmit() throws Exception {
        try (Chain chain = new Chain().bindAll().running()) {
            chain.host.running(STRAT);
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

    // ------------------------------------------------------------------------------------------ stages come and go

    @Test
    void nothingIsProcessedWithoutTheStateStage() {
        try (Chain chain = new Chain()) {
            chain.runtime.bindHost(chain.host);
            chain.runtime.publish(new TimerEvent(0, "x", 1));
            assertThat(chain.runtime.queueDepth()).isEqualTo(1);
            assertThat(chain.runtime.status().lastSeq()).isZero();

            chain.runtime.bindState(chain.state);
            chain.awaitSeq(1);
            assertThat(chain.host.timerTokens()).containsExactly("x:1");
        }
    }

    @Test
    void recordsAreBufferedWithoutASinkAndDeliveredInOrderWhenOneComes() {
        try (Chain chain = new Chain(Map.of(RuntimeConfig.RECORD_BUFFER, "3"))) {
            chain.runtime.bindHost(chain.host);
            chain.runtime.bindState(chain.state);
            for (int i = 0; i < 5; i++) {
                chain.runtime.publish(new VenueSessionEvent(VenueId.of("V" + i), 0, VenueSessionState.CONNECTING, ""));
            }
            chain.sync();
            assertThat(chain.runtime.counters()).containsEntry("records.buffered", 3L)
                    .containsEntry("records.dropped", 2L);

            chain.runtime.bindSink(chain.sink);
            chain.sync();
            assertThat(chain.sink.of(MetadataRecord.class)).extracting(MetadataRecord::subject)
                    .containsExactly("V0", "V1", "V2");
        }
    }

    @Test
    void aVanishedAdapterMakesItsVenueUnavailable() {
        try (Chain chain = new Chain().bindAll()) {
            chain.state.putOrder(order("O1", SIM, OrderStatus.NEW));
            chain.runtime.unbindExecution(chain.execution);
            chain.runtime.unbindVenue(chain.sim, chain.sim.properties());
            Fakes.await("UNAVAILABLE", () -> chain.state.venueStates().get(SIM) == VenueSessionState.UNAVAILABLE);
            chain.sync();

            assertThat(chain.sink.of(MetadataRecord.class)).anyMatch(m -> m.kind() == MetadataRecord.Kind.VENUE
                    && m.subject().equals("SIM") && m.detail().startsWith("UNAVAILABLE"));
            assertThat(chain.state.order(ClientOrderId.of("O1")).venueAvailable()).isFalse();
            assertThat(chain.runtime.status().stages()).doesNotContainKey("venue:SIM");
        }
    }

    @Test
    void sequenceNumbersContinueAfterTheLastRecordedOne() {
        try (Chain chain = new Chain()) {
            chain.runtime.bindRecovery(new RecordRecovery() {
                @Override
                public Collection<OrderView> openOrders() {
                    return List.of();
                }

                @Override
                public Collection<PositionView> positions() {
                    return List.of();
                }

                @Override
                public Collection<String> recentExecutionKeys() {
                    return List.of();
                }

                @Override
                public long lastSeq() {
                    return 41;
                }
            });
            chain.runtime.bindHost(chain.host);
            chain.runtime.bindState(chain.state);
            chain.runtime.publish(new TimerEvent(0, "x", 1));
            chain.awaitSeq(42);
            assertThat(chain.host.events().get(0).seq()).isEqualTo(42);
        }
    }

    // ------------------------------------------------------------------------------------------ queries, status

    @Test
    void queryRunsOnTheProcessingThreadEvenWhenIdle() throws Exception {
        try (Chain chain = new Chain().bindAll()) {
            chain.state.putOrder(order("O1", SIM, OrderStatus.NEW));
            String thread = chain.runtime.query(s -> Thread.currentThread().getName()).get(5, TimeUnit.SECONDS);
            int open = chain.runtime.query(s -> s.openOrderCount()).get(5, TimeUnit.SECONDS);

            assertThat(thread).isEqualTo(IntakeRuntime.THREAD_NAME);
            assertThat(open).isEqualTo(1);
        }
    }

    @Test
    void queryFailsClearlyWithoutTheStateStage() {
        try (Chain chain = new Chain()) {
            CompletableFuture<Integer> q = chain.runtime.query(s -> 1);
            Fakes.await("the query to complete", q::isDone);
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
        try (Chain chain = new Chain().bindAll()) {
            CompletableFuture<Integer> q = chain.runtime.query(s -> {
                throw new IllegalArgumentException("bad query");
            });
            Fakes.await("the query to complete", q::isDone);
            assertThat(q).isCompletedExceptionally();
            assertThat(chain.runtime.query(s -> 7).get(5, TimeUnit.SECONDS)).isEqualTo(7);
        }
    }

    @Test
    void statusIsReadableFromAnyThread() {
        try (Chain chain = new Chain().bindAll()) {
            chain.runtime.publish(new TimerEvent(0, "x", 1));
            chain.sync();
            var status = chain.runtime.status();
            assertThat(status.lastSeq()).isEqualTo(2);
            assertThat(status.stages()).containsEntry("state", true).containsEntry("execution", true)
                    .containsEntry("venue:SIM", true);
            assertThat(chain.runtime.counters()).containsEntry("events.out.TimerEvent", 2L)
                    .containsKey("loop.busy.nanos").containsEntry("queue.capacity", 65536L);
        }
    }

    @Test
    void operatorCommandsAreRecordedWithTheUser() throws Exception {
        try (Chain chain = new Chain().bindAll()) {
            CommandResult r = chain.run(new Command.StartStrategy(StrategyId.of("s9")));
            CommandResult unknown = chain.run(new Command.ConnectVenue(VenueId.of("NOPE")));

            assertThat(r.ok()).isTrue();
            assertThat(chain.host.running).contains(StrategyId.of("s9"));
            assertThat(unknown.ok()).isFalse();
            assertThat(chain.sink.of(OperatorActionRecord.class)).extracting(OperatorActionRecord::action,
                    OperatorActionRecord::target, OperatorActionRecord::outcome)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("strategy-start", "s9", "ok"),
                            org.assertj.core.groups.Tuple.tuple("venue-connect", "NOPE", "unknown venue NOPE"));
        }
    }
}
