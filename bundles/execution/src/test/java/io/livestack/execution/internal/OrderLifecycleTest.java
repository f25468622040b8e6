package io.livestack.execution.internal;

import static io.livestack.api.model.Fixed.of;
import static io.livestack.api.model.Fixed.parse;
import static io.livestack.execution.internal.ExecutionFixture.BTC;
import static io.livestack.execution.internal.ExecutionFixture.OTHER_VENUE;
import static io.livestack.execution.internal.ExecutionFixture.VENUE;
import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.event.ExecutionReport;
import io.livestack.api.event.OrderCancelRejected;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecId;
import io.livestack.api.model.ExecType;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.Side;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueOrderId;
import io.livestack.api.record.FillRecord;
import io.livestack.api.record.MetadataRecord;
import io.livestack.api.record.OrderEvent;
import io.livestack.api.record.OrderRecord;
import io.livestack.api.record.PositionRecord;
import io.livestack.api.risk.RejectReason;
import io.livestack.api.runtime.ExecutionOutcome;
import io.livestack.api.state.OrderView;
import org.junit.jupiter.api.Test;

/** Every transition of the order state machine, one behaviour per test. */
class OrderLifecycleTest extends WithExecution {

    // ----------------------------------------------------------------------------------------- submit and ack

    @Test
    void submitStoresAPendingNewOrderRecordsItAndSendsIt() {
        ExecutionOutcome decision = f.submit(f.limit(Side.BUY, of(100), of(2)));

        assertThat(decision).isSameAs(ExecutionOutcome.SENT);
        OrderView order = f.order(ClientOrderId.of("H1"));
        assertThat(order.status()).isEqualTo(OrderStatus.PENDING_NEW);
        assertThat(order.currentClientOrderId()).isEqualTo(order.clientOrderId());
        assertThat(order.quantity()).isEqualTo(of(2));
        assertThat(order.price()).isEqualTo(of(100));
        assertThat(order.createdSeq()).isEqualTo(f.ctx.seq());
        assertThat(order.createdTimeNanos()).isEqualTo(f.ctx.now());
        assertThat(order.venueAvailable()).isTrue();
        assertThat(f.venue.submitted).containsExactly(order);
        assertThat(f.ctx.records(OrderRecord.class)).singleElement()
                .satisfies(r -> {
                    assertThat(r.event()).isEqualTo(OrderEvent.SUBMITTED);
                    assertThat(r.order()).isEqualTo(order);
                    assertThat(r.seq()).isEqualTo(f.ctx.seq());
                });
    }

    @Test
    void anOrderRecoveredFromTheVenueStoreIsBookedOnceWithItsStrategyAndItsFillsApply() {
        var sent = new io.livestack.api.event.SentOrderRecovered(5, VENUE, ClientOrderId.of("LSTAG00017"),
                io.livestack.api.model.StrategyId.of("mm1"), BTC, Side.SELL, io.livestack.api.model.OrderType.LIMIT,
                io.livestack.api.model.TimeInForce.GTC, of(101), of(3), 77);

        f.execution.onSentOrderRecovered(sent, f.ctx);

        OrderView order = f.order(ClientOrderId.of("LSTAG00017"));
        assertThat(order.status()).isEqualTo(OrderStatus.PENDING_NEW);
        assertThat(order.strategy()).isEqualTo(io.livestack.api.model.StrategyId.of("mm1"));
        assertThat(order.quantity()).isEqualTo(of(3));
        assertThat(f.venue.submitted).as("it was sent before the power loss: not again").isEmpty();
        assertThat(f.ctx.records(OrderRecord.class)).singleElement()
                .satisfies(r -> assertThat(r.event()).isEqualTo(OrderEvent.RECOVERED_FROM_VENUE_STORE));
        assertThat(f.ctx.records(MetadataRecord.class)).singleElement()
                .satisfies(m -> assertThat(m.detail()).contains("recovered from the outbound store", "MsgSeqNum 77"));

        f.execution.onSentOrderRecovered(sent, f.ctx); // found again after another restart
        assertThat(f.ctx.records(OrderRecord.class)).as("booked once").hasSize(1);
        assertThat(f.ctx.records(MetadataRecord.class)).last()
                .satisfies(m -> assertThat(m.detail()).contains("known already"));

        f.report(f.trade(order, of(1), of(101)).build()); // the venue's resent fill
        assertThat(f.order(order.clientOrderId()).filledQuantity()).isEqualTo(of(1));
        assertThat(f.ctx.records(FillRecord.class)).singleElement()
                .satisfies(fill -> assertThat(fill.strategy()).isEqualTo(io.livestack.api.model.StrategyId.of("mm1")));
    }

