package io.livestack.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livestack.api.history.HistoryQuery;
import io.livestack.api.history.HistoryRange;
import io.livestack.api.history.OrderHistory;
import io.livestack.api.model.AccountId;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecId;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.Side;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.TradingDay;
import io.livestack.api.model.VenueId;
import io.livestack.api.record.FillRecord;
import io.livestack.api.record.OrderEvent;
import io.livestack.api.record.OrderRecord;
import io.livestack.api.state.OrderView;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.Test;

/** livestack:orders, livestack:fills and livestack:order-events over a trading history double. */
class HistoryCommandsTest {

    static final TradingDay LONDON_8 = new TradingDay(LocalTime.of(8, 0), ZoneId.of("Europe/London"));

    private final Fakes.Runtime runtime = new Fakes.Runtime();
    private final Fakes.Console console = new Fakes.Console("viewer");
    private final Fakes.History history = new Fakes.History();

    private <C extends HistoryCommand> C wire(C command) {
        Fakes.wire(command, runtime, console).history = history;
        return command;
    }

    static long nanos(String instant) {
        Instant i = Instant.parse(instant);
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    static FillRecord fill(String execId) {
        return new FillRecord(7, nanos("2026-12-08T09:30:00Z"), VenueId.of("SIM"), ExecId.of(execId),
                ClientOrderId.of("A-1"), null, StrategyId.of("mm1"), InstrumentId.of("BTC-USD"), Side.BUY,
                Fixed.of(100), Fixed.parse("0.5"), null, 0, null, 0);
    }

    @Test
    void byDefaultTodaysTradingDayTheFirstPage() throws Exception {
        history.day = LONDON_8;
        long before = HistoryCommand.nowNanos();
        wire(new OrdersCommand()).execute();
        long after = HistoryCommand.nowNanos();

        HistoryQuery q = history.queries.get(0);
        assertThat(q.since()).isIn(LONDON_8.startOf(before), LONDON_8.startOf(after));
        assertThat(q.until()).isIn(LONDON_8.endOf(before), LONDON_8.endOf(after));
        assertThat(q.offset()).isZero();
        assertThat(q.limit()).isEqualTo(100);
        assertThat(q.openOnly()).isFalse();
        assertThat(console.text()).contains("no order").contains("no orders of 0 (page 1 of 1), alive in the "
                + "trading day " + LONDON_8.dateOf(after) + " (from 08:00 Europe/London); from the database up to seq "
                + "900 and the live state after it");
    }

    @Test
    void theOptionsMakeTheQuery() throws Exception {
        history.day = LONDON_8;
        OrdersCommand c = wire(new OrdersCommand());
        c.since = "2026-12-08T09:00";
        c.until = "2026-12-08 10:00";
        c.venue = "SIM";
        c.strategy = "manual";
        c.instrument = "BTC-USD";
        c.account = "A1";
        c.page = "3";
        c.limit = "20";
        c.open = true;
        c.execute();

        assertThat(history.queries).containsExactly(new HistoryQuery(nanos("2026-12-08T09:00:00Z"),
                nanos("2026-12-08T10:00:00Z"), VenueId.of("SIM"), StrategyId.of("manual"),
                InstrumentId.of("BTC-USD"), AccountId.of("A1"), true, 40, 20));
        assertThat(console.text()).contains("no open order").contains("alive from 2026-12-08T09:00:00Z to "
                + "2026-12-08T10:00:00Z");
    }

    @Test
    void theLineUnderTheTableSaysWhichRowsOfHowManyAndHowManyMore() throws Exception {
        history.orders = List.of(ManualOrdersTest.order("A-2", OrderStatus.NEW),
                ManualOrdersTest.order("A-1", OrderStatus.FILLED));
        history.total = 45;
        OrdersCommand c = wire(new OrdersCommand());
        c.page = "2";
        c.limit = "2";
        c.since = "2020-01-01";
        c.execute();

        List<String> lines = console.text().lines().toList();
        assertThat(console.text()).contains("A-2").contains("A-1").contains("Created (UTC)");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("orders 3-4 of 45 (page 2 of 23; 41 more: --page 3), "
                + "alive from 2020-01-01T00:00:00Z to " + HistoryRange.text(TradingDay.MIDNIGHT_UTC.endOf(
                        HistoryCommand.nowNanos())) + "; from the database up to seq 900 and the live state after it");
    }

    @Test
    void aPagePastTheLastSaysSo() throws Exception {
        history.total = 45;
        OrdersCommand c = wire(new OrdersCommand());
        c.page = "7";
        c.limit = "10";
        c.execute();

        assertThat(console.text()).contains("no orders of 45 (page 7 is past the last, 5), alive in the trading day");
    }

    @Test
    void withoutTheDatabaseTheStatesRowsAndAWarning() throws Exception {
        history.fills = List.of(fill("E1"));
        history.unavailable = "the database cannot read fills: Connection refused";
        wire(new FillsCommand()).execute();

        assertThat(console.text()).contains("E1").contains("fills 1-1 of 1 (page 1 of 1), booked in the trading day ")
                .contains("; from the live state only")
                .contains("WARNING: stored history unavailable (the database cannot read fills: Connection refused): "
                        + "earlier sessions' fills and those the live state no longer holds are missing");
        assertThat(history.queries.get(0).limit()).isEqualTo(50);
    }

    @Test
    void badOptionsAreOneLineErrors() {
        FillsCommand c = wire(new FillsCommand());
        c.since = "yesterday-ish";
        assertThatThrownBy(c::execute).isInstanceOf(CommandException.class)
                .hasMessageStartingWith("since 'yesterday-ish' is not a time: write an instant");
        c.since = "-1h";
        c.until = "-2h";
        assertThatThrownBy(c::execute).hasMessageStartingWith("the range is empty: since '-1h' (");
        c.until = null;
        c.page = "0";
        assertThatThrownBy(c::execute).hasMessage("page '0' must be between 1 and 2147483647");
        c.page = "5000";
        c.limit = "100";
        assertThatThrownBy(c::execute).hasMessage("page 5000 of 100 rows is deeper than the first 100000 rows: "
                + "narrow the range (since/until)");
        c.page = null;
        c.limit = "10001";
        assertThatThrownBy(c::execute).hasMessage("limit '10001' must be between 1 and 10000");
        c.limit = null;
        c.history = null;
        assertThatThrownBy(c::execute).hasMessageStartingWith("the Live Stack runtime is not running");
        assertThat(history.queries).isEmpty();
    }

    @Test
    void orderEventsShowsTheDatabasesEventsAndTheLiveStatesNewerChange() throws Exception {
        OrderView acked = ManualOrdersTest.order("A-1", OrderStatus.NEW);
        OrderView now = ManualOrdersTest.order("A-1", OrderStatus.CANCELED);
        now = new OrderView(now.clientOrderId(), ClientOrderId.of("A-1-r1"), null, null, now.strategy(), now.venue(),
                now.instrument(), now.side(), now.type(), now.timeInForce(), now.price(), now.quantity(), 0, 0,
                OrderStatus.CANCELED, 0, 0, false, true, "", 1, 12, 0, 0);
        history.events = new OrderHistory(ClientOrderId.of("A-1"), now,
                List.of(new OrderRecord(1, nanos("2026-12-08T09:00:00Z"), OrderEvent.SUBMITTED, acked),
                        new OrderRecord(3, nanos("2026-12-08T09:00:01Z"), OrderEvent.ACKNOWLEDGED, acked)), null);
        OrderEventsCommand c = Fakes.wire(new OrderEventsCommand(), runtime, console);
        c.history = history;
        c.order = "A-1-r1";
        c.execute();

        assertThat(console.text()).startsWith("order A-1 (A-1-r1 is one of its ClOrdIDs); now CANCELED BUY 1 "
                + "BTC-USD @ 100 at SIM, filled 0, strategy mm1, account DEFAULT (live state)")
                .contains("SUBMITTED").contains("ACKNOWLEDGED").contains("2026-12-08 09:00:01.000")
                .contains("the live state changed it at seq 12, after the last event in the database");

        history.events = new OrderHistory(ClientOrderId.of("A-1"), null, List.of(), "no stored history: the "
                + "storage bundle is not running (feature livestack-storage)");
        c.order = "A-1";
        c.execute();
        assertThat(console.text()).contains("order A-1; the live state no longer holds it")
                .contains("no event shown").contains("WARNING: stored history unavailable (no stored history");

        history.events = null;
        c.order = "NOPE";
        assertThatThrownBy(c::execute).isInstanceOf(CommandException.class)
                .hasMessage("no order 'NOPE' in the live state or the database");
    }
}
