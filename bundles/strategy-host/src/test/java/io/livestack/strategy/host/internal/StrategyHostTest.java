package io.livestack.strategy.host.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livestack.api.event.Command;
import io.livestack.api.event.OperatorCommand;
import io.livestack.api.event.Sequenced;
import io.livestack.api.event.TimerEvent;
import io.livestack.api.event.TimerOwner;
import io.livestack.api.event.TradeTick;
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
import io.livestack.api.record.MetadataRecord;
import io.livestack.api.risk.RejectReason;
import io.livestack.api.runtime.CommandResult;
import io.livestack.api.runtime.StrategyInfo;
import io.livestack.api.state.OrderView;
import io.livestack.api.strategy.Strategy;
import io.livestack.testkit.SimpleState;
import io.livestack.testkit.TestContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StrategyHostTest {

    private static final VenueId SIM = VenueId.of("SIM");
    private static final InstrumentId BTC = InstrumentId.of("BTC-USD");

    private final TestContext ctx = new TestContext(new SimpleState(), "C", 1, 1_000_000_000L);
    private final List<Intent> sent = new ArrayList<>();
    private final Consumer<Intent> loop = sent::add;
    private StrategyHost host;

    @BeforeEach
    void setUp() {
        host = new StrategyHost(HostSettings.DEFAULTS);
    }

    private static Map<String, Object> props(String id, Object... more) {
        Map<String, Object> p = new HashMap<>();
        p.put(Strategy.ID_PROPERTY, id);
        for (int i = 0; i < more.length; i += 2) {
            p.put((String) more[i], more[i + 1]);
        }
        return p;
    }

    private ScriptedStrategy bind(String id, Object... more) {
        ScriptedStrategy s = new ScriptedStrategy();
        host.bindStrategy(s, props(id, more));
        return s;
    }

    private Sequenced trade(long seq) {
        ctx.at(seq, 1_000_000_000L + seq);
        return new Sequenced(seq, ctx.now(), new TradeTick(SIM, BTC, ctx.now(), Fixed.of(100), Fixed.of(1), Side.BUY));
    }

    private void deliver(long seq) {
        host.onEvent(trade(seq), ctx, loop);
    }

    private CommandResult start(String id) {
        return host.start(StrategyId.of(id), ctx);
    }

    private StrategyInfo info(String id) {
        return host.strategies().stream().filter(i -> i.id().value().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void feedsRunningStrategiesInStrategyIdOrderWhateverTheBindOrder() {
        List<String> order = new ArrayList<>();
        ScriptedStrategy b = bind("b");
        ScriptedStrategy a = bind("a");
        a.onEvent = (e, c) -> order.add("a");
        b.onEvent = (e, c) -> order.add("b");
        assertThat(start("b").ok()).isTrue();
        assertThat(start("a").ok()).isTrue();

        deliver(1);
        deliver(2);

        assertThat(order).containsExactly("a", "b", "a", "b");
    }

    @Test
    void doesNotFeedStrategiesThatAreNotRunning() {
        ScriptedStrategy idle = bind("idle");
        ScriptedStrategy busy = bind("busy");
        start("busy");

        deliver(1);

        assertThat(idle.events).isEmpty();
        assertThat(busy.events).extracting(Sequenced::seq).containsExactly(1L);
    }

    @Test
    void doesNotFeedOperatorCommands() {
        ScriptedStrategy s = bind("s");
        start("s");
        host.onEvent(new Sequenced(1, 1, new OperatorCommand(1, "alice", new Command.Resume())), ctx, loop);
        assertThat(s.events).isEmpty();
    }

    @Test
    void submitBuildsTheIntentWithTheNextClientOrderIdAndPassesItToTheLoop() {
        ScriptedStrategy s = bind("mm");
        List<ClientOrderId> handles = new ArrayList<>();
        s.onEvent = (e, c) -> handles.add(c.submit(SIM, BTC, Side.BUY, OrderType.LIMIT, TimeInForce.GTC,
                Fixed.of(99), Fixed.parse("0.5")));
        start("mm");

        deliver(1);

        assertThat(handles).containsExactly(ClientOrderId.of("C1"));
        assertThat(sent).containsExactly(new SubmitOrder(StrategyId.of("mm"), ClientOrderId.of("C1"), SIM, BTC,
                Side.BUY, OrderType.LIMIT, TimeInForce.GTC, Fixed.of(99), Fixed.parse("0.5")));
        assertThat(info("mm").intents()).isEqualTo(1);
    }

    @Test
    void cancelAndReplaceNameTheOrderHandleAndTheStrategy() {
        ScriptedStrategy s = bind("mm");
        s.onEvent = (e, c) -> {
            c.replace(ClientOrderId.of("H1"), Fixed.of(101), Fixed.of(2));
            c.cancel(ClientOrderId.of("H1"));
        };
        start("mm");
        deliver(1);
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0)).isEqualTo(new io.livestack.api.intent.ReplaceOrder(StrategyId.of("mm"),
                ClientOrderId.of("H1"), Fixed.of(101), Fixed.of(2)));
        assertThat(sent.get(1)).isEqualTo(new CancelOrder(StrategyId.of("mm"), ClientOrderId.of("H1")));
    }

    @Test
    void contextGivesEventTimeAndOnlyTheStrategysOwnOpenOrders() {
        ctx.state.putOrder(order("O1", "mm", OrderStatus.NEW));
        ctx.state.putOrder(order("O2", "other", OrderStatus.NEW));
        ctx.state.putOrder(order("O3", "mm", OrderStatus.FILLED));
        ScriptedStrategy s = bind("mm");
        List<Object> seen = new ArrayList<>();
        s.onEvent = (e, c) -> {
            seen.add(c.now());
            seen.add(c.openOrders().stream().map(o -> o.clientOrderId().value()).toList());
            seen.add(c.state() == ctx.state()); // the chain's read-only view, as the chain gave it
            seen.add(c.strategyId());
        };
        start("mm");
        deliver(7);
        assertThat(seen).containsExactly(1_000_000_007L, List.of("O1"), true, StrategyId.of("mm"));
    }

    @Test
    void timersAreScheduledUnderTheStrategyIdAndDeliveredOnlyToTheirOwner() {
        ScriptedStrategy owner = bind("owner");
        ScriptedStrategy other = bind("other");
        owner.onEvent = (e, c) -> {
            if (e.event() instanceof TradeTick) {
                c.scheduleTimer(c.now() + 5_000, 42);
            }
        };
        start("owner");
        start("other");
        deliver(1);
        assertThat(ctx.timers).containsExactly(new TestContext.Timer(TimerOwner.strategy(StrategyId.of("owner")),
                1_000_000_001L + 5_000, 42));

        host.onEvent(new Sequenced(2, 2, new TimerEvent(1_000_005_001L, TimerOwner.strategy(StrategyId.of("owner")),
                42)), ctx, loop);
        host.onEvent(new Sequenced(3, 3, new TimerEvent(1_000_005_001L, TimerOwner.SESSION, 1)), ctx, loop);

        assertThat(owner.events).extracting(Sequenced::seq).containsExactly(1L, 2L);
        assertThat(other.events).extracting(Sequenced::seq).containsExactly(1L);
    }

    @Test
    void containsAnExceptionRecordsItAsAFaultAndKeepsFeedingTheOthers() {
        ScriptedStrategy bad = bind("bad");
        ScriptedStrategy good = bind("good");
        bad.onEvent = (e, c) -> {
            throw new IllegalStateException("boom");
        };
        start("bad");
        start("good");

        deliver(1);

        assertThat(good.events).hasSize(1);
        List<MetadataRecord> faults = ctx.metadata(MetadataRecord.Kind.STRATEGY_FAULT);
        assertThat(faults).hasSize(1);
        assertThat(faults.get(0).subject()).isEqualTo("bad");
        assertThat(faults.get(0).seq()).isEqualTo(1);
        assertThat(faults.get(0).detail()).contains("java.lang.IllegalStateException: boom")
                .contains("at io.livestack.strategy.host.internal.StrategyHostTest");
        StrategyInfo info = info("bad");
        assertThat(info.faults()).isEqualTo(1);
        assertThat(info.running()).isTrue();
        assertThat(info.lastFault()).contains("boom");
    }

    @Test
    void containsErrorsOtherThanVirtualMachineErrors() {
        ScriptedStrategy s = bind("s");
        s.onEvent = (e, c) -> {
            throw new NoClassDefFoundError("gone/Missing");
        };
        start("s");
        deliver(1);
        assertThat(info("s").faults()).isEqualTo(1);
    }

    @Test
    void letsVirtualMachineErrorsThrough() {
        ScriptedStrategy s = bind("s");
        s.onEvent = (e, c) -> {
            throw new OutOfMemoryError("simulated");
        };
        start("s");
        assertThatThrownBy(() -> deliver(1)).isInstanceOf(OutOfMemoryError.class);
    }

    @Test
    void stopsAStrategyAfterTheConfiguredNumberOfConsecutiveFaults() {
        ScriptedStrategy s = bind("flaky");
        s.onEvent = (e, c) -> {
            throw new IllegalArgumentException("bad input " + e.seq());
        };
        start("flaky");

        deliver(1);
        deliver(2);
        assertThat(info("flaky").running()).isTrue();
        deliver(3);

        assertThat(info("flaky").running()).isFalse();
        assertThat(s.calls).containsExactly("start", "event 1", "event 2", "event 3", "stop");
        assertThat(ctx.metadata(MetadataRecord.Kind.STRATEGY)).last().satisfies(r -> {
            assertThat(r.subject()).isEqualTo("flaky");
            assertThat(r.detail()).startsWith("stopped: after 3 consecutive faults").contains("bad input 3");
        });
        deliver(4);
        assertThat(s.events).hasSize(3);
    }

    @Test
    void honoursAConfiguredFaultLimit() {
        host = new StrategyHost(new HostSettings(1, 0, 4));
        ScriptedStrategy s = bind("fragile");
        s.onEvent = (e, c) -> {
            throw new IllegalStateException("once is enough");
        };
        start("fragile");
        deliver(1);
        assertThat(info("fragile").running()).isFalse();
    }

    @Test
    void aSuccessfulCallResetsTheConsecutiveFaultCount() {
        ScriptedStrategy s = bind("s");
        s.onEvent = (e, c) -> {
            if (e.seq() != 3) {
                throw new IllegalStateException("fails on " + e.seq());
            }
        };
        start("s");
        for (long seq = 1; seq <= 5; seq++) {
            deliver(seq);
        }
        StrategyInfo info = info("s");
        assertThat(info.running()).isTrue();
        assertThat(info.faults()).isEqualTo(4);
    }

    @Test
    void intentsBeforeTheLoopHandedTheHostAConsumerAreRefusedAndRecorded() {
        ScriptedStrategy s = bind("early");
        s.onLifecycle = (phase, c) -> c.cancel(ClientOrderId.of("H1"));

        assertThat(start("early").ok()).isTrue();

        assertThat(sent).isEmpty();
        assertThat(ctx.rejections()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RejectReason.EXECUTION_UNAVAILABLE);
            assertThat(r.intent()).isEqualTo(new CancelOrder(StrategyId.of("early"), ClientOrderId.of("H1")));
        });
    }

    @Test
    void cancelsOnStopGoToTheLoopAndSubmitsAreRefusedAsStrategyNotRunning() {
        ScriptedStrategy s = bind("mm");
        s.onLifecycle = (phase, c) -> {
            if (phase.equals("stop")) {
                c.cancel(ClientOrderId.of("H1"));
                c.submitLimit(SIM, BTC, Side.SELL, Fixed.of(100), Fixed.of(1));
            }
        };
        start("mm");
        deliver(1); // hands the host the loop's consumer

        host.stop(StrategyId.of("mm"), ctx);

        assertThat(sent).containsExactly(new CancelOrder(StrategyId.of("mm"), ClientOrderId.of("H1")));
        assertThat(ctx.rejections()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RejectReason.STRATEGY_NOT_RUNNING);
            assertThat(r.check()).as("the host's own rule").isEqualTo(RejectReason.STRATEGY_NOT_RUNNING.name());
            assertThat(r.intent()).isInstanceOf(SubmitOrder.class);
        });
    }

    @Test
    void aContextKeptBeyondItsCallbackCannotBeUsed() {
        ScriptedStrategy s = bind("sneaky");
        start("sneaky");
        deliver(1);
        assertThatThrownBy(() -> s.lastContext.submitLimit(SIM, BTC, Side.BUY, Fixed.of(1), Fixed.of(1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("sneaky");
        assertThat(sent).isEmpty();
    }

    @Test
    void aContextCannotBeUsedFromAnotherThread() throws Exception {
        ScriptedStrategy s = bind("threads");
        List<Throwable> fromOtherThread = new ArrayList<>();
        s.onEvent = (e, c) -> {
            CompletableFuture<Void> f = CompletableFuture.runAsync(() -> c.now());
            try {
                f.get(5, TimeUnit.SECONDS);
            } catch (ExecutionException ex) {
                fromOtherThread.add(ex.getCause());
            } catch (Exception ex) {
                throw new AssertionError(ex);
            }
        };
        start("threads");
        deliver(1);
        assertThat(fromOtherThread).singleElement().isInstanceOf(IllegalStateException.class);
    }

    @Test
    void tellsTheOwningStrategyWhenItsIntentIsRejected() {
        ScriptedStrategy mine = bind("mine");
        ScriptedStrategy other = bind("other");
        start("mine");
        start("other");
        SubmitOrder intent = new SubmitOrder(StrategyId.of("mine"), ClientOrderId.of("C9"), SIM, BTC, Side.BUY,
                OrderType.LIMIT, TimeInForce.DAY, Fixed.of(1), Fixed.of(1));

        host.onRejected(intent, RejectReason.MAX_POSITION, "limit 1", ctx);

        assertThat(mine.rejections).containsExactly(RejectReason.MAX_POSITION);
        assertThat(other.rejections).isEmpty();
    }

    @Test
    void recordsLifecycleChangesAsStrategyMetadata() {
        bind("life", StrategyHost.KIND_PROPERTY, "marketmaker");
        deliver(1);
        start("life");
        host.stop(StrategyId.of("life"), ctx);

        assertThat(ctx.metadata(MetadataRecord.Kind.STRATEGY)).extracting(MetadataRecord::detail).containsExactly(
                "bound: kind marketmaker, autoStart false", "started: operator command",
                "stopped: operator command");
        assertThat(info("life").kind()).isEqualTo("marketmaker");
    }

    @Test
    void aStrategyNamedLikeARuntimeTimerOwnerDoesNotReceiveItsTimers() {
        ScriptedStrategy session = bind("session");
        start("session");

        host.onEvent(new Sequenced(2, 2, new TimerEvent(1, TimerOwner.SESSION, 1)), ctx, loop);
        host.onEvent(new Sequenced(3, 3, new TimerEvent(1, TimerOwner.strategy(StrategyId.of("session")), 2)), ctx,
                loop);

        assertThat(session.events).extracting(Sequenced::seq).containsExactly(3L);
    }

    @Test
    void startAndStopOfAnUnknownStrategyAreErrorsNamingTheBoundOnes() {
        bind("known");
        CommandResult result = start("nope");
        assertThat(result.ok()).isFalse();
        assertThat(result.message()).contains("nope").contains("known");
        assertThat(host.stop(StrategyId.of("nope"), ctx).ok()).isFalse();
    }

    @Test
    void aFaultInOnStartLeavesTheStrategyStopped() {
        ScriptedStrategy s = bind("s");
        s.onLifecycle = (phase, c) -> {
            if (phase.equals("start")) {
                throw new IllegalStateException("cannot start");
            }
        };
        CommandResult result = start("s");
        assertThat(result.ok()).isFalse();
        assertThat(result.message()).contains("cannot start");
        assertThat(info("s").running()).isFalse();
        deliver(1);
        assertThat(s.events).isEmpty();
    }

    @Test
    void startAllStartsOnlyAutoStartStrategiesAndLaterArrivalsWithAutoStart() {
        ScriptedStrategy auto = bind("auto", StrategyHost.AUTO_START_PROPERTY, Boolean.TRUE);
        ScriptedStrategy manual = bind("manual");

        CommandResult result = host.startAll(ctx, loop);

        assertThat(result.ok()).isTrue();
        assertThat(auto.calls).containsExactly("start");
        assertThat(manual.calls).isEmpty();

        ScriptedStrategy late = bind("late", StrategyHost.AUTO_START_PROPERTY, "true");
        ScriptedStrategy lateManual = bind("late-manual", StrategyHost.AUTO_START_PROPERTY, "false");
        deliver(1);
        assertThat(late.calls).containsExactly("start", "event 1");
        assertThat(lateManual.calls).isEmpty();
        assertThat(info("late").autoStart()).isTrue();
    }

    @Test
    void stopAllStopsEveryRunningStrategyAndEndsAutoStart() {
        ScriptedStrategy auto = bind("auto", StrategyHost.AUTO_START_PROPERTY, true);
        ScriptedStrategy manual = bind("manual");
        host.startAll(ctx, loop);
        start("manual");

        CommandResult result = host.stopAll(ctx, loop);

        assertThat(result.message()).isEqualTo("2 strategies stopped");
        assertThat(auto.calls).containsExactly("start", "stop");
        assertThat(manual.calls).containsExactly("start", "stop");
        ScriptedStrategy late = bind("late", StrategyHost.AUTO_START_PROPERTY, true);
        deliver(1);
        assertThat(late.calls).isEmpty();
    }

    @Test
    void anUnboundStrategyIsNoLongerFedAndItsDepartureIsRecorded() {
        ScriptedStrategy s = bind("gone");
        start("gone");
        host.unbindStrategy(s, props("gone"));

        deliver(1);

        assertThat(s.events).isEmpty();
        assertThat(host.strategies()).isEmpty();
        assertThat(ctx.metadata(MetadataRecord.Kind.STRATEGY)).last().extracting(MetadataRecord::detail)
                .isEqualTo("unbound: its service went away while it was running; its open orders stay");
    }

    @Test
    void aSecondServiceWithTheSameIdWaitsUntilTheFirstGoesAway() {
        ScriptedStrategy first = bind("dup");
        ScriptedStrategy second = bind("dup");
        assertThat(host.strategies()).hasSize(1);

        host.unbindStrategy(first, props("dup"));
        deliver(1);
        start("dup");
        deliver(2);

        assertThat(first.calls).isEmpty();
        assertThat(second.calls).containsExactly("start", "event 2");
    }

    @Test
    void ignoresAServiceWithoutAStrategyId() {
        host.bindStrategy(new ScriptedStrategy(), new HashMap<>());
        assertThat(host.strategies()).isEmpty();
    }

    @Test
    void measuresTheTimeEachStrategyTakesPerEvent() {
        ScriptedStrategy slow = bind("slow");
        slow.onEvent = (e, c) -> {
            long until = System.nanoTime() + 3_000_000; // deliberately slow strategy: busy for 3 ms
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
        };
        start("slow");
        deliver(1);
        deliver(2);
        StrategyInfo info = info("slow");
        assertThat(info.events()).isEqualTo(2);
        assertThat(info.maxEventNanos()).isGreaterThanOrEqualTo(3_000_000);
        assertThat(info.meanEventNanos()).isGreaterThanOrEqualTo(3_000_000);
    }

    @Test
    void doesNotChargeAStrategyForTheTimeTheLoopSpendsOnItsIntents() {
        long[] now = {1_000};
        host = new StrategyHost(HostSettings.DEFAULTS, () -> now[0]);
        ScriptedStrategy quick = bind("quick");
        quick.onEvent = (e, c) -> {
            now[0] += 2_000_000; // the strategy's own work: 2 ms
            c.submitLimit(SIM, BTC, Side.BUY, Fixed.of(1), Fixed.of(1));
            now[0] += 1_000_000; // and 1 ms after its intent came back
        };
        Consumer<Intent> slowLoop = intent -> now[0] += 50_000_000; // risk + execution taking 50 ms
        start("quick");
        host.onEvent(trade(1), ctx, slowLoop);
        assertThat(info("quick").maxEventNanos()).isEqualTo(3_000_000);
    }

    @Test
    void rejectsInvalidHostSettingsNamingTheKey() {
        assertThatThrownBy(() -> new HostSettings(0, 0, 8)).hasMessageContaining("maxConsecutiveFaults")
                .hasMessageContaining("0");
        assertThatThrownBy(() -> new HostSettings(3, 0, 99)).hasMessageContaining("faultStackFrames");
    }

    private static OrderView order(String id, String strategy, OrderStatus status) {
        return new OrderView(ClientOrderId.of(id), ClientOrderId.of(id), null, null, StrategyId.of(strategy), SIM,
                BTC, Side.BUY, OrderType.LIMIT, TimeInForce.DAY, Fixed.of(100), Fixed.of(1), 0, 0, status, 0, 0,
                false, true, "", 1, 1, 1, 1);
    }
}
