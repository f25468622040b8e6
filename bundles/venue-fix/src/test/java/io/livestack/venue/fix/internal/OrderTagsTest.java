package io.livestack.venue.fix.internal;

import static io.livestack.api.model.Fixed.of;
import static io.livestack.venue.fix.internal.Fixtures.FACTORY;
import static io.livestack.venue.fix.internal.Fixtures.T0;
import static io.livestack.venue.fix.internal.Fixtures.acknowledged;
import static io.livestack.venue.fix.internal.Fixtures.assertValid;
import static io.livestack.venue.fix.internal.Fixtures.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livestack.api.model.AccountId;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.state.OrderView;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import quickfix.Message;

/** Account (1) and the strategy tag on our order messages, and their configuration keys. */
class OrderTagsTest {

    private static FixVenueSettings settings(Object... keysAndValues) {
        Map<String, Object> p = new HashMap<>();
        p.put("venue", "V1");
        p.put("senderCompID", "US");
        p.put("targetCompID", "VENUE");
        p.put("instruments", "BTC-USD");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            p.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return FixVenueSettings.parse(p, Path.of("target", "data"));
    }

    private static OrderView forAccount(String account) {
        OrderView o = order("C-1", Side.BUY, OrderType.LIMIT, TimeInForce.DAY, of(100), of(1));
        return new OrderView(o.clientOrderId(), o.currentClientOrderId(), null, null, o.strategy(), o.venue(),
                o.instrument(), o.side(), o.type(), o.timeInForce(), o.price(), o.quantity(), 0, 0, o.status(), 0, 0,
                false, true, null, 1, 1, 0, 0, AccountId.of(account));
    }

    @ParameterizedTest
    @EnumSource(FixDialect.class)
    void orderMessagesCarryTheOrdersAccountAndStrategy(FixDialect d) throws Exception {
        OutboundMapper mapper = new OutboundMapper(d, FACTORY, new OrderTags(null, 7001));
        OrderView order = forAccount("ACC-9");
        OrderView acked = acknowledged(order, "V-1", "C-1");
        OrderView working = new OrderView(acked.clientOrderId(), acked.currentClientOrderId(), null,
                acked.venueOrderId(), acked.strategy(), acked.venue(), acked.instrument(), acked.side(), acked.type(),
                acked.timeInForce(), acked.price(), acked.quantity(), 0, 0, acked.status(), 0, 0, false, true, null, 1,
                1, 0, 0, order.account());

        Message single = mapper.newOrderSingle(order, T0);
        Message cancel = mapper.cancel(working, ClientOrderId.of("C-2"), T0);
        Message replace = mapper.replace(working, ClientOrderId.of("C-3"), of(101), of(2), T0);

        for (Message m : new Message[] {single, cancel, replace}) {
            assertThat(m.getString(1)).isEqualTo("ACC-9");
            assertThat(m.getString(7001)).isEqualTo("s1");
        }
        assertValid(d, new OutboundMapper(d, FACTORY, OrderTags.NONE).newOrderSingle(order, T0)); // 1 is standard
    }

    @Test
    void theDefaultAccountIsNotSentUnlessTheVenueNamesAnAccount() throws Exception {
        OrderView order = forAccount(AccountId.DEFAULT.value());

        Message none = new OutboundMapper(FixDialect.FIX44, FACTORY, OrderTags.NONE).newOrderSingle(order, T0);
        Message named = new OutboundMapper(FixDialect.FIX44, FACTORY, new OrderTags(AccountId.of("VENUE-ACC"), 0))
                .newOrderSingle(order, T0);

        assertThat(none.isSetField(1)).isFalse();
        assertThat(named.getString(1)).isEqualTo("DEFAULT");
    }

    @Test
    void theOrdersAccountWinsOverAFixedAccountFieldWhichFillsInForOrdersWithout() throws Exception {
        FixVenueSettings s = settings("fields.D.1", "FIXED");
        OutboundMapper mapper = new OutboundMapper(FixDialect.FIX44, FACTORY, s.orderTags());

        Message own = mapper.newOrderSingle(forAccount("ACC-9"), T0);
        s.rules().extraFields().apply(own);
        Message without = mapper.newOrderSingle(forAccount(AccountId.DEFAULT.value()), T0);
        s.rules().extraFields().apply(without);

        assertThat(own.getString(1)).isEqualTo("ACC-9");
        assertThat(without.getString(1)).isEqualTo("FIXED");
    }

    @Test
    void theVenueAccountAndStrategyTagAreReadAndDescribed() {
        FixVenueSettings s = settings("account", "ACC-1", "strategyTag", "7001");

        assertThat(s.orderTags()).isEqualTo(new OrderTags(AccountId.of("ACC-1"), 7001));
        assertThat(s.toString()).contains("account ACC-1, strategyTag 7001");
        assertThat(settings().orderTags()).isEqualTo(OrderTags.NONE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "strategyTag|abc|whole number from 1 to 99999",
            "strategyTag|0|whole number from 1 to 99999",
            "strategyTag|100000|whole number from 1 to 99999",
            "strategyTag|49|standard header tag",
            "strategyTag|57|standard header tag",
            "strategyTag|11|set by the adapter itself",
            "strategyTag|1|set by the adapter itself",
            "account|two words|AccountId"})
    void badValuesAreRefusedNamingTheKeyAndValue(String key, String value, String why) {
        assertThatThrownBy(() -> settings(key, value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + key + "'").hasMessageContaining(value).hasMessageContaining(why);
    }

    @Test
    void aStrategyTagAlsoGivenAsAFixedFieldIsRefused() {
        assertThatThrownBy(() -> settings("strategyTag", "7001", "fields.D.7001", "X"))
                .hasMessageContaining("'strategyTag'").hasMessageContaining("fields.D.7001");
    }
}
