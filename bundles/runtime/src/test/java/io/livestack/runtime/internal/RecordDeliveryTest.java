package io.livestack.runtime.internal;

import static io.livestack.testkit.TestEvents.BTC;
import static io.livestack.testkit.TestEvents.SIM;
import static io.livestack.testkit.TestEvents.STRAT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livestack.api.event.Command;
import io.livestack.api.event.ExecutionReport;
import io.livestack.api.event.VenueSessionEvent;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecId;
import io.livestack.api.model.ExecType;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.Side;
import io.livestack.api.model.VenueOrderId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.record.ExecutionRecord;
import io.livestack.api.record.ExecutionRecordSink;
import io.livestack.api.record.FillRecord;
import io.livestack.api.record.MetadataRecord;
import io.livestack.api.record.OperatorActionRecord;
import io.livestack.api.record.OrderEvent;
import io.livestack.api.record.OrderRecord;
import io.livestack.api.record.PositionRecord;
import io.livestack.api.runtime.CommandResult;
import io.livestack.api.runtime.ExecutionContext;
import io.livestack.api.state.PositionView;
import io.livestack.testkit.RecordingSink.Delivery;
import io.livestack.testkit.TestEvents;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** How records reach the sink: an event's records together, in order, one event per call. */
class RecordDeliveryTest {

    /** Execution control that records what a fill produces: the order, the fill, the position. */
    private static final class FillingExecution extends StageDoubles.FakeExecution {
        @Override
        public void onExecutionReport(ExecutionReport report, ExecutionContext context) {
            super.onExecutionReport(report, context);
            context.record(new OrderRecord(context.seq(), context.now(), OrderEvent.FILLED,
                    TestEvents.order(report.clientOrderId().value(), SIM, OrderStatus.FILLED)));
            context.record(new FillRecord(context.seq(), context.now(), SIM, report.execId(), report.clientOrderId(),
                    null, STRAT, BTC, Side.BUY, 100, 10, null, 0, null, 0));
            context.record(new PositionRecord(context.seq(), context.now(),
                    new PositionView(BTC, 10, 100, 0, 0, 100, 10, 0, context.seq())));
        }
    }

    private static TestChain chain(Map<String, Object> config, boolean withSink) {
        TestChain chain = new TestChain(config);
        if (withSink) {
            chain.binder.bindSink(chain.sink);
        }
        chain.binder.bindVenue(chain.sim, chain.sim.properties());
        chain.binder.bindRisk(chain.risk);
        chain.binder.bindExecution(new FillingExecution());
        chain.binder.bindHost(chain.host);
        chain.binder.bindState(chain.state);
        return chain;
    }

    private static ExecutionReport fill(String clOrdId, String execId) {
        return new ExecutionReport(SIM, 0, ClientOrderId.of(clOrdId), null, VenueOrderId.of("V" + clOrdId),
                ExecId.of(execId), ExecType.TRADE, OrderStatus.FILLED, BTC, Side.BUY, 10, 100, 10, 100, 10, 0, 100,
                null, 0, null, "", false);
    }

    private static List<Class<?>> types(List<ExecutionRecord> records) {
        return records.stream().<Class<?>>map(Object::getClass).toList();
    }

    @Test
    void theRecordsOfOneEventReachTheSinkInOneCallInOrder() {
        try (TestChain chain = chain(Map.of(), true)) {
            chain.publish(fill("O1", "E1"));
            chain.step();

            assertThat(chain.sink.deliveries).singleElement().satisfies(d -> {
                assertThat(d.all()).isTrue();
                assertThat(types(d.records())).containsExactly(OrderRecord.class, FillRecord.class,
                        PositionRecord.class);
                assertThat(d.records()).extracting(ExecutionRecord::seq).containsOnly(d.records().get(0).seq())
                        .doesNotContain(0L);
            });
        }
    }

    @Test
    void recordsOfConsecutiveEventsAreNotMerged() {
        try (TestChain chain = chain(Map.of(), true)) {
            chain.publish(fill("O1", "E1"));
            chain.publish(fill("O2", "E2"));
            chain.publish(fill("O3", "E3"));
            chain.sync(); // an event without records: no call

            List<Delivery> deliveries = chain.sink.deliveries;
            assertThat(deliveries).hasSize(3).allSatisfy(d -> {
                assertThat(d.all()).isTrue();
                assertThat(d.records()).hasSize(3);
                assertThat(d.records()).extracting(ExecutionRecord::seq).containsOnly(d.records().get(0).seq());
            });
            assertThat(deliveries).extracting(d -> d.records().get(0).seq()).isSorted().doesNotHaveDuplicates();
            assertThat(deliveries).extracting(d -> ((FillRecord) d.records().get(1)).execId().value())
                    .containsExactly("E1", "E2", "E3");
        }
    }

