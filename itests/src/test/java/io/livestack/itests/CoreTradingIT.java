package io.livestack.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecId;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.SessionState;
import io.livestack.api.model.Side;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.TradingScope;
import io.livestack.api.model.TradingState;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.record.FillRecord;
import io.livestack.api.runtime.ExecutionStage;
import io.livestack.api.runtime.LiveRuntime;
import io.livestack.api.runtime.StrategyHostStage;
import io.livestack.api.runtime.StrategyInfo;
import io.livestack.api.state.OrderView;
import io.livestack.api.state.PositionView;
import io.livestack.testkit.Await;
import io.livestack.itests.support.LivestackTestSupport;
import io.livestack.itests.support.RuntimeDriver;

/**
 * The Core Runtime in the real distribution with its demo configuration: the chain's components are all up, the
 * session RUNNING, venue SIM (venue-sim) LOGGED_ON, and the sample strategies (market maker mm-sim, momentum taker
 * mom-sim) really trade there: orders acknowledged by the venue, fills, positions that move. A manual order goes the
 * same way (risk, execution, venue, fill, position). Observed through the {@link LiveRuntime} service. One Karaf for
 * the class; the tests only add a manual round trip (buy, then sell the same quantity back).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CoreTradingIT extends LivestackTestSupport {

    static final VenueId SIM = VenueId.of("SIM");
    static final InstrumentId BTC = InstrumentId.of("BTC-USD");
    static final StrategyId MM = StrategyId.of("mm-sim");
    static final StrategyId MOMENTUM = StrategyId.of("mom-sim");
    static final VenueId FIXSIM = VenueId.of("FIXSIM");
    /** The demo's momentum taker on FIXSIM (etc/livestack.strategy.momentum-mom-fix.cfg), trading over FIX. */
    static final StrategyId FIX_MOMENTUM = StrategyId.of("mom-fix");
    static final Set<StrategyId> SAMPLES = Set.of(MM, MOMENTUM);
    static final long QTY = Fixed.parse("0.01");
    /** maxPosition of etc/livestack.strategy.marketmaker-mm-sim.cfg. */
    static final long MM_MAX_POSITION = Fixed.parse("0.05");
    static final Duration WAIT = Await.DEFAULT_TIMEOUT;
    /** Filling the sample strategies' quotes takes the random walk a while: give it longer than a plain wait. */
    static final Duration TRADING_WAIT = Duration.ofMinutes(2);

    /** The chain's DS components (bundle symbolic name, component name) and how many configurations each has. */
    static final Map<String, Integer> CHAIN_COMPONENTS = Map.of(
            "io.livestack.runtime:io.livestack.runtime.internal.RuntimeComponent", 1,
            "io.livestack.state:io.livestack.state.internal.InMemoryStateStore", 1,
            "io.livestack.risk:io.livestack.risk.internal.RiskStageComponent", 1,
            "io.livestack.execution:io.livestack.execution.internal.ExecutionStageComponent", 1,
            "io.livestack.strategy.host:livestack.strategy.host", 1,
            "io.livestack.venue.sim:livestack.venue.sim", 1,
            "io.livestack.strategies.examples:livestack.strategy.marketmaker", 1,
            "io.livestack.strategies.examples:livestack.strategy.momentum", 2);

    @Inject
    private LiveRuntime runtime;

    @Inject
    private ExecutionStage execution;

    @Inject
    private StrategyHostStage host;

    @Inject
    private ServiceComponentRuntime scr;

    private RuntimeDriver chain;

    /**
     * Alone on the machine's ports: another Karaf may run the demo FIX simulator on its 9878. The demo's FIX strategy
     * trades, as in the demo.
     */
    @Override
    protected Option[] extraOptions() {
        return OptionUtils.combine(fixSimulatorOnFreePort(), fixDemoStrategy());
    }

    @Before
    public void driver() {
        chain = new RuntimeDriver(runtime, "itest");
    }

    @Test
    public void everyLivestackComponentIsSatisfiedAndEveryStageIsBound() {
        List<Bundle> bundles = livestackBundles();
        Await.value("every io.livestack bundle ACTIVE", WAIT, () -> notActive(bundles), List::isEmpty);
        Await.value("every DS component of the io.livestack bundles SATISFIED or ACTIVE", WAIT,
                () -> componentProblems(bundles), List::isEmpty);

        // configuration-required components count as "fine" above without configuration: the demo configures them
        Map<String, Integer> found = Await.value("the chain's components configured and ready", WAIT,
                () -> readyConfigurations(bundles), ready -> ready.entrySet().containsAll(CHAIN_COMPONENTS.entrySet()));
        assertTrue(found.toString(), found.entrySet().containsAll(CHAIN_COMPONENTS.entrySet()));

        Map<String, Boolean> stages = Await.value("every stage bound to the runtime", WAIT, () -> runtime.status().stages(),
                s -> s.keySet().containsAll(List.of("state", "strategy-host", "risk", "execution", "venue:SIM"))
                        && !s.containsValue(Boolean.FALSE));
        assertEquals(Boolean.TRUE, stages.get("venue:SIM"));
        // the demo journals: the records are durable in the journal and storage follows it, no sink stage to wait for
        assertFalse(stages.toString(), stages.containsKey("record-sink"));
        assertTrue(runtime.status().journal(), runtime.status().journal().startsWith("appending"));
    }

    @Test
    public void theSessionRunsWithSimLoggedOnAndTheSampleStrategiesStarted() {
        Await.value("session RUNNING", WAIT, () -> runtime.status().session(), s -> s == SessionState.RUNNING);
        Await.value("SIM LOGGED_ON", WAIT, () -> chain.venueState(SIM), s -> s == VenueSessionState.LOGGED_ON);
        long[] bidAsk = Await.value("a two-sided BTC-USD book from SIM", WAIT, () -> chain.bidAsk(SIM, BTC),
                b -> b != null);
        assertTrue("bid below ask: " + Arrays.toString(bidAsk), bidAsk[0] > 0 && bidAsk[0] < bidAsk[1]);

        List<StrategyInfo> strategies = Await.value("mm-sim and mom-sim running", WAIT, host::strategies,
                list -> list.stream().filter(s -> SAMPLES.contains(s.id()) && s.running()).count() == 2);
        for (StrategyInfo s : strategies) {
            if (SAMPLES.contains(s.id())) {
                assertEquals(s.id() + " has no faults: " + s.lastFault(), 0, s.faults());
            }
        }
        assertFalse("kill switch not engaged", execution.killSwitchEngaged());
        assertEquals(TradingState.ACTIVE, execution.tradingState(TradingScope.GLOBAL));
        assertEquals(TradingState.ACTIVE, runtime.status().globalTradingState());
    }

    @Test
    public void theMarketMakerQuotesBothSidesAndTheVenueAcknowledgesItsOrders() {
        // both sides, unless the BTC-USD position sits at the market maker's limit (it then quotes one side only)
        List<OrderView> quotes = Await.value("mm-sim has an acknowledged bid and ask resting at SIM", TRADING_WAIT,
                () -> chain.query(v -> {
                    List<OrderView> acked = v.openOrders().stream()
                            .filter(o -> o.strategy().equals(MM) && o.venueOrderId() != null)
                            .collect(Collectors.toList());
                    boolean atLimit = Math.abs(v.position(BTC).netQuantity()) >= MM_MAX_POSITION;
                    boolean bothSides = acked.stream().anyMatch(o -> o.side() == Side.BUY)
                            && acked.stream().anyMatch(o -> o.side() == Side.SELL);
                    return bothSides || (atLimit && !acked.isEmpty()) ? acked : List.<OrderView>of();
                }),
                acked -> !acked.isEmpty());
        for (OrderView q : quotes) {
            assertEquals(SIM, q.venue());
            assertEquals(BTC, q.instrument());
            assertEquals(OrderType.LIMIT, q.type());
            assertTrue("a quote is live at the venue: " + q, q.status() == OrderStatus.NEW
                    || q.status() == OrderStatus.PARTIALLY_FILLED || q.status() == OrderStatus.PENDING_REPLACE
                    || q.status() == OrderStatus.PENDING_CANCEL);
        }
        long bid = quotes.stream().filter(o -> o.side() == Side.BUY).mapToLong(OrderView::price).max().orElse(0);
        long ask = quotes.stream().filter(o -> o.side() == Side.SELL).mapToLong(OrderView::price).min()
                .orElse(Long.MAX_VALUE);
        assertTrue("the market maker's bid " + Fixed.format(bid) + " is below its ask " + Fixed.format(ask), bid < ask);
    }

    @Test
    public void theSampleStrategiesGetFillsAndThePositionMoves() {
        Set<ExecId> seen = chain.query(v -> v.recentFills(1000)).stream().map(FillRecord::execId)
                .collect(Collectors.toSet());
        PositionView start = chain.position(BTC);

        List<FillRecord> fills = Await.value("new fills of the sample strategies at SIM", TRADING_WAIT,
                () -> chain.query(v -> v.recentFills(1000)).stream()
                        .filter(f -> !seen.contains(f.execId()) && f.strategy() != null
                                && SAMPLES.contains(f.strategy()))
                        .collect(Collectors.toList()),
                list -> !list.isEmpty());
        for (FillRecord f : fills) {
            assertEquals(SIM, f.venue());
            assertEquals(BTC, f.instrument());
            assertTrue("fill quantity positive: " + f, f.quantity() > 0);
            OrderView order = chain.order(f.clientOrderId());
            assertNotNull("the filled order is known: " + f, order);
            assertEquals("the fill belongs to its order's strategy", order.strategy(), f.strategy());
            assertTrue("the order shows the fill: " + order, order.filledQuantity() >= f.quantity());
            assertNotNull("the venue acknowledged the filled order: " + order, order.venueOrderId());
        }

        PositionView now = Await.value("the BTC-USD position moved with the fills", WAIT, () -> chain.position(BTC),
                p -> p.boughtQuantity() + p.soldQuantity() > start.boughtQuantity() + start.soldQuantity());
        assertEquals("net = bought - sold: " + now, now.boughtQuantity() - now.soldQuantity(), now.netQuantity());
        assertTrue("updated by a later event: " + now, now.updatedSeq() > start.updatedSeq());
    }

    /**
     * The demo trades over FIX too: mom-fix's IOC orders go to the bundled FIX exchange simulator as NewOrderSingle,
     * the simulator acknowledges and fills them, and the fills are booked to the strategy and its account, within the
     * minute the README promises (measured from the venue's logon; the wait allows two for a slow CI machine).
     */
    @Test
    public void theDemoStrategyOnFixsimGetsFillsOverFix() {
        Await.value("FIXSIM LOGGED_ON", WAIT, () -> chain.venueState(FIXSIM), s -> s == VenueSessionState.LOGGED_ON);
        Await.value("mom-fix running", WAIT, host::strategies,
                list -> list.stream().anyMatch(s -> s.id().equals(FIX_MOMENTUM) && s.running()));
        long loggedOn = System.nanoTime();
        List<FillRecord> fills = Await.value("fills of mom-fix at FIXSIM", TRADING_WAIT,
                () -> chain.query(v -> v.recentFills(1000)).stream()
                        .filter(f -> FIX_MOMENTUM.equals(f.strategy())).collect(Collectors.toList()),
                list -> !list.isEmpty());
        System.out.printf("first FIX fill of the demo %d ms after FIXSIM's logon was seen%n",
                (System.nanoTime() - loggedOn) / 1_000_000);
        for (FillRecord f : fills) {
            assertEquals(FIXSIM, f.venue());
            assertEquals(BTC, f.instrument());
            assertEquals("DEMO-FIX", f.account().value());
            OrderView order = chain.order(f.clientOrderId());
            assertNotNull("the filled order is known: " + f, order);
            assertNotNull("the simulator acknowledged the order over FIX: " + order, order.venueOrderId());
            assertEquals(FIX_MOMENTUM, order.strategy());
        }
        StrategyInfo info = host.strategies().stream().filter(s -> s.id().equals(FIX_MOMENTUM)).findFirst()
                .orElseThrow();
        assertEquals(FIX_MOMENTUM + " has no faults: " + info.lastFault(), 0, info.faults());
    }

    @Test
    public void aManualMarketableOrderIsFilledAndBookedInThePosition() {
        PositionView start = chain.position(BTC);
        OrderView buy = chain.fillManualIoc(SIM, BTC, Side.BUY, QTY, WAIT);
        assertEquals(Fixed.format(QTY), Fixed.format(buy.filledQuantity()));
        assertEquals(StrategyId.of("manual"), buy.strategy());
        assertNotNull("acknowledged by the venue", buy.venueOrderId());
        List<FillRecord> buyFills = fillsOf(buy.clientOrderId());
        assertEquals("the fills add up to the order", QTY, buyFills.stream().mapToLong(FillRecord::quantity).sum());
        assertTrue(buyFills.stream().allMatch(f -> f.side() == Side.BUY && f.venue().equals(SIM)));
        PositionView afterBuy = chain.position(BTC);
        assertTrue("bought quantity grew by the fill: " + start + " -> " + afterBuy,
                afterBuy.boughtQuantity() - start.boughtQuantity() >= QTY);

        OrderView sell = chain.fillManualIoc(SIM, BTC, Side.SELL, QTY, WAIT);
        assertEquals(Fixed.format(QTY), Fixed.format(sell.filledQuantity()));
        PositionView afterSell = chain.position(BTC);
        assertTrue("sold quantity grew by the fill: " + afterBuy + " -> " + afterSell,
                afterSell.soldQuantity() - afterBuy.soldQuantity() >= QTY);
        assertEquals("net = bought - sold: " + afterSell, afterSell.boughtQuantity() - afterSell.soldQuantity(),
                afterSell.netQuantity());
    }

    // ------------------------------------------------------------------------------------------ helpers

    private List<FillRecord> fillsOf(ClientOrderId order) {
        return chain.query(v -> v.recentFills(1000)).stream().filter(f -> order.equals(f.clientOrderId()))
                .collect(Collectors.toList());
    }

    /** "bsn:component name" to the number of its configurations that are SATISFIED or ACTIVE. */
    private Map<String, Integer> readyConfigurations(List<Bundle> bundles) {
        Map<String, Integer> ready = new TreeMap<>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(bundles.toArray(new Bundle[0]))) {
            int n = 0;
            for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                if (c.state == ComponentConfigurationDTO.ACTIVE || c.state == ComponentConfigurationDTO.SATISFIED) {
                    n++;
                }
            }
            ready.merge(d.bundle.symbolicName + ":" + d.name, n, Integer::sum);
        }
        return ready;
    }
}
