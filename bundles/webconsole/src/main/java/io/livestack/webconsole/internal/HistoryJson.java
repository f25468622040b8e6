package io.livestack.webconsole.internal;

import io.livestack.api.history.HistoryPage;
import io.livestack.api.history.HistoryQuery;
import io.livestack.api.history.HistoryRange;
import io.livestack.api.history.OrderHistory;
import io.livestack.api.history.TradingHistory;
import io.livestack.api.model.AccountId;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.TradingDay;
import io.livestack.api.model.VenueId;
import io.livestack.api.record.FillRecord;
import io.livestack.api.record.OrderRecord;
import io.livestack.api.state.OrderView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The page's history requests (read only, viewers and operators alike), answered from {@link TradingHistory}:
 * <ul>
 * <li>GET {@code livestack/history.json?kind=orders|fills&since=&until=&page=&size=&open=} (also {@code venue},
 * {@code strategy}, {@code instrument}, {@code account}): one page of orders or fills, the range and page as
 * {@code livestack:orders}/{@code livestack:fills} take them (today's trading day, page 1 of 50 rows by default);</li>
 * <li>GET {@code livestack/order-events.json?order=ID}: one order's events.</li>
 * </ul>
 * A bad parameter is 400, an unknown order 404, no runtime (or one that does not answer) 503, each with
 * {@code {"error": "..."}}; a page without the database's rows says why in {@code storedUnavailable}.
 */
final class HistoryJson {

    static final String HISTORY = "history.json";
    static final String ORDER_EVENTS = "order-events.json";
    static final int DEFAULT_SIZE = 50;

    /** An HTTP status and the JSON body. */
    record Answer(int status, Map<String, Object> body) {
    }

    private HistoryJson() {
    }

    static Answer history(TradingHistory history, Function<String, String> parameter, long nowNanos) {
        if (history == null) {
            return error(503, "the Live Stack runtime is not running (no TradingHistory service)");
        }
        String kind = parameter.apply("kind") == null ? "orders" : parameter.apply("kind");
        if (!kind.equals("orders") && !kind.equals("fills")) {
            return error(400, "kind '" + kind + "' is not one of orders, fills");
        }
        try {
            TradingDay day = history.tradingDay();
            HistoryQuery q = query(parameter, day, nowNanos);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("kind", kind);
            HistoryPage<?> page;
            List<Map<String, Object>> rows = new ArrayList<>();
            if (kind.equals("orders")) {
                HistoryPage<OrderView> p = history.orders(q);
                p.items().forEach(o -> rows.add(order(o)));
                page = p;
            } else {
                HistoryPage<FillRecord> p = history.fills(q);
                p.items().forEach(f -> rows.add(fill(f)));
                page = p;
            }
            out.put("since", HistoryRange.text(q.since()));
            out.put("until", HistoryRange.text(q.until()));
            boolean wholeDay = day.startOf(q.since()) == q.since() && day.endOf(q.since()) == q.until();
            out.put("tradingDay", wholeDay ? day.dateOf(q.since()).toString() : null);
            out.put("tradingDayStart", day.toString());
            out.put("page", q.offset() / q.limit() + 1);
            out.put("size", q.limit());
            out.put("pages", Math.max(1, (page.total() + q.limit() - 1) / q.limit()));
            out.put("first", page.items().isEmpty() ? 0 : q.offset() + 1);
            out.put("total", page.total());
            out.put("remaining", page.remaining());
            out.put("storedThroughSeq", page.storedThrough());
            out.put("storedUnavailable", page.storedUnavailable());
            out.put("rows", rows);
            return new Answer(200, out);
        } catch (IllegalArgumentException e) {
            return error(400, e.getMessage());
        } catch (IllegalStateException e) {
            return error(503, e.getMessage());
        }
    }

    static Answer orderEvents(TradingHistory history, String order) {
        if (history == null) {
            return error(503, "the Live Stack runtime is not running (no TradingHistory service)");
        }
        ClientOrderId id;
        try {
            id = ClientOrderId.of(order == null ? "" : order.trim());
        } catch (IllegalArgumentException e) {
            return error(400, "order '" + order + "' is not a valid id");
        }
        OrderHistory h;
        try {
            h = history.orderEvents(id);
        } catch (IllegalStateException e) {
            return error(503, e.getMessage());
        }
        if (h == null) {
            return error(404, "no order '" + id + "' in the live state or the database");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("order", h.order().value());
        out.put("current", h.current() == null ? null : order(h.current()));
        List<Map<String, Object>> events = new ArrayList<>();
        for (OrderRecord r : h.events()) {
            Map<String, Object> e = order(r.order());
            e.put("seq", r.seq());
            e.put("time", HistoryRange.text(r.timeNanos()));
            e.put("event", r.event().name());
            events.add(e);
        }
        out.put("events", events);
        out.put("stateIsNewer", h.stateIsNewer());
        out.put("storedUnavailable", h.storedUnavailable());
        return new Answer(200, out);
    }

    private static HistoryQuery query(Function<String, String> p, TradingDay day, long nowNanos) {
        HistoryRange range = HistoryRange.parse(p.apply("since"), p.apply("until"), day, nowNanos);
        int size = number(p.apply("size"), "size", DEFAULT_SIZE, HistoryQuery.MAX_LIMIT);
        int page = number(p.apply("page"), "page", 1, Integer.MAX_VALUE);
        return HistoryQuery.of(range, size).filter(id(p.apply("venue"), VenueId::of),
                id(p.apply("strategy"), StrategyId::of), id(p.apply("instrument"), InstrumentId::of),
                id(p.apply("account"), AccountId::of), "true".equals(p.apply("open"))).page(page, size);
    }

    private static int number(String text, String what, int otherwise, int max) {
        if (text == null || text.isBlank()) {
            return otherwise;
        }
        try {
            int v = Integer.parseInt(text.trim());
            if (v >= 1 && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new IllegalArgumentException(what + " '" + text + "' must be a whole number between 1 and " + max);
    }

    private static <T> T id(String text, Function<String, T> make) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return make.apply(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid id");
        }
    }

    static Map<String, Object> order(OrderView o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", o.clientOrderId().value());
        m.put("clOrdId", o.currentClientOrderId().value());
        m.put("created", HistoryRange.text(o.createdTimeNanos()));
        m.put("updated", HistoryRange.text(o.updatedTimeNanos()));
        m.put("strategy", o.strategy().value());
        m.put("account", o.account().value());
        m.put("venue", o.venue().value());
        m.put("instrument", o.instrument().value());
        m.put("side", o.side().name());
        m.put("quantity", Fixed.format(o.quantity()));
        m.put("price", o.type() == OrderType.MARKET ? "MKT" : Fixed.format(o.price()));
        m.put("filled", Fixed.format(o.filledQuantity()));
        m.put("averagePrice", o.filledQuantity() == 0 ? null : Fixed.format(o.averageFillPrice()));
        m.put("status", o.status().name());
        m.put("timeInForce", o.timeInForce().name());
        m.put("venueAvailable", o.venueAvailable());
        m.put("overfilled", o.overfilled());
        m.put("pending", o.pendingClientOrderId() == null ? null : o.pendingClientOrderId().value());
        m.put("text", o.lastText() == null || o.lastText().isEmpty() ? null : o.lastText());
        return m;
    }

    static Map<String, Object> fill(FillRecord f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", HistoryRange.text(f.timeNanos()));
        m.put("venue", f.venue().value());
        m.put("execId", f.execId().value());
        m.put("order", f.clientOrderId().value());
        m.put("strategy", f.strategy() == null ? null : f.strategy().value());
        m.put("account", f.account().value());
        m.put("instrument", f.instrument().value());
        m.put("side", f.side().name());
        m.put("quantity", Fixed.format(f.quantity()));
        m.put("price", Fixed.format(f.price()));
        m.put("liquidity", f.liquidity() == null ? null : f.liquidity().name());
        m.put("fee", Fixed.format(f.fee()) + (f.feeCurrency() == null ? "" : " " + f.feeCurrency()));
        m.put("kind", f.kind().name());
        return m;
    }

    private static Answer error(int status, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", message);
        return new Answer(status, m);
    }

    static long nowNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
