package io.livestack.shell.internal;

import io.livestack.api.event.Command;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.SessionState;
import io.livestack.api.model.TradingState;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.runtime.CommandResult;
import io.livestack.api.runtime.LiveRuntime;
import io.livestack.api.runtime.RuntimeStatus;
import io.livestack.api.state.OrderView;
import io.livestack.api.state.StateView;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.karaf.shell.api.console.Session;

/** Test doubles: a runtime that records commands and answers queries from a few facts, and a shell session. */
final class Fakes {

    private Fakes() {
    }

    static final class Runtime implements LiveRuntime {
        final List<Command> commands = new ArrayList<>();
        final List<String> users = new ArrayList<>();
        CommandResult result = CommandResult.ok("done");
        Map<VenueId, VenueSessionState> venues = Map.of(VenueId.of("SIM"), VenueSessionState.LOGGED_ON);
        List<OrderView> orders = List.of();
        /** Positions of every level (the view gives those of the level asked for). */
        List<io.livestack.api.state.PositionView> positions = List.of();
        List<io.livestack.api.state.PnlView> pnl = List.of();

        @Override
        public CompletableFuture<CommandResult> execute(Command command, String user) {
            commands.add(command);
            users.add(user);
            return CompletableFuture.completedFuture(result);
        }

        @Override
        public <T> CompletableFuture<T> query(Function<StateView, T> query) {
            StateView view = (StateView) Proxy.newProxyInstance(StateView.class.getClassLoader(),
                    new Class<?>[] {StateView.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "venueStates" -> venues;
                        case "positions" -> positions.stream().filter(p -> p.level() == (args == null
                                ? io.livestack.api.state.PositionView.Level.DESK : args[0])).toList();
                        case "pnl" -> pnl;
                        case "orders" -> orders;
                        case "openOrders" -> orders.stream().filter(OrderView::isOpen).toList();
                        case "order" -> orders.stream()
                                .filter(o -> o.clientOrderId().equals((ClientOrderId) args[0])).findFirst()
                                .orElse(null);
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
            return CompletableFuture.completedFuture(query.apply(view));
        }

        @Override
        public RuntimeStatus status() {
            return new RuntimeStatus(SessionState.RUNNING, 10, 0, 10, 0, Map.of("risk", true, "execution", false),
                    TradingState.ACTIVE, false);
        }
    }

    /** A trading history that answers canned pages and keeps the queries it was asked. */
    static final class History implements io.livestack.api.history.TradingHistory {
        io.livestack.api.model.TradingDay day = io.livestack.api.model.TradingDay.MIDNIGHT_UTC;
        final List<io.livestack.api.history.HistoryQuery> queries = new ArrayList<>();
        List<OrderView> orders = List.of();
        List<io.livestack.api.record.FillRecord> fills = List.of();
        /** The total of a page (-1: its rows). */
        long total = -1;
        long storedThrough = 900;
        String unavailable;
        io.livestack.api.history.OrderHistory events;

        @Override
        public io.livestack.api.model.TradingDay tradingDay() {
            return day;
        }

        @Override
        public io.livestack.api.history.HistoryPage<OrderView> orders(io.livestack.api.history.HistoryQuery q) {
            return page(q, orders);
        }

        @Override
        public io.livestack.api.history.HistoryPage<io.livestack.api.record.FillRecord> fills(
                io.livestack.api.history.HistoryQuery q) {
            return page(q, fills);
        }

        @Override
        public io.livestack.api.history.OrderHistory orderEvents(ClientOrderId anyClientOrderId) {
            return events;
        }

        private <T> io.livestack.api.history.HistoryPage<T> page(io.livestack.api.history.HistoryQuery q,
                List<T> rows) {
            queries.add(q);
            return new io.livestack.api.history.HistoryPage<>(q, rows, total < 0 ? rows.size() : total,
                    unavailable == null ? storedThrough : -1, unavailable);
        }
    }

    /** A session whose console is captured and whose USER property is {@code user}. */
    static final class Console {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        final Session session;

        Console(String user) {
            session = (Session) Proxy.newProxyInstance(Session.class.getClassLoader(), new Class<?>[] {Session.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "getConsole" -> stream;
                        case "get" -> "USER".equals(args[0]) ? user : null;
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    static <A extends LiveStackAction> A wire(A action, Runtime runtime, Console console) {
        action.runtime = runtime;
        action.session = console.session;
        return action;
    }
}
