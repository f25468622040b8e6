package io.livestack.venue.fix.internal;

import io.livestack.api.event.ExecutionReport;
import io.livestack.api.event.VenueSessionEvent;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecType;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.state.OrderView;
import io.livestack.fix.exchange.sim.internal.FixExchange;
import io.livestack.fix.exchange.sim.internal.SimSettings;
import io.livestack.testkit.Await;
import io.livestack.testkit.RecordingIntake;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import quickfix.FileStoreFactory;
import quickfix.MessageStoreFactory;
import quickfix.Session;
import quickfix.SessionSettings;

/**
 * The FIX exchange simulator (acceptor) and the venue adapter (initiator) talking over loopback TCP on a free port,
 * with a recording intake and a tracker playing the runtime's part (reconcile after every logon, fills deduplicated
 * by exec id).
 */
final class LoopbackHarness implements AutoCloseable {

    static final String CLIENT = "LS1";
    static final String SYMBOL = "BTC-USD";

    final Path dir;
    final RecordingIntake intake = new RecordingIntake();
    final OrderTracker tracker = new OrderTracker();
    FixExchange exchange;
    FixVenueAdapter adapter;
    private final AtomicLong ids = new AtomicLong();

    LoopbackHarness(Path dir) {
        this.dir = dir;
    }

    LoopbackHarness startExchange(Map<String, String> overrides) throws Exception {
        Map<String, Object> p = new HashMap<>();
        p.put("port", "0");
        p.put("compId", "FIXSIM");
        p.put("symbols", SYMBOL + ":30000:0.5");
        p.put("walkIntervalMs", "0");
        p.put("depth", "3");
        p.put("makerQuantity", "1");
        p.put("password", "pw");
        p.put("storeDir", dir.resolve("sim").toString());
        p.putAll(overrides);
        exchange = new FixExchange(SimSettings.parse(p, dir), Clock.systemUTC());
        exchange.start();
        return this;
    }

    Map<String, Object> adapterProperties(String beginString) {
        return adapterPropertiesFor(exchange.port(), beginString);
    }

    /** The adapter's properties for a venue at {@code port}. */
    Map<String, Object> adapterPropertiesFor(int port, String beginString) {
        Map<String, Object> p = new HashMap<>();
        p.put("venue", "V1");
        p.put("host", "127.0.0.1");
        p.put("port", port);
        p.put("beginString", beginString);
        p.put("senderCompID", CLIENT);
        p.put("targetCompID", "FIXSIM");
        p.put("reconnectInterval", "1");
        p.put("username", "trader");
        p.put("password", "pw");
        p.put("storeDir", dir.resolve("adapter").toString());
        p.put("logDir", dir.resolve("adapter-log").toString());
        p.put("instruments", SYMBOL);
        p.put("marketDepth", "3");
        p.put("reconcileTimeout", "5");
        return p;
    }

    LoopbackHarness startAdapter(Map<String, Object> properties) {
        return startAdapter(properties, FileStoreFactory::new);
    }

    LoopbackHarness startAdapter(Map<String, Object> properties,
            Function<SessionSettings, MessageStoreFactory> stores) {
        adapter = new FixVenueAdapter(FixVenueSettings.parse(properties, dir), intake, Clock.systemUTC(), stores);
        intake.onEvent(e -> {
            tracker.accept(e);
            if (e instanceof VenueSessionEvent v && v.state() == VenueSessionState.RECONCILING) {
                adapter.reconcile(tracker.openOrders());
            }
        });
        adapter.start();
        return this;
    }

    VenueSessionEvent awaitLoggedOn(int from) {
        return intake.awaitState(VenueSessionState.LOGGED_ON, from);
    }

    OrderView submit(Side side, OrderType type, TimeInForce tif, long price, long quantity) {
        return submit(Fixtures.order("O" + ids.incrementAndGet(), side, type, tif, price, quantity));
    }

    /** Sends {@code o} as it is (its account and strategy included). */
    OrderView submit(OrderView o) {
        tracker.submitted(o);
        adapter.submit(o);
        return o;
    }

    ClientOrderId replace(OrderView order, long price, long quantity) {
        ClientOrderId id = ClientOrderId.of("R" + ids.incrementAndGet());
        tracker.alias(id, order.clientOrderId());
        adapter.replace(tracker.view(order.clientOrderId()), id, price, quantity);
        return id;
    }

    ClientOrderId cancel(OrderView order) {
        ClientOrderId id = ClientOrderId.of("X" + ids.incrementAndGet());
        tracker.alias(id, order.clientOrderId());
        adapter.cancel(tracker.view(order.clientOrderId()), id);
        return id;
    }

    ExecutionReport awaitReport(ClientOrderId id, ExecType type) {
        return intake.await(ExecutionReport.class, r -> r.clientOrderId().equals(id) && r.execType() == type);
    }

    ExecutionReport awaitReport(OrderView order, ExecType type) {
        return awaitReport(order.clientOrderId(), type);
    }

    Session session() {
        return Session.lookupSession(adapter.sessionId());
    }

    /** Polls a condition until it holds (fails after the timeout). */
    static void awaitTrue(String what, BooleanSupplier condition) {
        Await.until(what, RecordingIntake.TIMEOUT, Duration.ofMillis(10), condition);
    }

    @Override
    public void close() {
        if (adapter != null) {
            adapter.close();
        }
        if (exchange != null) {
            exchange.close();
        }
    }
}
