package io.livestack.risk.internal;

import static io.livestack.api.model.Fixed.of;
import static io.livestack.api.model.Fixed.parse;
import static io.livestack.risk.internal.RiskFixture.BTC;
import static io.livestack.risk.internal.RiskFixture.ETH;
import static io.livestack.risk.internal.RiskFixture.OTHER_VENUE;
import static io.livestack.risk.internal.RiskFixture.SECOND;
import static io.livestack.risk.internal.RiskFixture.VENUE;
import static io.livestack.risk.internal.RiskFixture.loose;
import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.intent.Intent;
import io.livestack.api.model.Side;
import io.livestack.api.risk.RejectReason;
import io.livestack.api.risk.RiskDecision;
import io.livestack.api.state.InstrumentSpec;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The instrument's reference data at the order's venue, checked first after the order's own values. */
class ReferenceDataChecksTest {

    private final RiskFixture f = new RiskFixture();
    private final ScopedState state = new ScopedState(f.state);
    private final RiskStageComponent risk = new RiskStageComponent(loose("maxOrderQuantity", "1"));
    private final long now = 1_000 * SECOND;

    @BeforeEach
    void market() {
        f.book(VENUE, BTC, of(99), of(101));
        f.book(OTHER_VENUE, BTC, of(99), of(101));
        f.book(VENUE, ETH, of(99), of(101));
        // BTC: tick 0.5, lot 0.01, 0.01..0.5 everywhere; at "other" a tick table (1 from 100 up) and max 0.2
        state.specs(false,
                new InstrumentSpec(BTC, null, null, parse("0.5"), List.of(), parse("0.01"), parse("0.01"),
                        parse("0.5"), of(1), "USD", 2),
                new InstrumentSpec(BTC, OTHER_VENUE, "XBT", parse("0.5"),
                        List.of(new InstrumentSpec.TickStep(of(100), of(1))), parse("0.01"), parse("0.01"),
                        parse("0.2"), of(1), "USD", 2));
    }

    private RiskDecision check(Intent intent) {
        return risk.check(intent, state, now);
    }

    private static void rejected(RiskDecision d, RejectReason reason, String... detail) {
        assertThat(d.accepted()).as("rejected, got %s", d).isFalse();
        assertThat(d.reason()).isEqualTo(reason);
        for (String text : detail) {
            assertThat(d.detail()).contains(text);
        }
    }

    @Test
    void aLimitPriceOffTheTickGridIsRefused() {
        rejected(check(f.limit(VENUE, BTC, Side.BUY, parse("100.25"), parse("0.1"))), RejectReason.OFF_TICK,
                "100.25", "BTC-USD", "tick 0.5");
        assertThat(check(f.limit(VENUE, BTC, Side.BUY, parse("100.5"), parse("0.1"))).accepted()).isTrue();
    }

    @Test
    void theVenuesTickTableApplies() {
        rejected(check(f.limit(OTHER_VENUE, BTC, Side.BUY, parse("100.5"), parse("0.1"))), RejectReason.OFF_TICK,
                "tick 1");
        assertThat(check(f.limit(OTHER_VENUE, BTC, Side.BUY, parse("99.5"), parse("0.1"))).accepted()).isTrue();
    }

    @Test
    void aMarketOrderHasNoTickToBeOn() {
        assertThat(check(f.market(Side.BUY, parse("0.1"))).accepted()).isTrue();
    }

    @Test
    void aQuantityNotAWholeNumberOfLotsIsRefused() {
        rejected(check(f.limit(VENUE, BTC, Side.BUY, of(100), parse("0.015"))), RejectReason.OFF_LOT, "0.015",
                "lot 0.01");
    }

    @Test
    void aQuantityOutsideTheInstrumentsRangeIsRefused() {
        rejected(check(f.limit(VENUE, BTC, Side.BUY, of(100), parse("0.6"))), RejectReason.QUANTITY_OUT_OF_RANGE,
                "above the maximum 0.5");
        rejected(check(f.limit(OTHER_VENUE, BTC, Side.BUY, of(99), parse("0.3"))),
                RejectReason.QUANTITY_OUT_OF_RANGE, "above the maximum 0.2", "other");
        state.specs(false, new InstrumentSpec(BTC, null, null, 0, List.of(), 0, parse("0.1"), 0, of(1), "USD", 2));
        rejected(check(f.limit(VENUE, BTC, Side.BUY, of(100), parse("0.05"))), RejectReason.QUANTITY_OUT_OF_RANGE,
                "below the minimum 0.1");
    }

    @Test
    void anInstrumentWithoutReferenceDataIsRefusedOnlyWhenUnknownInstrumentsAre() {
        assertThat(check(f.limit(VENUE, ETH, Side.BUY, of(100), parse("0.5"))).accepted()).isTrue();

        state.specs(true, new InstrumentSpec(BTC, null, null, 0, List.of(), 0, 0, 0, of(1), "USD", 2));
        rejected(check(f.limit(VENUE, ETH, Side.BUY, of(100), parse("0.5"))), RejectReason.NO_REFERENCE_DATA,
                "ETH-USD", "sim");
    }

    @Test
    void referenceDataComesBeforeTheLimits() {
        rejected(check(f.limit(VENUE, BTC, Side.BUY, parse("100.25"), of(5))), RejectReason.OFF_TICK);
    }
}
