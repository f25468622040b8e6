package io.livestack.execution.internal;

import static io.livestack.api.model.Fixed.of;
import static io.livestack.execution.internal.ExecutionFixture.BTC;
import static io.livestack.execution.internal.ExecutionFixture.ETH;
import static io.livestack.execution.internal.ExecutionFixture.OTHER_VENUE;
import static io.livestack.execution.internal.ExecutionFixture.VENUE;
import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecId;
import io.livestack.api.model.ExecType;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.Side;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.record.FillRecord;
import io.livestack.api.record.OrderEvent;
import io.livestack.api.record.OrderRecord;
import io.livestack.api.state.OrderView;
import org.junit.jupiter.api.Test;

/** Restatements, status answers, synthesized fills, and the venue session hooks. */
class ReconciliationTest extends WithExecution {

    @Test
    void aStatusAnswerAcknowledgesAPendingNewOrder() {
        OrderView order = f.submitted(f.limit(Side.BUY, of(100), of(3)));

        f.report(f.report(order, ExecType.ORDER_STATUS, OrderStatus.NEW).execId("0").build());

        assertThat(current(order).status()).isEqualTo(OrderStatus.NEW);
        assertThat(f.ctx.orderEvents()).endsWith(OrderEvent.RECONCILED);
    }

