package io.livestack.intake.internal;

import io.livestack.api.event.OperatorCommand;
import io.livestack.api.event.VenueSessionEvent;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.SessionState;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.record.MetadataRecord;
import io.livestack.api.runtime.CommandResult;
import io.livestack.api.runtime.StrategyHostStage;
import io.livestack.api.state.OrderView;
import io.livestack.api.state.StateStore;
import io.livestack.api.venue.VenueAdapter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trading session lifecycle, STOPPED → STARTING → RUNNING → STOPPING → STOPPED, driven by events on the
 * processing thread (so it is as deterministic as the rest of the chain):
 * <ul>
 * <li>Start: connect every venue, wait — by venue session events, with a runtime-owned timer for
 * {@code session.startTimeoutMs} — until every registered venue is LOGGED_ON (reconciled), then RUNNING and the
 * strategy host starts the auto-start strategies. On timeout the start fails: venues disconnected, STOPPED.</li>
 * <li>Stop: the host stops the strategies; when asked, every open order at a reachable venue is cancelled and the
 * stop waits (timer {@code session.stopTimeoutMs}) until they are closed; then every venue is disconnected,
 * STOPPED.</li>
 * </ul>
 * Every transition is a MetadataRecord(SESSION). The command's reply completes when its transition is over.
 */
final class SessionController {

    /** Internal notice (a runtime-owned timer event): a strategy host was bound. */
    static final long TOKEN_HOST_BOUND = -1;
    /** Internal notice: the set of venue adapters changed. */
    static final long TOKEN_VENUES_CHANGED = -2;

    private static final Logger LOG = LoggerFactory.getLogger(SessionController.class);

    private final IntakeRuntime rt;
    private final RuntimeConfig config;
    private volatile SessionState state = SessionState.STOPPED;
    private OperatorCommand startCommand;
    private OperatorCommand stopCommand;
    private long armedToken;
    private long tokens;
    private final Set<ClientOrderId> awaitingCancel = new LinkedHashSet<>();
    /** The adapter instance connected per venue while the session is up (to connect newly added ones). */
    private final Map<VenueId, VenueAdapter> connected = new HashMap<>();

    SessionController(IntakeRuntime rt, RuntimeConfig config) {
        this.rt = rt;
        this.config = config;
    }

    /** Any thread. */
    SessionState state() {
        return state;
    }

    void start(OperatorCommand command) {
        if (state != SessionState.STOPPED) {
            rt.reply(command, CommandResult.error("the session is " + state + ", not STOPPED"));
            return;
        }
        startCommand = command;
        transition(SessionState.STARTING, "requested by " + command.user());
        connected.clear();
        for (Map.Entry<VenueId, VenueAdapter> v : rt.venueMap().entrySet()) {
            connect(v.getKey(), v.getValue());
        }
        armedToken = ++tokens;
        rt.scheduleTimer(IntakeRuntime.SESSION_TIMER_OWNER,
                rt.context().now() + TimeUnit.MILLISECONDS.toNanos(config.startTimeoutMs()), armedToken);
        checkStarted();
    }

    void stop(OperatorCommand command, boolean cancelOpenOrders) {
        if (state == SessionState.STOPPED || state == SessionState.STOPPING) {
            rt.reply(command, CommandResult.error("the session is already " + state));
            return;
        }
        if (state == SessionState.STARTING) {
            rt.reply(startCommand, CommandResult.error("session start aborted: stop requested by " + command.user()));
            startCommand = null;
        }
        stopCommand = command;
        armedToken = 0;
        transition(SessionState.STOPPING, "requested by " + command.user()
                + (cancelOpenOrders ? ", cancelling open orders" : ""));
        StrategyHostStage host = rt.hostStage();
        if (host != null) {
            rt.contained(IntakeRuntime.STAGE_HOST, () -> host.stopAll(rt.context(), rt.intentSink()));
        }
        awaitingCancel.clear();
        if (cancelOpenOrders) {
            StateStore st = rt.stateStage();
            for (OrderView o : new ArrayList<>(st.openOrders())) {
                if (!o.venueAvailable() || !hasAdapter(o.venue())) {
                    continue;
                }
                if (o.pendingClientOrderId() != null) {
                    awaitingCancel.add(o.clientOrderId()); // a cancel (or replace) is already on its way
                    continue;
                }
                boolean[] sent = new boolean[1];
                rt.contained(IntakeRuntime.STAGE_EXECUTION, () -> sent[0] = rt.cancelForStop(o));
                if (sent[0]) {
                    awaitingCancel.add(o.clientOrderId());
                }
            }
            removeClosed();
            if (!awaitingCancel.isEmpty()) {
                armedToken = ++tokens;
                rt.scheduleTimer(IntakeRuntime.SESSION_TIMER_OWNER,
                        rt.context().now() + TimeUnit.MILLISECONDS.toNanos(config.stopTimeoutMs()), armedToken);
                LOG.info("session stopping: waiting for {} cancels", awaitingCancel.size());
                return;
            }
        }
        finishStop(cancelOpenOrders ? "no open orders left" : "open orders left as they are", true);
    }

