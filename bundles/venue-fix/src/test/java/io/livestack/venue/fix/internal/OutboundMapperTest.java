package io.livestack.venue.fix.internal;

import static io.livestack.api.model.Fixed.of;
import static io.livestack.venue.fix.internal.Fixtures.BTC;
import static io.livestack.venue.fix.internal.Fixtures.FACTORY;
import static io.livestack.venue.fix.internal.Fixtures.T0;
import static io.livestack.venue.fix.internal.Fixtures.acknowledged;
import static io.livestack.venue.fix.internal.Fixtures.assertValid;
import static io.livestack.venue.fix.internal.Fixtures.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.state.OrderView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import quickfix.Message;

/** Every outbound mapping, for each FIX version: runtime values in, valid messages of that version out. */
class OutboundMapperTest {

    private static OutboundMapper mapper(FixDialect d) {
        return new OutboundMapper(d, FACTORY);
    }

    private static String packageOf(FixDialect d) {
        return switch (d) {
            case FIX42 -> "quickfix.fix42";
            case FIX44 -> "quickfix.fix44";
            case FIX50SP2 -> "quickfix.fix50sp2";
        };
    }

    @ParameterizedTest
    @EnumSource(FixDialect.class)
    void aLimitDayOrderBecomesAValidNewOrderSingleOfTheSessionsVersion(FixDialect d) throws Exception {
        OrderView o = order("C-1", Side.BUY, OrderType.LIMIT, TimeInForce.DAY, Fixed.parse("30000.25"), of(2));

        Message m = mapper(d).newOrderSingle(o, T0);

        assertThat(m.getClass().getName()).isEqualTo(packageOf(d) + ".NewOrderSingle");
        assertValid(d, m);
        assertThat(m.getString(11)).isEqualTo("C-1");
        assertThat(m.getString(55)).isEqualTo("BTC-USD");
        assertThat(m.getChar(54)).isEqualTo('1');
        assertThat(m.getChar(40)).isEqualTo('2');
        assertThat(m.getString(44)).isEqualTo("30000.25");
        assertThat(m.getString(38)).isEqualTo("2");
        assertThat(m.getChar(59)).isEqualTo('0');
        assertThat(m.getChar(21)).isEqualTo('1');
        assertThat(m.getUtcTimeStamp(60)).isEqualTo(T0);
    }

    @ParameterizedTest
    @EnumSource(FixDialect.class)
    void aMarketImmediateOrCancelOrderHasNoPrice(FixDialect d) throws Exception {
        OrderView o = order("C-2", Side.SELL, OrderType.MARKET, TimeInForce.IOC, 0, Fixed.parse("0.00000001"));

        Message m = mapper(d).newOrderSingle(o, T0);

        assertValid(d, m);
        assertThat(m.getChar(40)).isEqualTo('1');
        assertThat(m.isSetField(44)).isFalse();
        assertThat(m.getChar(54)).isEqualTo('2');
        assertThat(m.getChar(59)).isEqualTo('3');
        assertThat(m.getString(38)).isEqualTo("0.00000001");
    }

    @ParameterizedTest
    @EnumSource(FixDialect.class)
    void goodTillCancelIsTimeInForceOne(FixDialect d) throws Exception {
        Message m = mapper(d).newOrderSingle(order("C-3", Side.BUY, OrderType.LIMIT, TimeInForce.GTC, of(1), of(1)),
                T0);

        assertValid(d, m);
        assertThat(m.getChar(59)).isEqualTo('1');
    }

    @ParameterizedTest
    @EnumSource(FixDialect.class)
    void aCancelNamesTheOrdersCurrentClOrdIdAndTheVenuesOrderId(FixDialect d) throws Exception {
        OrderView o = acknowledged(order("C-1", Side.BUY, OrderType.LIMIT, TimeInForce.DAY, of(100), of(2)), "VO-9",
                "R-1");

        Message m = mapper(d).cancel(o, ClientOrderId.of("CX-1"), T0);

        assertThat(m.getClass().getName()).isEqualTo(packageOf(d) + ".OrderCancelRequest");
        assertValid(d, m);
        assertThat(m.getString(11)).isEqualTo("CX-1");
        assertThat(m.getString(41)).isEqualTo("R-1");
        assertThat(m.getString(37)).isEqualTo("VO-9");
        assertThat(m.getString(55)).isEqualTo("BTC-USD");
        assertThat(m.getChar(54)).isEqualTo('1');
        assertThat(m.getString(38)).isEqualTo("2");
    }

