package io.livestack.runtime.internal.operator;

import io.livestack.api.event.Command;
import io.livestack.api.event.OperatorCommand;
import io.livestack.api.event.RuntimeEvent;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.SessionState;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.record.MetadataRecord;
import io.livestack.api.runtime.CommandResult;
import io.livestack.api.state.OrderView;
import io.livestack.api.venue.VenueAdapter;
import io.livestack.runtime.internal.chain.Stage;
import io.livestack.runtime.internal.chain.Stages;
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
 * processing thread (so it is as deterministic as the rest of the chain), through a narrow {@link SessionPort}:
 * <ul>
 * <li>Start: connect every venue, wait — by venue session events, with a session timer for
 * {@code session.startTimeoutMs} — until every registered venue is LOGGED_ON (reconciled), then RUNNING and the
 * strategy host starts the auto-start strategies. On timeout the start fails: venues disconnected, STOPPED.</li>
 * <li>Stop: the host stops the strategies; when asked, every open order at a reachable venue is cancelled and the
 * stop waits (timer {@code session.stopTimeoutMs}) until they are closed; then every venue is disconnected; then,
 * with the journal on, it waits ({@link StopFlush}, at most {@code session.stopFlushTimeoutMs}) until every record so
 * far is on disk in the journal and written to the database; STOPPED, saying how far they are durable.</li>
 * <li>With {@code session.autoStart}, the runtime starts the session itself once the chain is up (strategy host,
 * risk and execution control bound); a venue added while the session runs is connected; a strategy host bound while
 * it runs starts its auto-start strategies.</li>
 * </ul>
 * Every transition is a MetadataRecord(SESSION). The command's reply completes when its transition is over.
 */
final class SessionController {

    /** Internal notice (a runtime timer event): a strategy host was bound. */
    static final long TOKEN_HOST_BOUND = -1;
    /** Internal notice: the set of venue adapters changed. */
    static final long TOKEN_VENUES_CHANGED = -2;

    private static final Logger LOG = LoggerFactory.getLogger(SessionController.class);

    private final SessionPort port;
    private final long startTimeoutMs;
    private final long stopTimeoutMs;
    private final boolean autoStart;
    private final StopFlush flush;
    private volatile SessionState state = SessionState.STOPPED;
    private PendingCommand startCommand;
    private PendingCommand stopCommand;
    private long armedToken;
    private long tokens;
    private boolean autoStartIssued;
    private final Set<ClientOrderId> awaitingCancel = new LinkedHashSet<>();
    /** The adapter instance connected per venue while the session is up (to connect newly added ones). */
    private final Map<VenueId, VenueAdapter> connected = new HashMap<>();

    SessionController(SessionPort port, long startTimeoutMs, long stopTimeoutMs, long stopFlushTimeoutMs,
            boolean autoStart) {
        this.port = port;
        this.startTimeoutMs = startTimeoutMs;
        this.stopTimeoutMs = stopTimeoutMs;
        this.flush = new StopFlush(stopFlushTimeoutMs);
        this.autoStart = autoStart;
    }

    /** Any thread. */
    SessionState state() {
        return state;
    }

    void start(PendingCommand command) {
        if (state != SessionState.STOPPED) {
            port.complete(command, CommandResult.error("the session is " + state + ", not STOPPED"));
            return;
        }
        startCommand = command;
        port.journalManifest();
        transition(SessionState.STARTING, "requested by " + command.command().user());
        connected.clear();
        for (Map.Entry<VenueId, VenueAdapter> v : port.venues().entrySet()) {
            connect(v.getKey(), v.getValue());
        }
        armedToken = ++tokens;
        port.scheduleTimer(port.now() + TimeUnit.MILLISECONDS.toNanos(startTimeoutMs), armedToken);
        checkStarted();
    }

