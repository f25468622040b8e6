package io.livestack.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livestack.api.intent.CancelOrder;
import io.livestack.api.intent.Intent;
import io.livestack.api.intent.SubmitOrder;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.model.VenueId;
import io.livestack.api.state.OrderView;
import org.junit.jupiter.api.Test;

class ManualOrdersTest {

    static final VenueId SIM = VenueId.of("SIM");
    static final InstrumentId BTC = InstrumentId.of("BTC-USD");

    static OrderView order(String id, OrderStatus status) {
        return new OrderView(ClientOrderId.of(id), ClientOrderId.of(id), null, null, StrategyId.of("mm1"), SIM, BTC,
                Side.BUY, OrderType.LIMIT, TimeInForce.DAY, Fixed.of(100), Fixed.of(1), 0, 0, status, 0, 0, false,
                true, "", 1, 1, 0, 0);
    }

    @Test
    void aLimitOrderIsAManualDayOrderByDefault() {
        SubmitOrder o = ManualOrders.submit(SIM, BTC, "buy", "0.5", "101.5", null, null);

        assertThat(o.strategy()).isEqualTo(Intent.MANUAL);
        assertThat(o.type()).isEqualTo(OrderType.LIMIT);
        assertThat(o.timeInForce()).isEqualTo(TimeInForce.DAY);
        assertThat(o.side()).isEqualTo(Side.BUY);
        assertThat(o.quantity()).isEqualTo(Fixed.parse("0.5"));
        assertThat(o.price()).isEqualTo(Fixed.parse("101.5"));
    }

    @Test
    void aMarketOrderTakesNoPriceAndALimitOrderNeedsOne() {
        SubmitOrder market = ManualOrders.submit(SIM, BTC, "SELL", "2", null, "market", "ioc");
        assertThat(market.type()).isEqualTo(OrderType.MARKET);
        assertThat(market.price()).isZero();
        assertThat(market.timeInForce()).isEqualTo(TimeInForce.IOC);

        assertThatThrownBy(() -> ManualOrders.submit(SIM, BTC, "SELL", "2", "100", "MARKET", null))
                .hasMessage("a MARKET order takes no price (got '100')");
        assertThatThrownBy(() -> ManualOrders.submit(SIM, BTC, "SELL", "2", null, null, null))
                .hasMessage("a LIMIT order needs a price (or use --type MARKET)");
        assertThatThrownBy(() -> ManualOrders.submit(SIM, BTC, "SELL", "2", "100", "STOP", null))
                .hasMessage("order type 'STOP' is not one of LIMIT, MARKET");
    }

    @Test
    void cancelsOnlyKnownOpenOrdersByTheirHandle() {
        CancelOrder c = ManualOrders.cancel("A-1", order("A-1", OrderStatus.NEW));
        assertThat(c.clientOrderId()).isEqualTo(ClientOrderId.of("A-1"));
        assertThat(c.strategy()).isEqualTo(Intent.MANUAL);

        assertThatThrownBy(() -> ManualOrders.cancel("A-2", null)).hasMessage("unknown order 'A-2'");
        assertThatThrownBy(() -> ManualOrders.cancel("A-1", order("A-1", OrderStatus.FILLED)))
                .hasMessage("order A-1 is not open (FILLED)");
    }
}
