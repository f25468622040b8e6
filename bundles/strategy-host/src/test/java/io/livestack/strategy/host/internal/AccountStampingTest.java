package io.livestack.strategy.host.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.event.Sequenced;
import io.livestack.api.event.TradeTick;
import io.livestack.api.intent.Intent;
import io.livestack.api.intent.SubmitOrder;
import io.livestack.api.model.AccountId;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.Side;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.VenueId;
import io.livestack.api.record.RiskRejectionRecord;
import io.livestack.api.risk.RejectReason;
import io.livestack.api.strategy.Strategy;
import io.livestack.testkit.SimpleState;
import io.livestack.testkit.TestContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The strategy host gives a strategy's new orders the account its configuration names. */
class AccountStampingTest {

    private static final VenueId SIM = VenueId.of("SIM");
    private static final InstrumentId BTC = InstrumentId.of("BTC-USD");

    private final TestContext ctx = new TestContext(new SimpleState(), "C", 1, 1_000_000_000L);
    private final List<Intent> sent = new ArrayList<>();
    private final StrategyHost host = new StrategyHost(HostSettings.DEFAULTS);

    /** Binds and starts a strategy that buys on every event, with the given service properties. */
    private void running(String id, Object... more) {
        Map<String, Object> p = new HashMap<>();
        p.put(Strategy.ID_PROPERTY, id);
        for (int i = 0; i < more.length; i += 2) {
            p.put((String) more[i], more[i + 1]);
        }
        ScriptedStrategy s = new ScriptedStrategy();
        s.onEvent = (e, c) -> c.submitLimit(SIM, BTC, Side.BUY, Fixed.of(100), Fixed.of(1));
        host.bindStrategy(s, p);
        assertThat(host.start(StrategyId.of(id), ctx).ok()).isTrue();
    }

    private void deliver(long seq) {
        ctx.at(seq, 1_000_000_000L + seq);
        host.onEvent(new Sequenced(seq, ctx.now(), new TradeTick(SIM, BTC, ctx.now(), Fixed.of(100), Fixed.of(1),
                Side.BUY)), ctx, sent::add);
    }

    @Test
    void aStrategysNewOrdersTradeForItsConfiguredAccount() {
        running("mm", "account", "ACC-7");

        deliver(1);

        assertThat(sent).singleElement().isInstanceOfSatisfying(SubmitOrder.class,
                o -> assertThat(o.account()).isEqualTo(AccountId.of("ACC-7")));
    }

    @Test
    void withoutAConfiguredAccountTheOrderIsLeftForTheChain() {
        running("mm");
        running("blank", "account", " ");

        deliver(1);

        assertThat(sent).hasSize(2).allSatisfy(i -> assertThat(((SubmitOrder) i).account()).isNull());
    }

    @Test
    void theConfiguredAccountOverridesOneTheOrderAlreadyHas() {
        IntentGate gate = new IntentGate(System::nanoTime);
        HostedStrategy hosted = new HostedStrategy(StrategyId.of("mm"), "test", false, new ScriptedStrategy(), gate,
                1, Map.of("account", "ACC-7"));
        hosted.lifecycle = Lifecycle.RUNNING;
        SubmitOrder own = new SubmitOrder(StrategyId.of("mm"), ClientOrderId.of("X1"), SIM, BTC, Side.SELL,
                io.livestack.api.model.OrderType.LIMIT, io.livestack.api.model.TimeInForce.DAY, Fixed.of(1),
                Fixed.of(1), AccountId.of("MINE"));

        gate.emit(hosted, own, ctx, sent::add);

        assertThat(((SubmitOrder) sent.get(0)).account()).isEqualTo(AccountId.of("ACC-7"));
    }

    @Test
    void anInvalidConfiguredAccountRefusesTheStrategysNewOrdersNamingTheKey() {
        running("mm", "account", "two words");

        deliver(1);

        assertThat(sent).isEmpty();
        assertThat(ctx.records(RiskRejectionRecord.class)).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RejectReason.STRATEGY_NOT_RUNNING);
            assertThat(r.detail()).contains("strategy mm", "account='two words'", "not a valid account");
        });
    }
}