    void stop(PendingCommand command, boolean cancelOpenOrders) {
        if (state == SessionState.STOPPED || state == SessionState.STOPPING) {
            port.complete(command, CommandResult.error("the session is already " + state));
            return;
        }
        if (state == SessionState.STARTING) {
            port.complete(startCommand, CommandResult.error("session start aborted: stop requested by "
                    + command.command().user()));
            startCommand = null;
        }
        stopCommand = command;
        armedToken = 0;
        transition(SessionState.STOPPING, "requested by " + command.command().user()
                + (cancelOpenOrders ? ", cancelling open orders" : ""));
        port.stopStrategies();
        awaitingCancel.clear();
        if (cancelOpenOrders) {
            for (OrderView o : new ArrayList<>(port.openOrders())) {
                if (!o.venueAvailable() || !port.venues().containsKey(o.venue())) {
                    continue;
                }
                if (o.pendingClientOrderId() != null) {
                    awaitingCancel.add(o.clientOrderId()); // a cancel (or replace) is already on its way
                } else if (port.cancelForStop(o)) {
                    awaitingCancel.add(o.clientOrderId());
                }
            }
            removeClosed();
            if (!awaitingCancel.isEmpty()) {
                armedToken = ++tokens;
                port.scheduleTimer(port.now() + TimeUnit.MILLISECONDS.toNanos(stopTimeoutMs), armedToken);
                LOG.info("session stopping: waiting for {} cancels", awaitingCancel.size());
                return;
            }
        }
        awaitDurable(cancelOpenOrders ? "no open orders left" : "open orders left as they are", true);
    }