    @Test
    void statusAnswersAreNeverTreatedAsDuplicates() {
        OrderView order = f.working(Side.BUY, of(100), of(3));

        f.report(f.report(order, ExecType.ORDER_STATUS, OrderStatus.NEW).execId("0").build());
        f.report(f.report(order, ExecType.ORDER_STATUS, OrderStatus.CANCELED).execId("0").build());

        assertThat(current(order).status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(f.execution.duplicateReports()).isZero();
    }

    @Test
    void aStatusAnswerNeverMovesBackwards() {
        OrderView order = f.working(Side.BUY, of(100), of(3));
        f.report(f.trade(order, of(1), of(100)).cum(of(1)).build());

        f.report(f.report(order, ExecType.ORDER_STATUS, OrderStatus.NEW).cum(0).execId("0").build());

        assertThat(current(order).status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(current(order).filledQuantity()).isEqualTo(of(1));
        assertThat(f.ctx.fills()).hasSize(1);
    }

    @Test
    void aRestatementToATerminalStatusEndsTheOrder() {
        OrderView order = f.working(Side.BUY, of(100), of(3));
        f.cancel(order);

        f.report(f.report(current(order), ExecType.RESTATED, OrderStatus.EXPIRED).text("session end").build());

        assertThat(current(order).status()).isEqualTo(OrderStatus.EXPIRED);
        assertThat(current(order).pendingClientOrderId()).isNull();
        assertThat(f.ctx.orderEvents()).endsWith(OrderEvent.RESTATED);
    }

    @Test
    void aRestatementUpdatesQuantityAndPrice() {
        OrderView order = f.working(Side.BUY, of(100), of(3));

        f.report(f.report(order, ExecType.RESTATED, OrderStatus.NEW).orderQty(of(2)).price(of(101)).build());

        assertThat(current(order).quantity()).isEqualTo(of(2));
        assertThat(current(order).price()).isEqualTo(of(101));
    }

    @Test
    void aHigherVenueCumulativeQuantitySynthesizesTheMissingFillExactlyOnce() {
        OrderView order = f.working(Side.BUY, of(100), of(10));
        f.report(f.trade(order, of(2), of(100)).cum(of(2)).build());

        // the venue filled 6 in all at an average of 101: the missing 4 were at (606 - 200) / 4 = 101.5
        f.report(f.report(order, ExecType.ORDER_STATUS, OrderStatus.PARTIALLY_FILLED).execId("0")
                .cum(of(6)).avgPx(of(101)).build());

        OrderView after = current(order);
        assertThat(after.filledQuantity()).isEqualTo(of(6));
        assertThat(after.averageFillPrice()).isEqualTo(of(101));
        FillRecord synthesized = f.ctx.fills().get(1);
        assertThat(synthesized.execId()).isEqualTo(ExecId.of("SYN-H1-600000000"));
        assertThat(synthesized.quantity()).isEqualTo(of(4));
        assertThat(synthesized.price()).isEqualTo(of(101) + of(1) / 2);
        assertThat(f.ctx.state.position(BTC).netQuantity()).isEqualTo(of(6));
        assertThat(f.execution.synthesizedFills()).isEqualTo(1);

        // the same answer again (e.g. a second reconciliation) books nothing more
        f.report(f.report(order, ExecType.ORDER_STATUS, OrderStatus.PARTIALLY_FILLED).execId("0")
                .cum(of(6)).avgPx(of(101)).build());
        assertThat(f.ctx.fills()).hasSize(2);
        assertThat(f.ctx.state.knowsExecution(VENUE, ExecId.of("SYN-H1-600000000"))).isTrue();
    }

    @Test
    void lateTradeReportsForSynthesizedQuantityAreAbsorbedAndNewOnesBooked() {
        OrderView order = f.working(Side.BUY, of(100), of(10));
        f.report(f.report(order, ExecType.RESTATED, OrderStatus.PARTIALLY_FILLED).cum(of(4)).avgPx(of(100)).build());
        assertThat(current(order).filledQuantity()).isEqualTo(of(4));

        f.report(f.trade(order, of(1), of(100)).cum(of(1)).build()); // already in the synthesized 4
        f.report(f.trade(order, of(3), of(100)).cum(of(4)).build()); // likewise
        assertThat(current(order).filledQuantity()).isEqualTo(of(4));
        assertThat(f.ctx.state.position(BTC).netQuantity()).isEqualTo(of(4));

        f.report(f.trade(order, of(2), of(100)).cum(of(6)).build()); // genuinely new
        assertThat(current(order).filledQuantity()).isEqualTo(of(6));
        assertThat(f.ctx.state.position(BTC).netQuantity()).isEqualTo(of(6));
    }

    @Test
    void theSynthesizedPriceFallsBackToTheLimitPrice() {
        OrderView order = f.working(Side.SELL, of(100), of(10));

        f.report(f.report(order, ExecType.ORDER_STATUS, OrderStatus.FILLED).execId("0").cum(of(10)).build());

        assertThat(current(order).status()).isEqualTo(OrderStatus.FILLED);
        assertThat(f.ctx.fills()).singleElement().satisfies(fill -> assertThat(fill.price()).isEqualTo(of(100)));
    }

    @Test
    void synthesizingCanBeSwitchedOff() {
        ExecutionFixture off = new ExecutionFixture(new ExecutionSettings(false, true, true, true));
        OrderView order = off.working(Side.BUY, of(100), of(10));

        off.report(off.report(order, ExecType.ORDER_STATUS, OrderStatus.PARTIALLY_FILLED).execId("0")
                .cum(of(6)).build());

        assertThat(off.ctx.fills()).isEmpty();
        assertThat(off.order(order.clientOrderId()).filledQuantity()).isZero();
    }

    @Test
    void aLowerVenueCumulativeQuantityKeepsOurs() {
        OrderView order = f.working(Side.BUY, of(100), of(10));
        f.report(f.trade(order, of(3), of(100)).cum(of(3)).build());

        f.report(f.report(order, ExecType.RESTATED, OrderStatus.PARTIALLY_FILLED).cum(of(1)).build());

        assertThat(current(order).filledQuantity()).isEqualTo(of(3));
    }

    @Test
    void synthesizedExecIdsOfLongHandlesAreHashedToFit() {
        ClientOrderId longHandle = ClientOrderId.of("L".repeat(64));

        ExecId id = SynthesizedFills.execId(longHandle, of(1234));

        assertThat(id.value()).hasSizeLessThanOrEqualTo(64).startsWith("SYN-").endsWith("-123400000000");
        assertThat(SynthesizedFills.execId(longHandle, of(1234))).isEqualTo(id);
        assertThat(SynthesizedFills.execId(ClientOrderId.of("L".repeat(63) + "M"), of(1234)))
                .isNotEqualTo(id);
    }

    // ----------------------------------------------------------------------------------------- sessions

    @Test
    void reconcilingHandsTheVenueItsOwnOpenOrders() {
        OrderView a = f.working(Side.BUY, of(100), of(1));
        f.submitted(f.limit(OTHER_VENUE, BTC, Side.BUY, of(100), of(1)));
        OrderView closed = f.working(Side.BUY, of(100), of(1));
        f.report(f.report(closed, ExecType.CANCELED, OrderStatus.CANCELED).build());

        f.session(VENUE, VenueSessionState.RECONCILING);

        assertThat(f.venue.reconciles).singleElement()
                .satisfies(orders -> assertThat(orders).containsExactly(current(a)));
        assertThat(f.otherVenue.reconciles).isEmpty();
    }

    @Test
    void anUnavailableVenueMarksItsOpenOrdersAndTheyComeBackWithIt() {
        OrderView a = f.working(Side.BUY, of(100), of(1));
        OrderView other = f.submitted(f.limit(OTHER_VENUE, ETH, Side.BUY, of(100), of(1)));
        f.ctx.records.clear();

        f.ctx.venues.remove(VENUE);
        f.session(VENUE, VenueSessionState.UNAVAILABLE);

        assertThat(current(a).venueAvailable()).isFalse();
        assertThat(current(a).isOpen()).as("kept open").isTrue();
        assertThat(current(other).venueAvailable()).isTrue();
        assertThat(f.ctx.records(OrderRecord.class)).singleElement()
                .satisfies(r -> assertThat(r.event()).isEqualTo(OrderEvent.VENUE_UNAVAILABLE));
        assertThat(f.submit(f.limit(Side.BUY, of(100), of(1))).reason())
                .isEqualTo(io.livestack.api.risk.RejectReason.VENUE_NOT_READY);

        f.ctx.venues.put(VENUE, f.venue);
        f.session(VENUE, VenueSessionState.CONNECTING);
        f.session(VENUE, VenueSessionState.RECONCILING);
        f.session(VENUE, VenueSessionState.LOGGED_ON);

        assertThat(current(a).venueAvailable()).isTrue();
        assertThat(f.ctx.orderEvents()).containsExactly(OrderEvent.VENUE_UNAVAILABLE, OrderEvent.VENUE_AVAILABLE);
        assertThat(f.venue.reconciles).hasSize(1);
    }
}