    @Test
    void submitWithAnAlreadyUsedClOrdIdIsRefused() {
        var intent = f.limit(Side.BUY, of(100), of(2));
        f.submit(intent);

        ExecutionOutcome again = f.submit(intent);

        assertThat(again.sent()).isFalse();
        assertThat(again.reason()).isEqualTo(RejectReason.DUPLICATE_CLIENT_ORDER_ID);
        assertThat(f.venue.submitted).hasSize(1);
    }

    @Test
    void aNewOrderForAVenueNeverSeenOrAnInstrumentItDoesNotListIsRefusedByName() {
        ExecutionOutcome unknownVenue = f.submit(f.limit(VenueId.of("NOPE"), BTC, Side.BUY, of(100), of(1)));
        assertThat(unknownVenue.reason()).isEqualTo(RejectReason.UNKNOWN_VENUE);
        assertThat(unknownVenue.detail()).contains("NOPE");

        ExecutionOutcome unknownInstrument = f.submit(f.limit(VENUE, InstrumentId.of("SOL-USD"), Side.BUY, of(100),
                of(1)));
        assertThat(unknownInstrument.reason()).isEqualTo(RejectReason.UNKNOWN_INSTRUMENT);
        assertThat(unknownInstrument.detail()).contains("SOL-USD", "sim");
        assertThat(f.venue.submitted).isEmpty();
        assertThat(f.ctx.records).isEmpty();
    }