    void onVenueState(VenueSessionEvent event) {
        if (state == SessionState.STARTING) {
            checkStarted();
        }
    }

    /** An execution report or cancel reject was processed. */
    void onOrdersChanged() {
        if (state != SessionState.STOPPING || awaitingCancel.isEmpty()) {
            return;
        }
        removeClosed();
        if (awaitingCancel.isEmpty()) {
            armedToken = 0;
            finishStop("every open order cancelled", true);
        }
    }

    void onTimer(long token) {
        if (token == TOKEN_HOST_BOUND) {
            StrategyHostStage host = rt.hostStage();
            if (state == SessionState.RUNNING && host != null) {
                rt.contained(IntakeRuntime.STAGE_HOST, () -> host.startAll(rt.context(), rt.intentSink()));
            }
            return;
        }
        if (token == TOKEN_VENUES_CHANGED) {
            if (state == SessionState.STARTING || state == SessionState.RUNNING) {
                for (Map.Entry<VenueId, VenueAdapter> v : rt.venueMap().entrySet()) {
                    if (connected.get(v.getKey()) != v.getValue()) {
                        connect(v.getKey(), v.getValue());
                    }
                }
            }
            if (state == SessionState.STARTING) {
                checkStarted();
            }
            return;
        }
        if (token != armedToken || token == 0) {
            return; // a timer of an earlier transition
        }
        armedToken = 0;
        if (state == SessionState.STARTING) {
            String message = "timed out after " + config.startTimeoutMs() + " ms waiting for venues to log on: "
                    + notLoggedOn();
            transition(SessionState.STOPPING, "start failed: " + message);
            disconnectAll();
            transition(SessionState.STOPPED, "start failed");
            rt.reply(startCommand, CommandResult.error("session start failed: " + message));
            startCommand = null;
        } else if (state == SessionState.STOPPING) {
            removeClosed();
            finishStop(awaitingCancel.size() + " orders still open after " + config.stopTimeoutMs() + " ms: "
                    + awaitingCancel, awaitingCancel.isEmpty());
        }
    }

    private void checkStarted() {
        if (state != SessionState.STARTING) {
            return;
        }
        String missing = notLoggedOn();
        if (!missing.isEmpty()) {
            return;
        }
        armedToken = 0;
        StringJoiner venues = new StringJoiner(", ");
        for (VenueId id : rt.venueMap().keySet()) {
            venues.add(id.value());
        }
        // RUNNING first: strategies may submit from their onStart
        transition(SessionState.RUNNING, "venues logged on: " + (venues.length() == 0 ? "none" : venues));
        String strategies = "no strategy host";
        StrategyHostStage host = rt.hostStage();
        if (host != null) {
            CommandResult[] r = new CommandResult[1];
            rt.contained(IntakeRuntime.STAGE_HOST, () -> r[0] = host.startAll(rt.context(), rt.intentSink()));
            strategies = r[0] == null ? "strategies not started (host failed)" : r[0].message();
        }
        rt.reply(startCommand, CommandResult.ok("session RUNNING; venues: " + (venues.length() == 0 ? "none" : venues)
                + "; " + strategies));
        startCommand = null;
    }

    /** "VENUE=STATE, ..." for every registered venue not LOGGED_ON; empty when all are. */
    private String notLoggedOn() {
        StringJoiner missing = new StringJoiner(", ");
        for (VenueId id : rt.venueMap().keySet()) {
            VenueSessionState s = rt.venueState(id);
            if (s != VenueSessionState.LOGGED_ON) {
                missing.add(id.value() + "=" + (s == null ? "unknown" : s.name()));
            }
        }
        return missing.toString();
    }

    private void finishStop(String detail, boolean ok) {
        disconnectAll();
        awaitingCancel.clear();
        transition(SessionState.STOPPED, detail);
        if (stopCommand != null) {
            rt.reply(stopCommand, ok ? CommandResult.ok("session STOPPED: " + detail)
                    : CommandResult.error("session STOPPED, but " + detail));
            stopCommand = null;
        }
    }

    private void removeClosed() {
        StateStore st = rt.stateStage();
        awaitingCancel.removeIf(id -> {
            OrderView o = st.order(id);
            return o == null || !o.isOpen() || !o.venueAvailable();
        });
    }

    private boolean hasAdapter(VenueId venue) {
        return rt.context().venue(venue) != null;
    }

    private void connect(VenueId id, VenueAdapter a) {
        connected.put(id, a);
        rt.contained(IntakeRuntime.STAGE_VENUE, a::connect);
    }

    private void disconnectAll() {
        for (VenueAdapter a : rt.venueAdapters()) {
            rt.contained(IntakeRuntime.STAGE_VENUE, a::disconnect);
        }
        connected.clear();
    }

    private void transition(SessionState next, String detail) {
        SessionState previous = state;
        state = next;
        LOG.info("session {} -> {}: {}", previous, next, detail);
        rt.record(new MetadataRecord(rt.context().seq(), rt.context().now(), MetadataRecord.Kind.SESSION, "session",
                next.name() + (detail.isEmpty() ? "" : ": " + detail)));
    }
}
