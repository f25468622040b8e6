package io.livestack.itests.support;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.livestack.api.event.Command;
import io.livestack.api.intent.CancelOrder;
import io.livestack.api.intent.Intent;
import io.livestack.api.intent.SubmitOrder;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.runtime.CommandResult;
import io.livestack.api.runtime.LiveRuntime;
import io.livestack.api.state.BookView;
import io.livestack.api.state.OrderView;
import io.livestack.api.state.PositionView;
import io.livestack.api.state.StateView;
import io.livestack.testkit.Await;

/**
 * Drives the running chain through the {@link LiveRuntime} service, as the operator surfaces do: commands (answered
 * with their {@link CommandResult}) and state queries (run on the processing thread, results copied out). Every call
 * waits at most {@link #CALL_TIMEOUT}; nothing here waits for a condition (use {@link Await} for that).
 */
public final class RuntimeDriver {

    /** How long one command or query may take: the session start/stop commands wait for venues (30 s at most). */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(45);
    /** What a manual submit answers: "order LS...1 sent". */
    private static final Pattern SENT = Pattern.compile("order (\\S+) sent");
    /** Any placeholder: the runtime gives a manual order a fresh ClOrdID. */
    private static final ClientOrderId PLACEHOLDER = ClientOrderId.of("itest");

    private final LiveRuntime runtime;
    private final String user;

    public RuntimeDriver(LiveRuntime runtime, String user) {
        this.runtime = runtime;
        this.user = user;
    }

    public LiveRuntime runtime() {
        return runtime;
    }

    // ------------------------------------------------------------------------------------------ commands

    /** Executes a command and returns how it ended (ok or not); fails if it does not end within the timeout. */
    public CommandResult execute(Command command) {
        return get(runtime.execute(command, user), command.action());
    }

    /** Executes a command that must succeed. */
    public CommandResult executeOk(Command command) {
        CommandResult result = execute(command);
        if (!result.ok()) {
            throw new AssertionError(command.action() + " failed: " + result.message());
        }
        return result;
    }

    /** A manual order: the command's result (refused or "order ID sent"). */
    public CommandResult submit(VenueId venue, InstrumentId instrument, Side side, OrderType type, TimeInForce tif,
            long price, long quantity) {
        return execute(new Command.ManualIntent(new SubmitOrder(Intent.MANUAL, PLACEHOLDER, venue, instrument, side,
                type, tif, price, quantity)));
    }

    /** A manual limit order that must be accepted; returns its ClOrdID (handle). */
    public ClientOrderId submitOk(VenueId venue, InstrumentId instrument, Side side, TimeInForce tif, long price,
            long quantity) {
        CommandResult result = submit(venue, instrument, side, OrderType.LIMIT, tif, price, quantity);
        if (!result.ok()) {
            throw new AssertionError("manual " + side + " " + Fixed.format(quantity) + " " + instrument + "@" + venue
                    + " " + Fixed.format(price) + " refused: " + result.message());
        }
        return sentOrderId(result);
    }

    /** The ClOrdID an accepted manual submit names. */
    public static ClientOrderId sentOrderId(CommandResult result) {
        Matcher m = SENT.matcher(result.message());
        if (!m.find()) {
            throw new AssertionError("a manual submit answers with its ClOrdID: '" + result.message() + "'");
        }
        return ClientOrderId.of(m.group(1));
    }

    /** A manual cancel of the order with that handle: the command's result. */
    public CommandResult cancel(ClientOrderId order) {
        return execute(new Command.ManualIntent(new CancelOrder(Intent.MANUAL, order)));
    }

    // ------------------------------------------------------------------------------------------ queries

    /** Runs {@code query} on the processing thread; what it returns must be a copy (no live views). */
    public <T> T query(Function<StateView, T> query) {
        return get(runtime.query(query), "state query");
    }

    public VenueSessionState venueState(VenueId venue) {
        return query(v -> v.venueState(venue));
    }

    /** Best bid and ask as {@code [bid, ask]}, or null while the book is not two-sided. */
    public long[] bidAsk(VenueId venue, InstrumentId instrument) {
        return query(v -> {
            BookView b = v.book(venue, instrument);
            return b != null && b.hasBid() && b.hasAsk() ? new long[] {b.bestBidPrice(), b.bestAskPrice()} : null;
        });
    }

    /**
     * A manual IOC of {@code quantity} at the touch (best ask for a buy, best bid for a sell), sent again until one is
     * filled: a simulated book moves, so an IOC may miss, and risk refuses it when a market maker's own quote sits at
     * that price (self cross). Returns the filled order; fails after {@code timeout}.
     */
    public OrderView fillManualIoc(VenueId venue, InstrumentId instrument, Side side, long quantity,
            Duration timeout) {
        Object done = Await.value("a manual IOC " + side + " filled at " + venue, timeout, () -> {
            long[] bidAsk = bidAsk(venue, instrument);
            if (bidAsk == null) {
                return "no two-sided book";
            }
            long price = side == Side.BUY ? bidAsk[1] : bidAsk[0];
            CommandResult r = submit(venue, instrument, side, OrderType.LIMIT, TimeInForce.IOC, price, quantity);
            if (!r.ok()) {
                return "refused: " + r.message();
            }
            ClientOrderId id = sentOrderId(r);
            return Await.value("manual IOC " + id + " done", timeout, () -> order(id),
                    v -> v != null && v.status().isTerminal());
        }, o -> o instanceof OrderView v && v.status() == OrderStatus.FILLED);
        return (OrderView) done;
    }

    public OrderView order(ClientOrderId id) {
        return query(v -> v.order(id));
    }

    public List<OrderView> orders() {
        return query(v -> List.copyOf(v.orders()));
    }

    public List<OrderView> openOrders() {
        return query(v -> List.copyOf(v.openOrders()));
    }

    public int openOrderCount() {
        return query(StateView::openOrderCount);
    }

    public PositionView position(InstrumentId instrument) {
        return query(v -> v.position(instrument));
    }

    /** Rounds a price down to a multiple of {@code tick}. */
    public static long floorToTick(long price, long tick) {
        return price - Math.floorMod(price, tick);
    }

    /** {@code factor} (a decimal string, e.g. "0.97") times {@code price}, rounded down to the tick. */
    public static long scaled(long price, String factor, long tick) {
        return floorToTick(Fixed.multiply(price, Fixed.parse(factor)), tick);
    }

    public static String describe(List<OrderView> orders) {
        return orders.stream().map(o -> o + " (" + o.strategy() + ", venue order " + o.venueOrderId() + ")")
                .collect(Collectors.joining("; ", "[", "]"));
    }

    private static <T> T get(CompletableFuture<T> future, String what) {
        try {
            return future.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + what, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError(what + " did not complete within " + CALL_TIMEOUT, e);
        }
    }
}