    @Test
    void anAdapterThatThrowsOnSubmitRejectsTheOrder() {
        f.venue.fail = true;

        ExecutionOutcome decision = f.submit(f.limit(Side.BUY, of(100), of(2)));

        assertThat(decision.reason()).isEqualTo(RejectReason.VENUE_NOT_READY);
        assertThat(f.order(ClientOrderId.of("H1")).status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(f.ctx.orderEvents()).containsExactly(OrderEvent.SUBMITTED, OrderEvent.REJECTED);
        assertThat(f.ctx.state.openOrderCount()).isZero();
    }

    @Test
    void pendingNewBecomesNewOnAcknowledgement() {
        OrderView order = f.submitted(f.limit(Side.BUY, of(100), of(2)));

        f.report(f.report(order, ExecType.NEW, OrderStatus.NEW).build());

        OrderView acked = current(order);
        assertThat(acked.status()).isEqualTo(OrderStatus.NEW);
        assertThat(acked.venueOrderId()).isEqualTo(VenueOrderId.of("V-H1"));
        assertThat(acked.updatedSeq()).isEqualTo(f.ctx.seq());
        assertThat(f.ctx.orderEvents()).containsExactly(OrderEvent.SUBMITTED, OrderEvent.ACKNOWLEDGED);
    }

    @Test
    void venuePendingNewOnlyTakesTheVenueOrderId() {
        OrderView order = f.submitted(f.limit(Side.BUY, of(100), of(2)));

        f.report(f.report(order, ExecType.PENDING_NEW, OrderStatus.PENDING_NEW).build());

        assertThat(current(order).status()).isEqualTo(OrderStatus.PENDING_NEW);
        assertThat(current(order).venueOrderId()).isEqualTo(VenueOrderId.of("V-H1"));
    }

    // ----------------------------------------------------------------------------------------- fills

    @Test
    void fillsMoveNewToPartiallyFilledToFilledAndBookPositions() {
        OrderView order = f.working(Side.BUY, of(100), of(3));

        f.report(f.trade(order, of(1), of(100)).cum(of(1)).build());
        assertThat(current(order).status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        f.report(f.trade(order, of(2), of(103)).cum(of(3)).status(OrderStatus.FILLED).build());

        OrderView filled = current(order);
        assertThat(filled.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(filled.filledQuantity()).isEqualTo(of(3));
        assertThat(filled.averageFillPrice()).isEqualTo(of(102));
        assertThat(filled.leavesQuantity()).isZero();
        assertThat(f.ctx.state.openOrderCount()).isZero();
        assertThat(f.ctx.orderEvents()).containsExactly(OrderEvent.SUBMITTED, OrderEvent.ACKNOWLEDGED, OrderEvent.PARTIALLY_FILLED, OrderEvent.FILLED);
        assertThat(f.ctx.state.position(BTC).netQuantity()).isEqualTo(of(3));
        assertThat(f.ctx.state.position(BTC).averagePrice()).isEqualTo(of(102));
    }

    @Test
    void aFillIsRecordedAsOrderThenFillThenPosition() {
        OrderView order = f.working(Side.SELL, of(100), of(3));
        f.ctx.records.clear();

        f.report(f.trade(order, of(1), of(100)).cum(of(1)).execId("T-1").build());

        assertThat(f.ctx.records).hasSize(7); // the order, the fill, its position at every level
        assertThat(f.ctx.records.get(0)).isInstanceOf(OrderRecord.class);
        FillRecord fill = (FillRecord) f.ctx.records.get(1);
        assertThat(fill.execId()).isEqualTo(ExecId.of("T-1"));
        assertThat(fill.clientOrderId()).isEqualTo(order.clientOrderId());
        assertThat(fill.venueOrderId()).isEqualTo(VenueOrderId.of("V-H1"));
        assertThat(fill.strategy()).isEqualTo(ExecutionFixture.STRATEGY);
        assertThat(fill.side()).isEqualTo(Side.SELL);
        assertThat(fill.quantity()).isEqualTo(of(1));
        assertThat(fill.price()).isEqualTo(of(100));
        assertThat(fill.fee()).isEqualTo(of(1) / 100);
        assertThat(fill.feeCurrency()).isEqualTo("USD");
        assertThat(fill.seq()).isEqualTo(f.ctx.seq());
        PositionRecord position = (PositionRecord) f.ctx.records.get(2);
        assertThat(position.position().netQuantity()).isEqualTo(-of(1));
        assertThat(f.ctx.records.subList(2, 7)).extracting(r -> ((PositionRecord) r).position().level())
                .containsExactly(io.livestack.api.state.PositionView.Level.values());
        assertThat(((PositionRecord) f.ctx.records.get(5)).position().strategy())
                .isEqualTo(ExecutionFixture.STRATEGY);
    }

    @Test
    void aFillBeforeTheAcknowledgementCountsAndTheLateAckDoesNotRegress() {
        OrderView order = f.submitted(f.limit(Side.BUY, of(100), of(3)));

        f.report(f.trade(order, of(1), of(100)).cum(of(1)).build());
        assertThat(current(order).status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(current(order).venueOrderId()).as("taken from the trade report").isNotNull();

        f.report(f.report(order, ExecType.NEW, OrderStatus.NEW).build());

        assertThat(current(order).status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(current(order).filledQuantity()).isEqualTo(of(1));
        assertThat(f.ctx.orderEvents()).containsExactly(OrderEvent.SUBMITTED, OrderEvent.PARTIALLY_FILLED);
    }

    @Test
    void aCompleteFillBeforeTheAcknowledgementIsFilledAndStaysFilled() {
        OrderView order = f.submitted(f.limit(Side.BUY, of(100), of(3)));

        f.report(f.trade(order, of(3), of(100)).cum(of(3)).status(OrderStatus.FILLED).build());
        f.report(f.report(order, ExecType.NEW, OrderStatus.NEW).build());

        assertThat(current(order).status()).isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void aDuplicateTradeIsIgnoredAndCounted() {
        OrderView order = f.working(Side.BUY, of(100), of(3));
        ExecutionReport fill = f.trade(order, of(1), of(100)).cum(of(1)).build();

        f.report(fill);
        int records = f.ctx.records.size();
        f.report(fill);
        f.report(new ExecutionReport(fill.venue(), 2, fill.clientOrderId(), null, fill.venueOrderId(), fill.execId(),
                fill.execType(), fill.orderStatus(), fill.instrument(), fill.side(), fill.orderQuantity(),
                fill.price(), fill.lastQuantity(), fill.lastPrice(), fill.cumulativeQuantity(),
                fill.leavesQuantity(), fill.averagePrice(), fill.liquidity(), 0, null, "resent", true));

        assertThat(current(order).filledQuantity()).isEqualTo(of(1));
        assertThat(f.ctx.state.position(BTC).netQuantity()).isEqualTo(of(1));
        assertThat(f.ctx.records).hasSize(records);
        assertThat(f.execution.duplicateReports()).isEqualTo(2);
    }

    @Test
    void aPossibleDuplicateWithANewExecIdIsApplied() {
        OrderView order = f.working(Side.BUY, of(100), of(3));
        ExecutionReport base = f.trade(order, of(1), of(100)).cum(of(1)).build();
        ExecutionReport possDup = new ExecutionReport(base.venue(), 2, base.clientOrderId(), null,
                base.venueOrderId(), base.execId(), base.execType(), base.orderStatus(), base.instrument(),
                base.side(), base.orderQuantity(), base.price(), base.lastQuantity(), base.lastPrice(),
                base.cumulativeQuantity(), base.leavesQuantity(), base.averagePrice(), base.liquidity(), 0, null,
                null, true);

        f.report(possDup);

        assertThat(current(order).filledQuantity()).isEqualTo(of(1));
    }

    @Test
    void aDuplicateAcknowledgementAfterACancelRejectDoesNotReopenAnything() {
        OrderView order = f.working(Side.BUY, of(100), of(3));
        f.cancel(order);
        ExecutionReport pendingCancel = f.report(current(order), ExecType.PENDING_CANCEL, OrderStatus.PENDING_CANCEL)
                .clOrdId(ClientOrderId.of("X1"), order.clientOrderId()).build();
        f.report(pendingCancel);
        f.cancelRejected(current(order), ClientOrderId.of("X1"), false);

        f.report(pendingCancel); // resent

        assertThat(current(order).status()).isEqualTo(OrderStatus.NEW);
        assertThat(f.execution.duplicateReports()).isEqualTo(1);
    }

    @Test
    void outOfOrderFillsAreAllAppliedAndStatusNeverRegresses() {
        OrderView order = f.working(Side.BUY, of(100), of(3));

        f.report(f.trade(order, of(2), of(101)).cum(of(3)).status(OrderStatus.FILLED).build()); // the 2nd fill first
        assertThat(current(order).status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        f.report(f.trade(order, of(1), of(100)).cum(of(1)).build()); // then the 1st

        assertThat(current(order).status()).isEqualTo(OrderStatus.FILLED);
        assertThat(current(order).filledQuantity()).isEqualTo(of(3));
        f.report(f.report(order, ExecType.NEW, OrderStatus.NEW).build()); // a very late ack
        assertThat(current(order).status()).isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void anOverfillIsAppliedAndFlagged() {
        OrderView order = f.working(Side.BUY, of(100), of(2));
        f.report(f.trade(order, of(2), of(100)).cum(of(2)).status(OrderStatus.FILLED).build());

        f.report(f.trade(order, of(1), of(100)).cum(of(3)).status(OrderStatus.FILLED).build());

        OrderView after = current(order);
        assertThat(after.filledQuantity()).isEqualTo(of(3));
        assertThat(after.overfilled()).isTrue();
        assertThat(after.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(f.ctx.state.position(BTC).netQuantity()).as("it happened").isEqualTo(of(3));
        assertThat(f.ctx.orderEvents()).endsWith(OrderEvent.FILLED, OrderEvent.LATE_FILL, OrderEvent.OVERFILLED);
        assertThat(f.execution.overfills()).isEqualTo(1);

        f.report(f.trade(order, of(1), of(100)).cum(of(4)).build());
        assertThat(f.ctx.orderEvents()).as("flagged once").endsWith(OrderEvent.LATE_FILL, OrderEvent.OVERFILLED, OrderEvent.LATE_FILL);
    }

    @Test
    void aSingleFillLargerThanTheOrderOverfillsIt() {
        OrderView order = f.working(Side.SELL, of(100), of(2));

        f.report(f.trade(order, of(5), of(100)).cum(of(5)).status(OrderStatus.FILLED).build());

        assertThat(current(order).status()).isEqualTo(OrderStatus.FILLED);
        assertThat(current(order).overfilled()).isTrue();
        assertThat(f.ctx.orderEvents()).endsWith(OrderEvent.FILLED, OrderEvent.OVERFILLED);
    }

    @Test
    void aFillAfterCancelIsBookedAndTheStatusStaysCanceled() {
        OrderView order = f.working(Side.BUY, of(100), of(3));
        f.report(f.report(order, ExecType.CANCELED, OrderStatus.CANCELED).build());

        f.report(f.trade(order, of(1), of(100)).cum(of(1)).build());

        assertThat(current(order).status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(current(order).filledQuantity()).isEqualTo(of(1));
        assertThat(f.ctx.state.position(BTC).netQuantity()).isEqualTo(of(1));
        assertThat(f.ctx.orderEvents()).endsWith(OrderEvent.CANCELED, OrderEvent.LATE_FILL);
    }

    // ----------------------------------------------------------------------------------------- cancel

    @Test
    void cancelRequestGetsItsOwnClOrdIdAndMakesTheOrderPendingCancel() {
        OrderView order = f.working(Side.BUY, of(100), of(3));

        ExecutionOutcome decision = f.cancel(order);

        assertThat(decision.sent()).isTrue();
        OrderView pending = current(order);
        assertThat(pending.status()).isEqualTo(OrderStatus.PENDING_CANCEL);
        assertThat(pending.pendingClientOrderId()).isEqualTo(ClientOrderId.of("X1"));
        assertThat(pending.currentClientOrderId()).isEqualTo(order.clientOrderId());
        assertThat(f.ctx.state.order(ClientOrderId.of("X1"))).isEqualTo(pending);
        assertThat(f.venue.cancels).singleElement().satisfies(c -> {
            assertThat(c.cancelId()).isEqualTo(ClientOrderId.of("X1"));
            assertThat(c.order().currentClientOrderId()).isEqualTo(order.clientOrderId());
        });
        assertThat(f.ctx.orderEvents()).endsWith(OrderEvent.CANCEL_REQUESTED);
    }

    @Test
    void canceledReportUnderTheCancelClOrdIdCancelsTheOrder() {
        OrderView order = f.working(Side.BUY, of(100), of(3));
        f.cancel(order);

        f.report(f.report(current(order), ExecType.CANCELED, OrderStatus.CANCELED)
                .clOrdId(ClientOrderId.of("X1"), order.clientOrderId()).build());

        assertThat(current(order).status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(current(order).pendingClientOrderId()).isNull();
        assertThat(current(order).leavesQuantity()).isZero();
        assertThat(f.ctx.state.openOrderCount()).isZero();
        assertThat(f.ctx.orderEvents()).endsWith(OrderEvent.CANCEL_REQUESTED, OrderEvent.CANCELED);
    }

    @Test
    void venuePendingCancelConfirmsTheRequestWithoutANewRecord() {
        OrderView order = f.working(Side.BUY, of(100), of(3));
        f.cancel(order);
        int records = f.ctx.records.size();

        f.report(f.report(current(order), ExecType.PENDING_CANCEL, OrderStatus.PENDING_CANCEL)
                .clOrdId(ClientOrderId.of("X1"), order.clientOrderId()).build());

        assertThat(current(order).status()).isEqualTo(OrderStatus.PENDING_CANCEL);
        assertThat(f.ctx.records).hasSize(records);
    }

    @Test
    void anUnsolicitedPendingCancelFromTheVenueIsShown() {
        OrderView order = f.working(Side.BUY, of(100), of(3));

        f.report(f.report(order, ExecType.PENDING_CANCEL, OrderStatus.PENDING_CANCEL)
                .clOrdId(ClientOrderId.of("OPS-1"), order.clientOrderId()).build());

        assertThat(current(order).status()).isEqualTo(OrderStatus.PENDING_CANCEL);
        assertThat(current(order).pendingClientOrderId()).isEqualTo(ClientOrderId.of("OPS-1"));
        assertThat(f.ctx.state.order(ClientOrderId.of("OPS-1"))).isNotNull();
    }

    @Test
    void aPartialFillWhilePendingCancelKeepsPendingCancelAndAFullFillEndsIt() {
        OrderView order = f.working(Side.BUY, of(100), of(3));
        f.cancel(order);

        f.report(f.trade(current(order), of(1), of(100)).cum(of(1)).build());
        assertThat(current(order).status()).isEqualTo(OrderStatus.PENDING_CANCEL);
        assertThat(current(order).filledQuantity()).isEqualTo(of(1));

        f.report(f.trade(current(order), of(2), of(100)).cum(of(3)).status(OrderStatus.FILLED).build());
        assertThat(current(order).status()).isEqualTo(OrderStatus.FILLED);
        assertThat(current(order).pendingClientOrderId()).isNull();

        f.cancelRejected(current(order), ClientOrderId.of("X1"), false);
        assertThat(current(order).status()).as("a cancel reject never reopens").isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void cancelRejectReturnsTheOrderToItsPreviousStatus() {
        OrderView order = f.working(Side.BUY, of(100), of(3));
        f.cancel(order);

        f.cancelRejected(current(order), ClientOrderId.of("X1"), false);

        assertThat(current(order).status()).isEqualTo(OrderStatus.NEW);
        assertThat(current(order).pendingClientOrderId()).isNull();
        assertThat(current(order).lastText()).isEqualTo("cancel rejected: too late to cancel");
        assertThat(f.ctx.orderEvents()).endsWith(OrderEvent.CANCEL_REQUESTED, OrderEvent.CANCEL_REJECTED);
    }

    @Test
    void cancelRejectOfAPartiallyFilledOrderReturnsToPartiallyFilled() {
        OrderView order = f.working(Side.BUY, of(100), of(3));
        f.report(f.trade(order, of(1), of(100)).cum(of(1)).build());
        f.cancel(current(order));

        f.cancelRejected(current(order), ClientOrderId.of("X1"), false);

        assertThat(current(order).status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
    }

    @Test
    void cancelRejectOfAnUnacknowledgedOrderReturnsToPendingNew() {
        OrderView order = f.submitted(f.limit(Side.BUY, of(100), of(3)));
        f.cancel(order);

        f.cancelRejected(current(order), ClientOrderId.of("X1"), false);

        assertThat(current(order).status()).isEqualTo(OrderStatus.PENDING_NEW);
    }

    @Test
    void aRejectOfAnOlderCancelRequestLeavesTheNewerOnePending() {
        OrderView order = f.working(Side.BUY, of(100), of(3));
        f.cancel(order);
        f.cancel(current(order)); // re-sent: X2

        f.cancelRejected(current(order), ClientOrderId.of("X1"), false);

        assertThat(current(order).status()).isEqualTo(OrderStatus.PENDING_CANCEL);
        assertThat(current(order).pendingClientOrderId()).isEqualTo(ClientOrderId.of("X2"));
    }

    @Test
    void cancelOfUnknownOrClosedOrdersIsRefused() {
        OrderView order = f.working(Side.BUY, of(100), of(3));
        f.report(f.report(order, ExecType.CANCELED, OrderStatus.CANCELED).build());

        assertThat(f.cancel(current(order)).reason()).isEqualTo(RejectReason.ORDER_NOT_OPEN);
        assertThat(f.execution.cancel(new io.livestack.api.intent.CancelOrder(ExecutionFixture.STRATEGY,
                ClientOrderId.of("nope")), f.ctx.next()).reason()).isEqualTo(RejectReason.UNKNOWN_ORDER);
    }

    @Test
    void cancelWithoutAnAdapterIsRefusedAndTheOrderStaysOpen() {
        OrderView order = f.working(Side.BUY, of(100), of(3));
        f.ctx.venues.remove(VENUE);

        ExecutionOutcome decision = f.cancel(order);

        assertThat(decision.reason()).isEqualTo(RejectReason.VENUE_NOT_READY);
        assertThat(current(order).status()).isEqualTo(OrderStatus.NEW);
    }

    @Test
    void cancelGoesOutEvenWhenTheVenueIsNotLoggedOn() {
        OrderView order = f.working(Side.BUY, of(100), of(3));
        f.session(VENUE, io.livestack.api.model.VenueSessionState.RECONCILING);

        assertThat(f.cancel(order).sent()).isTrue();
        assertThat(f.venue.cancels).hasSize(1);
    }

    @Test
    void anAdapterThatThrowsOnCancelLeavesTheOrderAsItWas() {
        OrderView order = f.working(Side.BUY, of(100), of(3));
        f.venue.fail = true;

        assertThat(f.cancel(order).reason()).isEqualTo(RejectReason.VENUE_NOT_READY);
        assertThat(current(order).status()).isEqualTo(OrderStatus.NEW);
        assertThat(current(order).pendingClientOrderId()).isNull();
    }

    // ----------------------------------------------------------------------------------------- replace

    @Test
    void replaceChainMovesTheCurrentClOrdIdAndTakesTheNewValues() {
        OrderView order = f.working(Side.BUY, of(100), of(3));

        assertThat(f.replace(order, of(99), of(4)).sent()).isTrue();
        OrderView pending = current(order);
        assertThat(pending.status()).isEqualTo(OrderStatus.PENDING_REPLACE);
        assertThat(pending.pendingClientOrderId()).isEqualTo(ClientOrderId.of("X1"));
        assertThat(pending.pendingPrice()).isEqualTo(of(99));
        assertThat(pending.pendingQuantity()).isEqualTo(of(4));
        assertThat(f.venue.replaces).singleElement().satisfies(r -> {
            assertThat(r.newId()).isEqualTo(ClientOrderId.of("X1"));
            assertThat(r.order().currentClientOrderId()).isEqualTo(order.clientOrderId());
            assertThat(r.price()).isEqualTo(of(99));
            assertThat(r.quantity()).isEqualTo(of(4));
        });

        f.report(f.report(pending, ExecType.REPLACED, OrderStatus.NEW)
                .clOrdId(ClientOrderId.of("X1"), order.clientOrderId()).price(of(99)).orderQty(of(4)).build());

        OrderView replaced = current(order);
        assertThat(replaced.status()).isEqualTo(OrderStatus.NEW);
        assertThat(replaced.clientOrderId()).isEqualTo(order.clientOrderId());
        assertThat(replaced.currentClientOrderId()).isEqualTo(ClientOrderId.of("X1"));
        assertThat(replaced.pendingClientOrderId()).isNull();
        assertThat(replaced.price()).isEqualTo(of(99));
        assertThat(replaced.quantity()).isEqualTo(of(4));
        assertThat(f.ctx.orderEvents()).endsWith(OrderEvent.REPLACE_REQUESTED, OrderEvent.REPLACED);

        // a second replace chains from X1
        f.replace(replaced, of(98), of(5));
        assertThat(f.venue.replaces.get(1).order().currentClientOrderId()).isEqualTo(ClientOrderId.of("X1"));
        f.report(f.report(current(order), ExecType.REPLACED, OrderStatus.NEW)
                .clOrdId(ClientOrderId.of("X2"), ClientOrderId.of("X1")).price(of(98)).orderQty(of(5)).build());
        assertThat(current(order).currentClientOrderId()).isEqualTo(ClientOrderId.of("X2"));
        for (String id : new String[] {"H1", "X1", "X2"}) {
            assertThat(f.ctx.state.order(ClientOrderId.of(id)).clientOrderId()).isEqualTo(order.clientOrderId());
        }

        // fills under the newest ClOrdID count against the new quantity
        f.report(f.trade(current(order), of(5), of(98)).cum(of(5)).status(OrderStatus.FILLED).build());
        assertThat(current(order).status()).isEqualTo(OrderStatus.FILLED);
        assertThat(current(order).overfilled()).isFalse();
    }

    @Test
    void replacedReportWithoutValuesUsesTheRequestedOnes() {
        OrderView order = f.working(Side.BUY, of(100), of(3));
        f.replace(order, of(97), of(6));

        f.report(f.report(current(order), ExecType.REPLACED, OrderStatus.NEW)
                .clOrdId(ClientOrderId.of("X1"), order.clientOrderId()).price(0).orderQty(0).build());

        assertThat(current(order).price()).isEqualTo(of(97));
        assertThat(current(order).quantity()).isEqualTo(of(6));
    }

    @Test
    void replaceOfAPartiallyFilledOrderStaysPartiallyFilled() {
        OrderView order = f.working(Side.BUY, of(100), of(3));
        f.report(f.trade(order, of(1), of(100)).cum(of(1)).build());
        f.replace(current(order), of(100), of(5));

        f.report(f.report(current(order), ExecType.REPLACED, OrderStatus.PARTIALLY_FILLED)
                .clOrdId(ClientOrderId.of("X1"), order.clientOrderId()).orderQty(of(5)).cum(of(1)).build());

        assertThat(current(order).status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(current(order).leavesQuantity()).isEqualTo(of(4));
    }

    @Test
    void venuePendingReplaceIsShown() {
        OrderView order = f.working(Side.BUY, of(100), of(3));
        f.replace(order, of(99), of(3));

        f.report(f.report(current(order), ExecType.PENDING_REPLACE, OrderStatus.PENDING_REPLACE)
                .clOrdId(ClientOrderId.of("X1"), order.clientOrderId()).build());

        assertThat(current(order).status()).isEqualTo(OrderStatus.PENDING_REPLACE);
    }

    @Test
    void replaceRejectReturnsToThePreviousStatusWithTheOldValues() {
        OrderView order = f.working(Side.BUY, of(100), of(3));
        f.replace(order, of(99), of(4));

        f.execution.onCancelRejected(new OrderCancelRejected(VENUE, 1, ClientOrderId.of("X1"), order.clientOrderId(),
                null, true, "price out of range"), f.ctx.next());

        OrderView after = current(order);
        assertThat(after.status()).isEqualTo(OrderStatus.NEW);
        assertThat(after.price()).isEqualTo(of(100));
        assertThat(after.quantity()).isEqualTo(of(3));
        assertThat(after.pendingClientOrderId()).isNull();
        assertThat(after.pendingQuantity()).isZero();
        assertThat(after.currentClientOrderId()).isEqualTo(order.clientOrderId());
        assertThat(after.lastText()).isEqualTo("replace rejected: price out of range");
    }

    @Test
    void aRejectedReportNamingThePendingRequestRefusesTheRequestNotTheOrder() {
        OrderView order = f.working(Side.BUY, of(100), of(3));
        f.replace(order, of(99), of(4));

        f.report(f.report(current(order), ExecType.REJECTED, OrderStatus.NEW)
                .clOrdId(ClientOrderId.of("X1"), order.clientOrderId()).build());

        assertThat(current(order).status()).isEqualTo(OrderStatus.NEW);
        assertThat(f.ctx.orderEvents()).endsWith(OrderEvent.CANCEL_REJECTED);
    }

    @Test
    void replaceIsRefusedWhileARequestIsPendingOrBelowTheFilledQuantity() {
        OrderView order = f.working(Side.BUY, of(100), of(3));
        f.report(f.trade(order, of(2), of(100)).cum(of(2)).build());

        assertThat(f.replace(current(order), of(100), of(2)).reason()).isEqualTo(RejectReason.INVALID_QUANTITY);
        f.cancel(current(order));
        assertThat(f.replace(current(order), of(100), of(5)).reason()).isEqualTo(RejectReason.ORDER_NOT_OPEN);
        assertThat(f.venue.replaces).isEmpty();
    }

    @Test
    void replaceOfAClosedOrderIsRefused() {
        OrderView order = f.working(Side.BUY, of(100), of(3));
        f.report(f.report(order, ExecType.EXPIRED, OrderStatus.EXPIRED).build());

        assertThat(f.replace(current(order), of(100), of(5)).reason()).isEqualTo(RejectReason.ORDER_NOT_OPEN);
    }

    @Test
    void replaceConfirmedWhileACancelIsPendingKeepsTheCancelPending() {
        OrderView order = f.working(Side.BUY, of(100), of(3));
        f.replace(order, of(99), of(4)); // X1
        f.cancel(current(order)); // X2

        f.report(f.report(current(order), ExecType.REPLACED, OrderStatus.NEW)
                .clOrdId(ClientOrderId.of("X1"), order.clientOrderId()).price(of(99)).orderQty(of(4)).build());

        assertThat(current(order).currentClientOrderId()).isEqualTo(ClientOrderId.of("X1"));
        assertThat(current(order).status()).isEqualTo(OrderStatus.PENDING_CANCEL);
        assertThat(current(order).pendingClientOrderId()).isEqualTo(ClientOrderId.of("X2"));
    }

    // ----------------------------------------------------------------------------------------- expiry and rejection

    @Test
    void expiryEndsTheOrderForGood() {
        OrderView order = f.working(Side.BUY, of(100), of(3));

        f.report(f.report(order, ExecType.EXPIRED, OrderStatus.EXPIRED).text("end of day").build());

        assertThat(current(order).status()).isEqualTo(OrderStatus.EXPIRED);
        assertThat(current(order).lastText()).isEqualTo("end of day");
        f.report(f.report(order, ExecType.NEW, OrderStatus.NEW).build());
        f.report(f.report(order, ExecType.CANCELED, OrderStatus.CANCELED).build());
        assertThat(current(order).status()).isEqualTo(OrderStatus.EXPIRED);
        assertThat(f.ctx.orderEvents()).endsWith(OrderEvent.EXPIRED);
    }

    @Test
    void rejectionEndsThePendingOrder() {
        OrderView order = f.submitted(f.limit(Side.BUY, of(100), of(3)));

        f.report(f.report(order, ExecType.REJECTED, OrderStatus.REJECTED).noVenueOrderId()
                .text("unknown symbol").build());

        assertThat(current(order).status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(current(order).lastText()).isEqualTo("unknown symbol");
        assertThat(f.ctx.state.openOrderCount()).isZero();
        f.report(f.report(order, ExecType.NEW, OrderStatus.NEW).build());
        assertThat(current(order).status()).isEqualTo(OrderStatus.REJECTED);
    }

    // ----------------------------------------------------------------------------------------- unknown orders

    @Test
    void aReportForAnUnknownOrderIsRecordedAsMetadataAndItsFillBooked() {
        OrderView ghost = new OrderView(ClientOrderId.of("GHOST"), ClientOrderId.of("GHOST"), null, null,
                ExecutionFixture.STRATEGY, VENUE, BTC, Side.SELL, io.livestack.api.model.OrderType.LIMIT,
                io.livestack.api.model.TimeInForce.DAY, of(100), of(2), 0, 0, OrderStatus.NEW, 0, 0, false, true, null,
                0, 0, 0, 0);

        f.report(f.trade(ghost, of(2), of(100)).cum(of(2)).build());
        f.report(f.report(ghost, ExecType.CANCELED, OrderStatus.CANCELED).build());

        assertThat(f.ctx.state.order(ClientOrderId.of("GHOST"))).isNull();
        assertThat(f.ctx.records(MetadataRecord.class)).hasSize(2)
                .allSatisfy(m -> assertThat(m.detail()).contains("unknown order", "clOrdId=GHOST"));
        assertThat(f.ctx.fills()).singleElement()
                .satisfies(fill -> assertThat(fill.strategy().value()).isEqualTo("unknown"));
        assertThat(f.ctx.state.position(BTC).netQuantity()).isEqualTo(-of(2));
        assertThat(f.execution.unknownOrderReports()).isEqualTo(2);
    }

    @Test
    void unknownOrderFillsCanBeLeftOutOfThePosition() {
        ExecutionFixture strict = new ExecutionFixture(new ExecutionSettings(true, true, true, false));
        OrderView ghost = strict.working(Side.SELL, of(100), of(2));
        strict.ctx.records.clear();

        strict.report(strict.trade(ghost, of(1), of(100)).clOrdId(ClientOrderId.of("GHOST"), null).build());

        assertThat(strict.ctx.fills()).isEmpty();
        assertThat(strict.ctx.records(MetadataRecord.class)).hasSize(1);
    }

    @Test
    void aReportFromAnotherVenueForOurClOrdIdIsNotApplied() {
        OrderView order = f.working(Side.BUY, of(100), of(3));

        f.report(f.trade(order, of(1), of(100)).venue(OTHER_VENUE).build());

        assertThat(current(order).filledQuantity()).isZero();
        assertThat(f.ctx.records(MetadataRecord.class)).singleElement()
                .satisfies(m -> assertThat(m.detail()).contains("order of venue sim"));
    }

    @Test
    void aCancelRejectForAnUnknownOrderIsRecordedAsMetadata() {
        f.execution.onCancelRejected(new OrderCancelRejected(VENUE, 1, ClientOrderId.of("NOPE"), null, null, false,
                "unknown order"), f.ctx.next());

        assertThat(f.ctx.records(MetadataRecord.class)).singleElement()
                .satisfies(m -> assertThat(m.detail()).contains("cancel reject for unknown order", "NOPE"));
    }

    @Test
    void givenFillsAreQuantityWeightedInTheAverageFillPrice() {
        OrderView order = f.working(Side.BUY, of(100), of(10));
        f.report(f.trade(order, of(1), of(100)).cum(of(1)).build());
        f.report(f.trade(order, of(2), parse("100.5")).cum(of(3)).build());

        assertThat(current(order).averageFillPrice()).isEqualTo(parse("100.33333333"));
    }
}