    void onVenueState() {
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
            awaitDurable("every open order cancelled", true);
        }
    }

    /** The bound stages changed (between events): notices to itself, and the auto-start. */
    void onStagesChanged(Stages previous, Stages current) {
        if (current.present(Stage.STRATEGY_HOST) && current.host() != previous.host()
                && state == SessionState.RUNNING) {
            port.notice(TOKEN_HOST_BOUND);
        }
        if (!current.venues().equals(previous.venues())
                && (state == SessionState.STARTING || state == SessionState.RUNNING)) {
            port.notice(TOKEN_VENUES_CHANGED);
        }
        if (autoStart && !autoStartIssued && current.present(Stage.STRATEGY_HOST) && current.present(Stage.RISK)
                && current.present(Stage.EXECUTION)) {
            autoStartIssued = true;
            LOG.info("chain is up (state, strategy host, risk, execution): starting the session (session.autoStart)");
            port.startSession();
        }
    }

    void onTimer(long token) {
        if (token == TOKEN_HOST_BOUND) {
            if (state == SessionState.RUNNING) {
                port.startStrategies();
            }
            return;
        }
        if (token == TOKEN_VENUES_CHANGED) {
            if (state == SessionState.STARTING || state == SessionState.RUNNING) {
                for (Map.Entry<VenueId, VenueAdapter> v : port.venues().entrySet()) {
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
        if (flush.waiting()) {
            pollFlush();
            return;
        }
        armedToken = 0;
        if (state == SessionState.STARTING) {
            String message = "timed out after " + startTimeoutMs + " ms waiting for venues to log on: " + notLoggedOn();
            transition(SessionState.STOPPING, "start failed: " + message);
            disconnectAll();
            transition(SessionState.STOPPED, "start failed");
            port.complete(startCommand, CommandResult.error("session start failed: " + message));
            startCommand = null;
        } else if (state == SessionState.STOPPING) {
            removeClosed();
            awaitDurable(awaitingCancel.size() + " orders still open after " + stopTimeoutMs + " ms: " + awaitingCancel,
                    awaitingCancel.isEmpty());
        }
    }

    private void checkStarted() {
        if (state != SessionState.STARTING || !notLoggedOn().isEmpty()) {
            return;
        }
        armedToken = 0;
        StringJoiner venues = new StringJoiner(", ");
        for (VenueId id : port.venues().keySet()) {
            venues.add(id.value());
        }
        String names = venues.length() == 0 ? "none" : venues.toString();
        // RUNNING first: strategies may submit from their onStart
        transition(SessionState.RUNNING, "venues logged on: " + names);
        String strategies = port.startStrategies().message();
        port.complete(startCommand, CommandResult.ok("session RUNNING; venues: " + names + "; " + strategies));
        startCommand = null;
    }

    /** "VENUE=STATE, ..." for every registered venue not LOGGED_ON; empty when all are. */
    private String notLoggedOn() {
        StringJoiner missing = new StringJoiner(", ");
        for (VenueId id : port.venues().keySet()) {
            VenueSessionState s = port.venueState(id);
            if (s != VenueSessionState.LOGGED_ON) {
                missing.add(id.value() + "=" + (s == null ? "unknown" : s.name()));
            }
        }
        return missing.toString();
    }

    /**
     * The venues are logged out; with the journal on, the stop waits (polling) until the records are durable, else it
     * is over.
     */
    private void awaitDurable(String detail, boolean ok) {
        disconnectAll();
        awaitingCancel.clear();
        if (!port.journaled()) {
            finishStop(detail + "; journal off: no record is durable", ok);
            return;
        }
        flush.begin(port.now(), detail, ok);
        armedToken = ++tokens;
        port.scheduleTimer(port.now() + TimeUnit.MILLISECONDS.toNanos(StopFlush.POLL_MILLIS), armedToken);
        LOG.info("session stopping: venues logged out, waiting for the records to be durable");
    }

    private void pollFlush() {
        port.scheduleTimer(port.now() + TimeUnit.MILLISECONDS.toNanos(StopFlush.POLL_MILLIS), armedToken);
        RuntimeEvent seen = flush.poll(port.seq(), port.now(), port.replaying() ? null : port.durability());
        if (seen != null) {
            port.sequenceNext(seen);
        }
    }

    /** How far the records are durable, as a poll saw it: the wait of a stop is over. */
    void onDurability(RuntimeEvent event) {
        StopFlush.Outcome outcome = flush.end(event);
        if (outcome == null) {
            return; // no wait under way (a second report of one that is over)
        }
        armedToken = 0;
        if (!outcome.durable()) {
            LOG.warn("session stop: {}", outcome.text());
        }
        finishStop(outcome.durable() ? outcome.stop().detail() + "; " + outcome.text()
                : outcome.text() + "; " + outcome.stop().detail(), outcome.stop().ok() && outcome.durable());
    }

    private void finishStop(String detail, boolean ok) {
        transition(SessionState.STOPPED, detail);
        if (stopCommand != null) {
            port.complete(stopCommand, ok ? CommandResult.ok("session STOPPED: " + detail)
                    : CommandResult.error("session STOPPED, but " + detail));
            stopCommand = null;
        }
    }

    private void removeClosed() {
        awaitingCancel.removeIf(id -> {
            OrderView o = port.order(id);
            return o == null || !o.isOpen() || !o.venueAvailable();
        });
    }

    private void connect(VenueId id, VenueAdapter a) {
        connected.put(id, a);
        port.connect(a);
    }

    private void disconnectAll() {
        for (VenueAdapter a : port.venues().values()) {
            port.disconnect(a);
        }
        connected.clear();
    }

    private void transition(SessionState next, String detail) {
        SessionState previous = state;
        state = next;
        LOG.info("session {} -> {}: {}", previous, next, detail);
        port.record(new MetadataRecord(port.seq(), port.now(), MetadataRecord.Kind.SESSION, "session",
                next.name() + (detail.isEmpty() ? "" : ": " + detail)));
    }

    // ---------------------------------------------------------------- snapshots

    SessionSnapshot snapshot() {
        return new SessionSnapshot(state, armedToken, tokens, autoStartIssued, List.copyOf(awaitingCancel),
                startCommand == null ? null : startCommand.command().user(),
                stopCommand == null ? null : stopCommand.command().user(), flush.state());
    }

    void restore(SessionSnapshot s) {
        state = s.state();
        armedToken = s.armedToken();
        tokens = s.tokens();
        autoStartIssued = s.autoStartIssued();
        awaitingCancel.clear();
        awaitingCancel.addAll(s.awaitingCancel());
        flush.restore(s.flush());
        startCommand = s.startedBy() == null ? null
                : new PendingCommand(new OperatorCommand(0, s.startedBy(), new Command.StartSession()), null);
        stopCommand = s.stoppedBy() == null ? null
                : new PendingCommand(new OperatorCommand(0, s.stoppedBy(), new Command.StopSession(false)), null);
        connected.clear();
    }

    /**
     * After a recovery: the venues of the session that was running are connected again (the process that connected
     * them is gone).
     */
    void reconnect() {
        if (state == SessionState.STARTING || state == SessionState.RUNNING) {
            connected.clear();
            for (Map.Entry<VenueId, VenueAdapter> v : port.venues().entrySet()) {
                connect(v.getKey(), v.getValue());
            }
        }
    }
}
