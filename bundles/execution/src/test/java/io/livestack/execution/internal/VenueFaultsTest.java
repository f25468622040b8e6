package io.livestack.execution.internal;

import static io.livestack.api.model.Fixed.of;
import static io.livestack.execution.internal.ExecutionFixture.BTC;
import static io.livestack.execution.internal.ExecutionFixture.VENUE;
import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.event.ExecutionReport;
import io.livestack.api.model.ExecType;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.Side;
import io.livestack.api.model.VenueAlert;
import io.livestack.api.record.FillRecord;
import io.livestack.api.record.MetadataRecord;
import io.livestack.api.record.OrderEvent;
import io.livestack.api.record.OrderRecord;
import io.livestack.api.runtime.ExecutionSnapshot;
import io.livestack.api.state.OrderView;
import org.junit.jupiter.api.Test;

/** What real venues do: exec ids reused after a restart or a new day, busts and corrections of fills. */
class VenueFaultsTest extends WithExecution {

    @Test
    void aReusedExecIdWithOtherContentIsANewExecutionBookedAndFlagged() {
        OrderView first = f.working(Side.BUY, of(100), of(3));
        OrderView second = f.working(Side.BUY, of(100), of(3));
        f.report(f.trade(first, of(1), of(100)).cum(of(1)).execId("X1").build());

        f.report(f.trade(second, of(2), of(101)).cum(of(2)).execId("X1").build()); // the venue started again

        assertThat(current(second).filledQuantity()).isEqualTo(of(2));
        assertThat(f.ctx.state.position(BTC).netQuantity()).isEqualTo(of(3));
        assertThat(f.ctx.state.venueAlerts().get(VENUE)).containsEntry(VenueAlert.EXEC_ID_REUSED, 1L);
        assertThat(f.ctx.records(MetadataRecord.class)).anySatisfy(m -> assertThat(m.detail())
                .startsWith("EXEC_ID_REUSED").contains("X1"));
        assertThat(f.ctx.records(FillRecord.class)).extracting(r -> r.execId().value()).containsExactly("X1", "X1");
        assertThat(f.execution.duplicateReports()).isZero();
    }

    @Test
    void aResendOfTheSameReportCountsOnceEvenAfterItsExecIdWasReused() {
        OrderView first = f.working(Side.BUY, of(100), of(3));
        OrderView second = f.working(Side.BUY, of(100), of(3));
        ExecutionReport old = f.trade(first, of(1), of(100)).cum(of(1)).execId("X1").build();
        ExecutionReport reused = f.trade(second, of(2), of(101)).cum(of(2)).execId("X1").build();
        f.report(old);
        f.report(reused);

        f.report(old); // a PossDup resend of yesterday's
        f.report(reused);

        assertThat(current(first).filledQuantity()).isEqualTo(of(1));
        assertThat(current(second).filledQuantity()).isEqualTo(of(2));
        assertThat(f.ctx.state.position(BTC).netQuantity()).isEqualTo(of(3));
        assertThat(f.execution.duplicateReports()).isEqualTo(2);
    }

    @Test
    void aReusedExecIdOnAnAcknowledgementStillAcknowledgesTheNewOrder() {
        OrderView first = f.working(Side.BUY, of(100), of(3));
        ExecutionReport ack = f.report(first, ExecType.NEW, OrderStatus.NEW).execId("A1").build();
        f.report(ack);
        OrderView second = f.submitted(f.limit(Side.SELL, of(110), of(1)));

        f.report(f.report(second, ExecType.NEW, OrderStatus.NEW).execId(ack.execId().value()).build());

        assertThat(current(second).status()).isEqualTo(OrderStatus.NEW);
        assertThat(f.ctx.state.venueAlerts().get(VENUE)).containsEntry(VenueAlert.EXEC_ID_REUSED, 1L);
    }

