package io.livestack.webconsole.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.history.HistoryPage;
import io.livestack.api.history.HistoryQuery;
import io.livestack.api.history.OrderHistory;
import io.livestack.api.history.TradingHistory;
import io.livestack.api.model.AccountId;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecId;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.model.TradingDay;
import io.livestack.api.model.VenueId;
import io.livestack.api.record.FillRecord;
import io.livestack.api.record.OrderEvent;
import io.livestack.api.record.OrderRecord;
import io.livestack.api.state.OrderView;
import io.livestack.http.Json;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoryJsonTest {

    static final TradingDay LONDON_8 = new TradingDay(LocalTime.of(8, 0), ZoneId.of("Europe/London"));
    static final long NOW = nanos("2026-12-08T15:30:00Z");

    /** Answers one page of what it holds, keeps the queries. */
    static final class History implements TradingHistory {
        final List<HistoryQuery> queries = new ArrayList<>();
        List<OrderView> orders = List.of();
        List<FillRecord> fills = List.of();
        long total;
        String unavailable;
        OrderHistory events;

        @Override
        public TradingDay tradingDay() {
            return LONDON_8;
        }

        @Override
        public HistoryPage<OrderView> orders(HistoryQuery q) {
            queries.add(q);
            return new HistoryPage<>(q, orders, total, unavailable == null ? 42 : -1, unavailable);
        }

        @Override
        public HistoryPage<FillRecord> fills(HistoryQuery q) {
            queries.add(q);
            return new HistoryPage<>(q, fills, total, unavailable == null ? 42 : -1, unavailable);
        }

        @Override
        public OrderHistory orderEvents(ClientOrderId anyClientOrderId) {
            return events;
        }
    }

    private final History history = new History();
    private final Map<String, String> params = new HashMap<>();

    static long nanos(String instant) {
        Instant i = Instant.parse(instant);
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    static OrderView order(String id, String text) {
        return new OrderView(ClientOrderId.of(id), ClientOrderId.of(id), null, null, StrategyId.of("mm"),
                VenueId.of("SIM"), InstrumentId.of("BTC-USD"), Side.SELL, OrderType.LIMIT, TimeInForce.GTC,
                Fixed.parse("50000.5"), Fixed.parse("0.2"), 0, 0, OrderStatus.NEW, 0, 0, false, true, text, 3, 3,
                nanos("2026-12-08T09:00:00Z"), nanos("2026-12-08T09:00:00Z"), AccountId.of("A1"));
    }

    private HistoryJson.Answer ask() {
        return HistoryJson.history(history, params::get, NOW);
    }

    @Test
    void aPageOfTodaysOrdersByDefault() {
        history.orders = List.of(order("A-2", "<img src=x onerror=alert(1)>"));
        history.total = 51;
        params.put("page", "2");
        HistoryJson.Answer a = ask();

        assertThat(a.status()).isEqualTo(200);
        HistoryQuery q = history.queries.get(0);
        assertThat(q.since()).isEqualTo(nanos("2026-12-08T08:00:00Z"));
        assertThat(q.until()).isEqualTo(nanos("2026-12-09T08:00:00Z"));
        assertThat(q.offset()).isEqualTo(50);
        assertThat(q.limit()).isEqualTo(50);
        assertThat(a.body()).containsEntry("kind", "orders").containsEntry("tradingDay", "2026-12-08")
                .containsEntry("tradingDayStart", "08:00 Europe/London").containsEntry("page", 2)
                .containsEntry("pages", 2L).containsEntry("first", 51).containsEntry("total", 51L)
                .containsEntry("remaining", 0L).containsEntry("storedThroughSeq", 42L)
                .containsEntry("storedUnavailable", null);
        String json = Json.write(a.body());
        assertThat(json).contains("\"id\":\"A-2\"").contains("\"price\":\"50000.5\"")
                .contains("\"created\":\"2026-12-08T09:00:00Z\"").doesNotContain("<img")
                .contains("\\u003cimg src=x onerror=alert(1)\\u003e");
    }

    @Test
    void fillsWithARangeFiltersAndTheDatabaseMissing() {
        history.fills = List.of(new FillRecord(9, nanos("2026-12-08T09:30:00Z"), VenueId.of("SIM"), ExecId.of("E9"),
                ClientOrderId.of("A-1"), null, StrategyId.of("mm"), InstrumentId.of("BTC-USD"), Side.BUY,
                Fixed.of(100), Fixed.parse("0.5"), null, Fixed.parse("0.01"), "USD", 0));
        history.total = 1;
        history.unavailable = "no stored history: the storage bundle is not running (feature livestack-storage)";
        params.putAll(Map.of("kind", "fills", "since", "2026-12-08T09:00", "until", "-1h", "size", "10",
                "venue", "SIM", "account", "A1", "open", "true"));
        HistoryJson.Answer a = ask();

        assertThat(a.status()).isEqualTo(200);
        assertThat(history.queries).containsExactly(new HistoryQuery(nanos("2026-12-08T09:00:00Z"),
                nanos("2026-12-08T14:30:00Z"), VenueId.of("SIM"), null, null, AccountId.of("A1"), true, 0, 10));
        assertThat(a.body()).containsEntry("tradingDay", null).containsEntry("since", "2026-12-08T09:00:00Z")
                .containsEntry("storedUnavailable", history.unavailable).containsEntry("storedThroughSeq", -1L);
        assertThat(Json.write(a.body())).contains("\"execId\":\"E9\"").contains("\"fee\":\"0.01 USD\"")
                .contains("\"kind\":\"TRADE\"");
    }

    @Test
    void badParametersAre400WithTheReason() {
        params.put("kind", "trades");
        assertThat(ask()).isEqualTo(error(400, "kind 'trades' is not one of orders, fills"));
        params.put("kind", "orders");
        params.put("since", "soon");
        assertThat(ask().status()).isEqualTo(400);
        assertThat(ask().body().get("error").toString()).startsWith("since 'soon' is not a time");
        params.remove("since");
        params.put("page", "0");
        assertThat(ask()).isEqualTo(error(400, "page '0' must be a whole number between 1 and 2147483647"));
        params.put("page", "1");
        params.put("venue", "S I M");
        assertThat(ask()).isEqualTo(error(400, "'S I M' is not a valid id"));
        assertThat(history.queries).isEmpty();
        assertThat(HistoryJson.history(null, params::get, NOW).status()).isEqualTo(503);
    }

    @Test
    void oneOrdersEvents() {
        OrderView o = order("A-1", null);
        history.events = new OrderHistory(ClientOrderId.of("A-1"), o,
                List.of(new OrderRecord(3, nanos("2026-12-08T09:00:00Z"), OrderEvent.ACKNOWLEDGED, o)), null);
        HistoryJson.Answer a = HistoryJson.orderEvents(history, "A-1");

        assertThat(a.status()).isEqualTo(200);
        assertThat(Json.write(a.body())).contains("\"order\":\"A-1\"").contains("\"event\":\"ACKNOWLEDGED\"")
                .contains("\"seq\":3").contains("\"stateIsNewer\":false").contains("\"current\":{\"id\":\"A-1\"");
        history.events = null;
        assertThat(HistoryJson.orderEvents(history, "NOPE"))
                .isEqualTo(error(404, "no order 'NOPE' in the live state or the database"));
        assertThat(HistoryJson.orderEvents(history, null).status()).isEqualTo(400);
        assertThat(HistoryJson.orderEvents(null, "A-1").status()).isEqualTo(503);
    }

    private static HistoryJson.Answer error(int status, String message) {
        return new HistoryJson.Answer(status, Map.of("error", message));
    }
}
