package io.livestack.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

import io.livestack.api.event.Command;
import io.livestack.api.intent.Intent;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.SessionState;
import io.livestack.api.model.Side;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.model.TradingScope;
import io.livestack.api.model.TradingState;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.risk.RejectReason;
import io.livestack.api.runtime.CommandResult;
import io.livestack.api.runtime.ExecutionStage;
import io.livestack.api.runtime.LiveRuntime;
import io.livestack.api.runtime.RuntimeStatus;
import io.livestack.api.state.OrderView;
import io.livestack.testkit.Await;
import io.livestack.itests.support.LivestackTestSupport;
import io.livestack.itests.support.RecordsDatabase;
import io.livestack.itests.support.RuntimeDriver;

/**
 * The kill switch and fail-closed behaviour of the real distribution (demo configuration: venue SIM, the sample
 * market maker quoting BTC-USD there), driven through the {@link LiveRuntime} service:
 * <ul>
 * <li>Kill: every open order (the market maker's quotes and manual orders resting far from the market) is cancelled
 * at the venue, global trading is HALTED with the kill switch engaged; manual and strategy orders are refused with
 * TRADING_HALTED (the command's answer and the persisted RiskRejectionRecords) and no order is created while halted;
 * Resume lets manual and strategy orders flow again.</li>
 * <li>Fail closed: with the risk bundle stopped a new order is refused with RISK_UNAVAILABLE while a cancel still
 * goes to the venue; with risk started again orders are accepted.</li>
 * </ul>
 * One Karaf for the class; each test leaves the stack as it found it (kill switch released, risk bundle active).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class KillSwitchIT extends LivestackTestSupport {

    static final VenueId SIM = VenueId.of("SIM");
    static final InstrumentId BTC = InstrumentId.of("BTC-USD");
    static final StrategyId MM = StrategyId.of("mm-sim");
    static final String RISK_BUNDLE = "io.livestack.risk";
    static final long TICK = Fixed.parse("0.01");
    static final long QTY = Fixed.parse("0.01");
    static final Duration WAIT = Await.DEFAULT_TIMEOUT;

    @Inject
    private LiveRuntime runtime;

    @Inject
    private ExecutionStage execution;

    private RuntimeDriver chain;
    private RecordsDatabase records;
    /** Manual orders a test placed: cancelled after it if still open. */
    private final List<ClientOrderId> manualOrders = new ArrayList<>();

    /** Alone on the machine's ports: another Karaf may run the demo FIX simulator on its 9878. */
    @Override
    protected Option[] extraOptions() {
        return fixSimulatorOnFreePort();
    }

    @Before
    public void stackIsTrading() {
        chain = new RuntimeDriver(runtime, "itest");
        records = RecordsDatabase.open(bundleContext);
        restoreStack();
        Await.value("session RUNNING", WAIT, () -> runtime.status().session(), s -> s == SessionState.RUNNING);
        Await.value("SIM LOGGED_ON", WAIT, () -> chain.venueState(SIM), s -> s == VenueSessionState.LOGGED_ON);
        Await.value("a two-sided BTC-USD book at SIM", WAIT, () -> chain.bidAsk(SIM, BTC), b -> b != null);
    }

    @After
    public void leaveTheStackAsFound() {
        restoreStack();
        for (ClientOrderId id : manualOrders) {
            OrderView o = chain.order(id);
            if (o != null && o.isOpen() && o.status() != OrderStatus.PENDING_CANCEL) {
                chain.cancel(id);
            }
        }
    }

    /** Risk bundle active and the kill switch released, whatever a failed test left behind. */
    private void restoreStack() {
        Bundle risk = bundle(RISK_BUNDLE);
        if (risk != null && risk.getState() != Bundle.ACTIVE) {
            try {
                risk.start();
            } catch (Exception e) {
                throw new AssertionError("cannot start " + RISK_BUNDLE, e);
            }
        }
        Await.until("risk stage bound", WAIT, () -> Boolean.TRUE.equals(runtime.status().stages().get("risk")));
        if (execution.killSwitchEngaged()) {
            chain.executeOk(new Command.Resume());
        }
    }

    @Test
    public void killCancelsEveryOpenOrderHaltsTradingUntilResume() {
        // open orders resting at SIM: two manual ones far from the market, and the market maker's quotes
        long[] bidAsk = chain.bidAsk(SIM, BTC);
        ClientOrderId lowBuy = placeManual(Side.BUY, RuntimeDriver.scaled(bidAsk[0], "0.97", TICK));
        ClientOrderId highSell = placeManual(Side.SELL, RuntimeDriver.scaled(bidAsk[1], "1.03", TICK) + TICK);
        awaitAcknowledged(lowBuy);
        awaitAcknowledged(highSell);
        Await.value("the market maker has an acknowledged quote resting at SIM", WAIT, chain::openOrders,
                open -> open.stream().anyMatch(o -> o.strategy().equals(MM) && o.venueOrderId() != null));
        List<OrderView> openBeforeKill = chain.openOrders();
        long haltedRefusalsBefore = runtime.counters().getOrDefault("rejections.TRADING_HALTED", 0L);

        // kill
        CommandResult kill = chain.executeOk(new Command.Kill("itest kill switch"));
        assertTrue("kill answers what it did: " + kill.message(), kill.message().contains("kill switch engaged"));
        assertTrue("kill switch engaged", execution.killSwitchEngaged());
        assertEquals(TradingState.HALTED, execution.tradingState(TradingScope.GLOBAL));
        assertEquals("every strategy is halted with it", TradingState.HALTED,
                execution.tradingState(TradingScope.strategy(MM)));
        RuntimeStatus status = runtime.status();
        assertTrue("status shows the kill switch", status.killSwitchEngaged());
        assertEquals(TradingState.HALTED, status.globalTradingState());
        long killSeq = Await.value("the kill recorded as an operator action", WAIT,
                () -> records.lastOperatorAction("kill"), seq -> seq > 0);

        // every order that was open is cancelled at the venue (a quote may have been filled just before)
        Set<ClientOrderId> handles = openBeforeKill.stream().map(OrderView::clientOrderId).collect(Collectors.toSet());
        List<OrderView> after = Await.value("every order open at the kill CANCELED", WAIT,
                () -> chain.orders().stream().filter(o -> handles.contains(o.clientOrderId()))
                        .collect(Collectors.toList()),
                orders -> orders.size() == handles.size() && orders.stream().allMatch(o -> o.status().isTerminal()));
        for (OrderView o : after) {
            // a strategy's order may have traded in full before the cancel reached the venue; ours rest far away
            boolean filledFirst = o.status() == OrderStatus.FILLED && !o.strategy().equals(Intent.MANUAL);
            assertTrue("canceled by the kill switch: " + o, o.status() == OrderStatus.CANCELED || filledFirst);
        }
        assertEquals(OrderStatus.CANCELED, chain.order(lowBuy).status());
        assertEquals(OrderStatus.CANCELED, chain.order(highSell).status());
        Await.value("no open order while the kill switch is engaged", WAIT, chain::openOrderCount, n -> n == 0);

        // a manual order is refused: TRADING_HALTED, answered and recorded
        CommandResult refused = chain.submit(SIM, BTC, Side.BUY, OrderType.LIMIT,
                TimeInForce.GTC, RuntimeDriver.scaled(bidAsk[0], "0.97", TICK), QTY);
        assertFalse("a manual order is refused while HALTED", refused.ok());
        assertTrue("refused with TRADING_HALTED: " + refused.message(),
                refused.message().startsWith(RejectReason.TRADING_HALTED.name()));
        assertTrue("the refusal is counted", runtime.counters().get("rejections.TRADING_HALTED") > haltedRefusalsBefore);
        Await.value("the manual refusal recorded as a TRADING_HALTED RiskRejectionRecord", WAIT,
                () -> records.rejectionsAfter(killSeq),
                rows -> rows.stream().anyMatch(r -> r.strategy().equals("manual")
                        && r.reason().equals(RejectReason.TRADING_HALTED.name())));

        // the market maker keeps trying to quote: refused the same way, and no order is created while halted
        Await.value("the market maker's new quotes refused with TRADING_HALTED", WAIT,
                () -> records.rejectionsAfter(killSeq),
                rows -> rows.stream().anyMatch(r -> r.strategy().equals(MM.value())
                        && r.reason().equals(RejectReason.TRADING_HALTED.name())));
        List<OrderView> createdWhileHalted = chain.orders().stream().filter(o -> o.createdSeq() > killSeq)
                .collect(Collectors.toList());
        assertEquals("no order created while halted: " + RuntimeDriver.describe(createdWhileHalted), 0,
                createdWhileHalted.size());
        assertEquals(0, chain.openOrderCount());
        assertTrue("still engaged", execution.killSwitchEngaged());
        CommandResult notActive = chain.execute(new Command.SetTradingState(TradingScope.GLOBAL, TradingState.ACTIVE));
        assertFalse("global ACTIVE is refused while the kill switch is engaged: " + notActive, notActive.ok());
        assertEquals(TradingState.HALTED, execution.tradingState(TradingScope.GLOBAL));

        // resume: orders flow again, manual and the strategies'
        CommandResult resume = chain.executeOk(new Command.Resume());
        assertTrue(resume.message(), resume.message().contains("ACTIVE"));
        assertFalse("kill switch released", execution.killSwitchEngaged());
        assertEquals(TradingState.ACTIVE, execution.tradingState(TradingScope.GLOBAL));
        assertFalse(runtime.status().killSwitchEngaged());
        long resumeSeq = Await.value("the resume recorded as an operator action", WAIT,
                () -> records.lastOperatorAction("resume"), seq -> seq > killSeq);

        ClientOrderId again = placeManual(Side.BUY, RuntimeDriver.scaled(chain.bidAsk(SIM, BTC)[0], "0.97", TICK));
        OrderView acked = awaitAcknowledged(again);
        assertTrue("created after the resume", acked.createdSeq() > resumeSeq);
        Await.value("the market maker quotes again after the resume (acknowledged at SIM)", WAIT, chain::orders,
                orders -> orders.stream().anyMatch(o -> o.strategy().equals(MM) && o.createdSeq() > resumeSeq
                        && o.venueOrderId() != null));
        assertEquals(OrderStatus.NEW, chain.order(again).status());
        chain.cancel(again);
        Await.value("manual order canceled", WAIT, () -> chain.order(again).status(), s -> s == OrderStatus.CANCELED);
    }

    @Test
    public void withoutTheRiskStageNewOrdersAreRefusedButCancelsStillGo() throws Exception {
        long[] bidAsk = chain.bidAsk(SIM, BTC);
        long farBid = RuntimeDriver.scaled(bidAsk[0], "0.97", TICK);
        ClientOrderId resting = placeManual(Side.BUY, farBid);
        awaitAcknowledged(resting);
        long before = runtime.status().lastSeq();

        Bundle risk = bundle(RISK_BUNDLE);
        assertNotNull(RISK_BUNDLE + " installed", risk);
        risk.stop();
        try {
            Await.until("the runtime sees the risk stage gone", WAIT,
                    () -> Boolean.FALSE.equals(runtime.status().stages().get("risk")));

            CommandResult refused = chain.submit(SIM, BTC, Side.BUY, OrderType.LIMIT,
                    TimeInForce.GTC, farBid, QTY);
            assertFalse("no new order without the risk stage", refused.ok());
            assertTrue("refused with RISK_UNAVAILABLE: " + refused.message(),
                    refused.message().startsWith(RejectReason.RISK_UNAVAILABLE.name()));
            Await.value("the refusal recorded as a RISK_UNAVAILABLE RiskRejectionRecord", WAIT,
                    () -> records.rejectionsAfter(before),
                    rows -> rows.stream().anyMatch(r -> r.strategy().equals("manual")
                            && r.reason().equals(RejectReason.RISK_UNAVAILABLE.name())));

            CommandResult cancel = chain.cancel(resting);
            assertTrue("a cancel still goes without the risk stage: " + cancel.message(), cancel.ok());
            Await.value("the resting order canceled at SIM without the risk stage", WAIT,
                    () -> chain.order(resting).status(), s -> s == OrderStatus.CANCELED);
        } finally {
            risk.start();
        }
        Await.until("the runtime sees the risk stage back", WAIT,
                () -> Boolean.TRUE.equals(runtime.status().stages().get("risk")));
        Await.value("the risk bundle's components ready again", WAIT, () -> componentProblems(List.of(risk)),
                List::isEmpty);

        ClientOrderId accepted = placeManual(Side.BUY, RuntimeDriver.scaled(chain.bidAsk(SIM, BTC)[0], "0.97", TICK));
        awaitAcknowledged(accepted);
        chain.cancel(accepted);
        Await.value("manual order canceled", WAIT, () -> chain.order(accepted).status(),
                s -> s == OrderStatus.CANCELED);
        Map<String, Boolean> stages = runtime.status().stages();
        assertEquals("every stage bound again: " + stages, Boolean.TRUE, stages.get("execution"));
    }

    // ------------------------------------------------------------------------------------------ helpers

    private ClientOrderId placeManual(Side side, long price) {
        ClientOrderId id = chain.submitOk(SIM, BTC, side, TimeInForce.GTC, price, QTY);
        manualOrders.add(id);
        return id;
    }

    private OrderView awaitAcknowledged(ClientOrderId id) {
        return Await.value("manual order " + id + " acknowledged (NEW) at SIM", WAIT, () -> chain.order(id),
                o -> o != null && o.status() == OrderStatus.NEW && o.venueOrderId() != null);
    }
}