    @Test
    void aBustReversesTheFillOnTheOrderAndThePosition() {
        OrderView order = f.working(Side.BUY, of(100), of(3));
        f.report(f.trade(order, of(1), of(100)).cum(of(1)).execId("T1").build());
        f.report(f.trade(order, of(2), of(103)).cum(of(3)).status(OrderStatus.FILLED).execId("T2").build());
        assertThat(current(order).status()).isEqualTo(OrderStatus.FILLED);

        f.report(f.report(current(order), ExecType.TRADE_CANCEL, OrderStatus.CANCELED).execId("B1")
                .adjusting("T2", 0, 0).cum(of(1)).build());

        OrderView after = current(order);
        assertThat(after.filledQuantity()).isEqualTo(of(1));
        assertThat(after.averageFillPrice()).isEqualTo(of(100));
        assertThat(after.status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(f.ctx.state.position(BTC).netQuantity()).isEqualTo(of(1));
        assertThat(f.ctx.state.position(BTC).averagePrice()).isEqualTo(of(100));
        assertThat(f.ctx.state.position(BTC).realizedPnl()).isZero();
        assertThat(f.ctx.records(FillRecord.class)).last().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(FillRecord.Kind.BUST);
            assertThat(r.refExecId().value()).isEqualTo("T2");
            assertThat(r.quantity()).isEqualTo(of(2));
            assertThat(r.price()).isEqualTo(of(103));
        });
        assertThat(f.ctx.records(OrderRecord.class)).last().extracting(OrderRecord::event)
                .isEqualTo(OrderEvent.FILL_BUST);
        assertThat(f.ctx.state.venueAlerts().get(VENUE)).containsEntry(VenueAlert.FILL_BUST, 1L);
    }

    @Test
    void aBustOfAPartlyFilledLiveOrderLeavesItWorking() {
        OrderView order = f.working(Side.SELL, of(100), of(3));
        f.report(f.trade(order, of(1), of(100)).cum(of(1)).execId("T1").build());

        f.report(f.report(current(order), ExecType.TRADE_CANCEL, OrderStatus.NEW).execId("B1")
                .adjusting("T1", 0, 0).build());

        assertThat(current(order).filledQuantity()).isZero();
        assertThat(current(order).status()).isEqualTo(OrderStatus.NEW);
        assertThat(f.ctx.state.position(BTC).netQuantity()).isZero();
    }

    @Test
    void aCorrectionReplacesTheFillAndTheSecondBustOfItFindsTheCorrectedOne() {
        OrderView order = f.working(Side.BUY, of(100), of(3));
        f.report(f.trade(order, of(2), of(100)).cum(of(2)).execId("T1").build());

        f.report(f.report(current(order), ExecType.TRADE_CORRECT, OrderStatus.PARTIALLY_FILLED).execId("C1")
                .adjusting("T1", of(1), of(99)).cum(of(1)).build());

        assertThat(current(order).filledQuantity()).isEqualTo(of(1));
        assertThat(current(order).averageFillPrice()).isEqualTo(of(99));
        assertThat(f.ctx.state.position(BTC).netQuantity()).isEqualTo(of(1));
        assertThat(f.ctx.state.position(BTC).averagePrice()).isEqualTo(of(99));
        assertThat(f.ctx.records(FillRecord.class)).extracting(FillRecord::kind).containsExactly(
                FillRecord.Kind.TRADE, FillRecord.Kind.BUST, FillRecord.Kind.CORRECTION);
        assertThat(current(order).status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);

        f.report(f.report(current(order), ExecType.TRADE_CANCEL, OrderStatus.NEW).execId("B2")
                .adjusting("T1", 0, 0).build());

        assertThat(current(order).filledQuantity()).isZero();
        assertThat(f.ctx.state.position(BTC).netQuantity()).isZero();
        assertThat(f.ctx.state.venueAlerts().get(VENUE)).containsEntry(VenueAlert.FILL_CORRECTED, 1L)
                .containsEntry(VenueAlert.FILL_BUST, 1L);
    }

    @Test
    void aBustOfAnExecutionNotBookedHereReversesNothingAndSaysSo() {
        OrderView order = f.working(Side.BUY, of(100), of(3));
        f.report(f.trade(order, of(1), of(100)).cum(of(1)).execId("T1").build());

        f.report(f.report(current(order), ExecType.TRADE_CANCEL, OrderStatus.NEW).execId("B1")
                .adjusting("T-UNKNOWN", 0, 0).build());

        assertThat(current(order).filledQuantity()).isEqualTo(of(1));
        assertThat(f.ctx.records(MetadataRecord.class)).anySatisfy(m -> assertThat(m.detail())
                .contains("T-UNKNOWN").contains("nothing reversed"));
    }

    @Test
    void theFillsABustNeedsSurviveASnapshot() {
        OrderView order = f.working(Side.BUY, of(100), of(3));
        f.report(f.trade(order, of(1), of(100)).cum(of(1)).execId("T1").build());
        ExecutionSnapshot snapshot = f.execution.snapshot();
        f.execution = new ExecutionStageComponent(ExecutionSettings.defaults());
        f.execution.restore(snapshot);

        f.report(f.report(current(order), ExecType.TRADE_CANCEL, OrderStatus.NEW).execId("B1")
                .adjusting("T1", 0, 0).build());

        assertThat(current(order).filledQuantity()).isZero();
    }

    @Test
    void aReportForAnOrderNeverSentIsAnAlert() {
        OrderView order = f.working(Side.BUY, of(100), of(3));
        f.report(f.trade(order, of(1), of(100)).cum(of(1)).clOrdId(io.livestack.api.model.ClientOrderId.of("ZZ9"),
                null).build());

        assertThat(f.ctx.state.venueAlerts().get(VENUE)).containsEntry(VenueAlert.UNKNOWN_ORDER_REPORT, 1L);
        assertThat(f.ctx.records(FillRecord.class)).singleElement().extracting(r -> r.strategy().value())
                .isEqualTo(UnknownOrders.STRATEGY);
    }

    @Test
    void onlyAVenueInReconcileFailedCanBeResolved() {
        io.livestack.api.runtime.CommandResult r = f.execution.onCommand(
                new io.livestack.api.event.Command.ResolveVenue(VENUE, false), "alice", f.ctx);

        assertThat(r.ok()).isFalse();
        assertThat(r.message()).contains("not RECONCILE_FAILED");
        assertThat(f.venue.resolutions).isEmpty();
    }

    @Test
    void resolvingWithCancelInDoubtCancelsTheVenuesOpenOrdersThenTellsTheAdapter() {
        OrderView order = f.working(Side.BUY, of(100), of(3));
        f.session(VENUE, io.livestack.api.model.VenueSessionState.RECONCILE_FAILED);

        io.livestack.api.runtime.CommandResult r = f.execution.onCommand(
                new io.livestack.api.event.Command.ResolveVenue(VENUE, true), "alice", f.ctx);

        assertThat(r.ok()).isTrue();
        assertThat(f.venue.cancels).singleElement().satisfies(c -> assertThat(c.order().clientOrderId())
                .isEqualTo(order.clientOrderId()));
        assertThat(f.venue.resolutions).containsExactly("alice:cancel");
        assertThat(f.ctx.records(MetadataRecord.class)).anySatisfy(m -> assertThat(m.detail())
                .contains("resolved by alice"));
    }

    @Test
    void aVenueInReconcileFailedTakesNoNewOrdersButCancels() {
        OrderView order = f.working(Side.BUY, of(100), of(3));
        f.session(VENUE, io.livestack.api.model.VenueSessionState.RECONCILE_FAILED);

        assertThat(f.submit(f.limit(Side.BUY, of(100), of(1))).sent()).isFalse();
        assertThat(f.cancel(order).sent()).isTrue();
    }

    @Test
    void aCancelLeftUnansweredGetsAStatusRequestThenIsFlaggedStuckUntilTheVenueAnswers() {
        OrderView order = f.working(Side.BUY, of(100), of(3));
        f.cancel(order);
        long sent = current(order).updatedTimeNanos();
        long timeout = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(
                ExecutionSettings.DEFAULT_STUCK_TIMEOUT_MS);
        assertThat(f.ctx.timers).last().satisfies(t -> {
            assertThat(t.owner()).isEqualTo(io.livestack.api.event.TimerOwner.EXECUTION);
            assertThat(t.atNanos()).isEqualTo(sent + timeout);
        });

        f.ctx.at(f.ctx.seq() + 1, sent + timeout);
        f.execution.onTimer(1, f.ctx);

        assertThat(f.venue.statusRequests).singleElement().satisfies(o -> assertThat(o.clientOrderId())
                .isEqualTo(order.clientOrderId()));
        assertThat(f.ctx.state.stuckOrders()).isEmpty();

        f.ctx.at(f.ctx.seq() + 1, sent + 2 * timeout);
        f.execution.onTimer(2, f.ctx);
        f.execution.onTimer(3, f.ctx); // flagged once

        assertThat(f.ctx.state.stuckOrders()).containsOnlyKeys(order.clientOrderId());
        assertThat(f.ctx.records(OrderRecord.class)).filteredOn(r -> r.event() == OrderEvent.STUCK).hasSize(1);
        assertThat(f.ctx.state.venueAlerts().get(VENUE)).containsEntry(VenueAlert.STUCK_REQUEST, 1L);

        f.report(f.report(current(order), ExecType.CANCELED, OrderStatus.CANCELED)
                .clOrdId(current(order).pendingClientOrderId(), order.clientOrderId()).build());

        assertThat(current(order).status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(f.ctx.state.stuckOrders()).isEmpty();
    }

    /** Execution control as a recovery from a snapshot taken now brings it back: a new instance, restored. */
    private void restoredFromASnapshot() {
        ExecutionSnapshot snapshot = f.execution.snapshot();
        f.execution = new ExecutionStageComponent(ExecutionSettings.defaults());
        f.execution.restore(snapshot);
    }

    @Test
    void theStuckRequestCheckGoesOnFromASnapshotAsItWouldHaveWithout() {
        OrderView first = f.working(Side.BUY, of(100), of(3));
        OrderView second = f.working(Side.BUY, of(101), of(3));
        long timeout = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(
                ExecutionSettings.DEFAULT_STUCK_TIMEOUT_MS);
        f.cancel(first);
        long sent = current(first).updatedTimeNanos();
        restoredFromASnapshot(); // the check armed for the first cancel is pending (the runtime's snapshot has it)

        f.cancel(second); // the pending check comes first: no other timer, as without the snapshot

        assertThat(f.ctx.timers).singleElement().satisfies(t -> {
            assertThat(t.atNanos()).isEqualTo(sent + timeout);
            assertThat(t.token()).isEqualTo(1);
        });

        f.ctx.at(f.ctx.seq() + 1, sent + timeout);
        f.execution.onTimer(1, f.ctx); // asks about the first cancel; the second's check is armed
        restoredFromASnapshot(); // which cancel was asked about is kept
        f.ctx.at(f.ctx.seq() + 1, sent + 2 * timeout);
        f.execution.onTimer(2, f.ctx);

        assertThat(f.ctx.timers).extracting(io.livestack.testkit.TestContext.Timer::token).containsExactly(1L, 2L, 3L);
        assertThat(f.venue.statusRequests).extracting(OrderView::clientOrderId)
                .containsExactly(first.clientOrderId(), second.clientOrderId());
        assertThat(f.ctx.state.stuckOrders()).as("asked before the snapshot, flagged after it")
                .containsOnlyKeys(first.clientOrderId());
    }

    @Test
    void aCheckWhoseTimerFiredWhileExecutionControlWasAwayIsArmedAgain() {
        OrderView first = f.working(Side.BUY, of(100), of(3));
        OrderView second = f.working(Side.BUY, of(101), of(3));
        long timeout = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(
                ExecutionSettings.DEFAULT_STUCK_TIMEOUT_MS);
        f.cancel(first);
        long sent = current(first).updatedTimeNanos();
        // execution control goes; the runtime carries its snapshot; the check's timer fires into the stand-in
        f.ctx.at(f.ctx.seq() + 1, sent + timeout + 1);
        restoredFromASnapshot(); // and execution control comes back

        f.cancel(second);

        assertThat(f.ctx.timers).hasSize(2).last().satisfies(t -> {
            assertThat(t.atNanos()).isEqualTo(f.ctx.now() + timeout);
            assertThat(t.token()).isEqualTo(2);
        });
    }

    @Test
    void aReplaceAnsweredInTimeIsNeverAskedAbout() {
        OrderView order = f.working(Side.BUY, of(100), of(3));
        long sent = f.ctx.now();
        f.replace(order, of(101), of(3));
        f.report(f.report(current(order), ExecType.REPLACED, OrderStatus.NEW)
                .clOrdId(current(order).pendingClientOrderId(), order.clientOrderId()).price(of(101)).build());

        f.ctx.at(f.ctx.seq() + 1, sent + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(
                3 * ExecutionSettings.DEFAULT_STUCK_TIMEOUT_MS));
        f.execution.onTimer(1, f.ctx);

        assertThat(f.venue.statusRequests).isEmpty();
        assertThat(f.ctx.state.stuckOrders()).isEmpty();
    }
}
