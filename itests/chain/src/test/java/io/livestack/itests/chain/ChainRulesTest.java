package io.livestack.itests.chain;

import static io.livestack.itests.chain.Scenario.BTC;
import static io.livestack.itests.chain.Scenario.SIM;
import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.event.Command;
import io.livestack.api.event.TimerOwner;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.model.VenueId;
import io.livestack.api.record.RiskRejectionRecord;
import io.livestack.api.risk.RejectReason;
import io.livestack.api.runtime.CommandResult;
import io.livestack.api.strategy.StrategyContext;
import io.livestack.testkit.RecordingSink;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each rule in one place, with the real stages: what a strategy asks for that the risk stage, execution control or the
 * strategy host owns is refused there, by name, recorded and told to the strategy — the chain itself checks only the
 * session.
 */
class ChainRulesTest {

    private static final StrategyId ME = StrategyId.of("scripted");
    private static final TimerOwner SELF = TimerOwner.strategy(ME);

    @TempDir
    Path temp;

    private long token;

    private LiveChain chain(ScriptedStrategy strategy, ScriptedVenue venue, RecordingSink sink) {
        LiveChain.Options o = new LiveChain.Options();
        o.stateDir = temp;
        o.venue = venue;
        o.sink = sink;
        o.risk = Map.of("maxOrderQuantity", "1000", "maxOrderNotional", "100000000", "maxPosition", "100000",
                "priceBandBps", "1000", "maxOpenOrders", "1000", "maxOrdersPerSecond", "1000",
                "maxCancelsPerSecond", "1000");
        o.strategy(strategy, ME.value(), "scripted");
        LiveChain chain = new LiveChain(o);
        venue.attach(chain.runtime);
        CommandResult started = chain.execute(new Command.StartSession());
        assertThat(started.ok()).as(started.message()).isTrue();
        chain.quiesce();
        return chain;
    }

    private void act(LiveChain chain, ScriptedStrategy strategy, Function<StrategyContext, ClientOrderId> action) {
        chain.publish(strategy.next(SELF, ++token, action));
        chain.quiesce();
    }

    private static Function<StrategyContext, ClientOrderId> limit(VenueId venue, InstrumentId instrument,
            String price, String quantity) {
        return c -> c.submit(venue, instrument, Side.BUY, OrderType.LIMIT, TimeInForce.DAY, Fixed.parse(price),
                Fixed.parse(quantity));
    }

    @Test
    void everyRefusalComesFromTheStageThatOwnsTheRuleWithItsName() {
        ScriptedStrategy strategy = new ScriptedStrategy();
        ScriptedVenue venue = new ScriptedVenue(SIM, Scenario.instruments());
        RecordingSink sink = new RecordingSink();
        try (LiveChain chain = chain(strategy, venue, sink)) {
            // an IOC order the venue fills at once: a closed order to replace
            act(chain, strategy, c -> c.submit(SIM, BTC, Side.BUY, OrderType.LIMIT, TimeInForce.IOC, Fixed.of(10),
                    Fixed.of(1)));
            ClientOrderId filled = strategy.emitted.get(0);
            String state = LiveChain.await(chain.runtime.query(s -> s.order(filled).status().name()), "the order");
            assertThat(state).isEqualTo(OrderStatus.FILLED.name());
            int venueCalls = venue.calls().size();

            act(chain, strategy, limit(SIM, BTC, "10", "0"));                              // risk
            act(chain, strategy, limit(SIM, BTC, "0", "5"));                               // risk
            act(chain, strategy, limit(VenueId.of("NOPE"), BTC, "10", "5"));               // execution control
            act(chain, strategy, limit(SIM, InstrumentId.of("DOGE-USD"), "10", "5"));      // execution control
            act(chain, strategy, c -> {
                c.cancel(ClientOrderId.of("UNKNOWN"));                                     // execution control
                return null;
            });
            act(chain, strategy, c -> {
                c.replace(filled, Fixed.of(10), Fixed.of(5));                              // execution control
                return null;
            });

            List<RejectReason> expected = List.of(RejectReason.INVALID_QUANTITY, RejectReason.INVALID_PRICE,
                    RejectReason.UNKNOWN_VENUE, RejectReason.UNKNOWN_INSTRUMENT, RejectReason.UNKNOWN_ORDER,
                    RejectReason.ORDER_NOT_OPEN);
            assertThat(ChainDeterminismTest.of(sink.records(), RiskRejectionRecord.class))
                    .extracting(RiskRejectionRecord::reason).containsExactlyElementsOf(expected);
            assertThat(strategy.rejections).as("told to the strategy").containsExactlyElementsOf(expected);
            assertThat(venue.calls()).as("nothing refused reached the venue").hasSize(venueCalls);
            Map<String, Long> counters = chain.runtime.counters();
            assertThat(counters).containsEntry("rejections.INVALID_QUANTITY", 1L)
                    .containsEntry("rejections.ORDER_NOT_OPEN", 1L).containsEntry("rejections.MAX_POSITION", 0L)
                    .containsEntry("intents.rejected", 6L);
        }
    }

    @Test
    void aStrategyThatIsNotRunningIsRefusedByTheHost() {
        ScriptedStrategy strategy = new ScriptedStrategy();
        ScriptedVenue venue = new ScriptedVenue(SIM, Scenario.instruments());
        RecordingSink sink = new RecordingSink();
        try (LiveChain chain = chain(strategy, venue, sink)) {
            strategy.onStop = limit(SIM, BTC, "10", "1"); // a new order while stopping: only cancels pass
            CommandResult stopped = chain.execute(new Command.StopStrategy(ME));
            assertThat(stopped.ok()).as(stopped.message()).isTrue();
            chain.quiesce();

            assertThat(ChainDeterminismTest.of(sink.records(), RiskRejectionRecord.class)).singleElement()
                    .satisfies(r -> {
                        assertThat(r.reason()).isEqualTo(RejectReason.STRATEGY_NOT_RUNNING);
                        assertThat(r.intent().strategy()).isEqualTo(ME);
                    });
        }
    }
}