    @Test
    void theGroupHandedToTheSinkCannotBeChangedAfterwards() {
        try (TestChain chain = chain(Map.of(), true)) {
            chain.publish(fill("O1", "E1"));
            chain.publish(fill("O2", "E2"));
            chain.step();

            List<ExecutionRecord> first = chain.sink.deliveries.get(0).records();
            assertThat(first).hasSize(3); // the chain's reused list was cleared and refilled meanwhile
            assertThat(((FillRecord) first.get(1)).execId().value()).isEqualTo("E1");
            assertThatThrownBy(() -> first.remove(0)).as("an immutable copy")
                    .isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    void anEventWithOneRecordIsHandedOverWithAccept() {
        try (TestChain chain = chain(Map.of(), true)) {
            chain.publish(new VenueSessionEvent(SIM, 0, VenueSessionState.CONNECTING, ""));
            chain.step();

            assertThat(chain.sink.deliveries).singleElement().satisfies(d -> {
                assertThat(d.all()).isFalse();
                assertThat(d.records()).singleElement().isInstanceOf(MetadataRecord.class);
            });
        }
    }

    @Test
    void aRecordMadeOutsideAnEventIsHandedOverAtOnce() throws Exception {
        try (TestChain chain = chain(Map.of(), true)) {
            chain.publish(fill("O1", "E1"));
            chain.step();
            MetadataRecord unsequenced = new MetadataRecord(0, 1, MetadataRecord.Kind.RUNTIME, "test", "");

            // a query runs on the processing thread between events
            CompletableFuture<Integer> inside = chain.runtime.query(s -> {
                chain.agent.records().add(unsequenced);
                return chain.sink.deliveries.size();
            });
            chain.step();

            assertThat(inside.get()).isEqualTo(2);
            assertThat(chain.sink.deliveries.get(1)).isEqualTo(new Delivery(false, List.of(unsequenced)));
        }
    }

    @Test
    void aCommandsReplyCompletesOnlyOnceItsRecordsReachedTheSink() {
        try (TestChain chain = chain(Map.of(), false)) {
            CompletableFuture<CommandResult> reply = chain.execute(new Command.Kill("test"), "tester");
            List<Boolean> replyDoneAtDelivery = new CopyOnWriteArrayList<>();
            chain.binder.bindSink(new ExecutionRecordSink() {
                @Override
                public void accept(ExecutionRecord record) {
                    if (record instanceof OperatorActionRecord) {
                        replyDoneAtDelivery.add(reply.isDone());
                    }
                }
            });
            chain.step();

            assertThat(reply.join().ok()).isTrue();
            assertThat(replyDoneAtDelivery).containsExactly(false);
        }
    }

    @Test
    void withoutASinkAnEventsRecordsAreKeptTogetherOrDroppedWhole() {
        try (TestChain chain = chain(Map.of(RuntimeConfig.RECORD_BUFFER, "4"), false)) {
            chain.publish(fill("O1", "E1"));
            chain.publish(fill("O2", "E2")); // 3 + 3 > 4: dropped, not cut
            chain.publish(new VenueSessionEvent(SIM, 0, VenueSessionState.CONNECTING, "")); // 1 fits
            chain.sync();
            assertThat(chain.runtime.counters()).containsEntry("records.buffered", 4L)
                    .containsEntry("records.dropped", 3L);

            chain.binder.bindSink(chain.sink);
            chain.sync();

            List<Delivery> deliveries = chain.sink.deliveries;
            assertThat(deliveries).hasSize(2);
            assertThat(deliveries.get(0).all()).isTrue();
            assertThat(deliveries.get(0).records()).extracting(r -> r instanceof FillRecord f ? f.execId().value()
                    : r.getClass().getSimpleName()).containsExactly("OrderRecord", "E1", "PositionRecord");
            assertThat(deliveries.get(1).all()).isFalse();
            assertThat(deliveries.get(1).records()).singleElement().isInstanceOf(MetadataRecord.class);
            assertThat(chain.runtime.counters()).containsEntry("records.buffered", 0L)
                    .containsEntry("records.delivered", 4L);
        }
    }
}