    @ParameterizedTest
    @EnumSource(FixDialect.class)
    void aCancelBeforeTheAcknowledgementHasNoOrderId(FixDialect d) throws Exception {
        Message m = mapper(d).cancel(order("C-1", Side.SELL, OrderType.LIMIT, TimeInForce.GTC, of(100), of(2)),
                ClientOrderId.of("CX-1"), T0);

        assertValid(d, m);
        assertThat(m.isSetField(37)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(FixDialect.class)
    void aReplaceCarriesTheNewPriceAndTotalQuantityUnderTheNewClOrdId(FixDialect d) throws Exception {
        OrderView o = acknowledged(order("C-1", Side.SELL, OrderType.LIMIT, TimeInForce.GTC, of(100), of(2)), "VO-9",
                "C-1");

        Message m = mapper(d).replace(o, ClientOrderId.of("R-2"), Fixed.parse("99.5"), of(3), T0);

        assertThat(m.getClass().getName()).isEqualTo(packageOf(d) + ".OrderCancelReplaceRequest");
        assertValid(d, m);
        assertThat(m.getString(11)).isEqualTo("R-2");
        assertThat(m.getString(41)).isEqualTo("C-1");
        assertThat(m.getString(37)).isEqualTo("VO-9");
        assertThat(m.getString(44)).isEqualTo("99.5");
        assertThat(m.getString(38)).isEqualTo("3");
        assertThat(m.getChar(40)).isEqualTo('2');
        assertThat(m.getChar(59)).isEqualTo('1');
        assertThat(m.getChar(54)).isEqualTo('2');
    }

    @ParameterizedTest
    @EnumSource(FixDialect.class)
    void anOrderStatusRequestNamesTheOrder(FixDialect d) throws Exception {
        OrderView o = acknowledged(order("C-1", Side.BUY, OrderType.LIMIT, TimeInForce.DAY, of(100), of(2)), "VO-9",
                "C-1");

        Message m = mapper(d).orderStatus(o);

        assertThat(m.getClass().getName()).isEqualTo(packageOf(d) + ".OrderStatusRequest");
        assertValid(d, m);
        assertThat(m.getString(11)).isEqualTo("C-1");
        assertThat(m.getString(37)).isEqualTo("VO-9");
        assertThat(m.getString(55)).isEqualTo("BTC-USD");
        assertThat(m.getChar(54)).isEqualTo('1');
    }

    @ParameterizedTest
    @EnumSource(value = FixDialect.class, names = {"FIX44", "FIX50SP2"})
    void aMassStatusRequestAsksForAllOrders(FixDialect d) throws Exception {
        Message m = mapper(d).massStatus("MS-1");

        assertValid(d, m);
        assertThat(m.getString(584)).isEqualTo("MS-1");
        assertThat(m.getInt(585)).isEqualTo(7);
    }

    @Test
    void fix42HasNoMassStatusRequest() {
        assertThatThrownBy(() -> mapper(FixDialect.FIX42).massStatus("MS-1"))
                .isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest
    @EnumSource(FixDialect.class)
    void aMarketDataRequestSubscribesToIncrementalBidsOffersAndTrades(FixDialect d) throws Exception {
        Message m = mapper(d).marketDataRequest("MD-1", BTC, 5);

        assertThat(m.getClass().getName()).isEqualTo(packageOf(d) + ".MarketDataRequest");
        assertValid(d, m);
        assertThat(m.getString(262)).isEqualTo("MD-1");
        assertThat(m.getChar(263)).isEqualTo('1');
        assertThat(m.getInt(264)).isEqualTo(5);
        assertThat(m.getInt(265)).isEqualTo(1);
        assertThat(m.getGroupCount(267)).isEqualTo(3);
        assertThat(m.getGroup(3, 267).getChar(269)).isEqualTo('2');
        assertThat(m.getGroupCount(146)).isEqualTo(1);
        assertThat(m.getGroup(1, 146).getString(55)).isEqualTo("BTC-USD");
        Message parsed = Fixtures.wire(d, m, 1);
        assertThat(parsed.getGroupCount(267)).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(FixDialect.class)
    void theLogonCarriesUsernameAndPasswordOnlyWhenConfigured(FixDialect d) throws Exception {
        Message logon = FACTORY.create(d.beginString(), "A");
        OutboundMapper.addCredentials(logon, "trader", "s3cret");
        assertThat(logon.getString(553)).isEqualTo("trader");
        assertThat(logon.getString(554)).isEqualTo("s3cret");

        Message bare = FACTORY.create(d.beginString(), "A");
        OutboundMapper.addCredentials(bare, "", "");
        assertThat(bare.isSetField(553)).isFalse();
        assertThat(bare.isSetField(554)).isFalse();
    }

    @Test
    void pricesLeaveAsExactPlainDecimals() {
        assertThat(OutboundMapper.decimal(of(30000)).toString()).isEqualTo("30000");
        assertThat(OutboundMapper.decimal(Fixed.parse("0.10")).toString()).isEqualTo("0.1");
        assertThat(OutboundMapper.decimal(Fixed.parse("12345678901.12345678")).toPlainString())
                .isEqualTo("12345678901.12345678");
    }

    @ParameterizedTest
    @EnumSource(FixDialect.class)
    void theDictionaryCheckUsedAboveRejectsInvalidMessages(FixDialect d) {
        Message missingSide = mapper(d).newOrderSingle(
                order("C-1", Side.BUY, OrderType.LIMIT, TimeInForce.DAY, of(1), of(1)), T0);
        missingSide.removeField(54);
        assertThatThrownBy(() -> assertValid(d, missingSide)).isInstanceOf(quickfix.FieldException.class)
                .hasMessageContaining("54");

        Message badValue = mapper(d).newOrderSingle(
                order("C-1", Side.BUY, OrderType.LIMIT, TimeInForce.DAY, of(1), of(1)), T0);
        badValue.setChar(54, 'Z');
        assertThatThrownBy(() -> assertValid(d, badValue)).isInstanceOf(quickfix.IncorrectTagValue.class);
    }
}
