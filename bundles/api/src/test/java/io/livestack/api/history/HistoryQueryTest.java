package io.livestack.api.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livestack.api.model.AccountId;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecId;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.model.VenueId;
import io.livestack.api.record.FillRecord;
import io.livestack.api.state.OrderView;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryQueryTest {

    static final HistoryQuery DAY = HistoryQuery.of(new HistoryRange(100, 200), 50);

    static OrderView order(String id, OrderStatus status, long createdSeq, long created, long updated) {
        return new OrderView(ClientOrderId.of(id), ClientOrderId.of(id), null, null, StrategyId.of("mm"),
                VenueId.of("SIM"), InstrumentId.of("BTC-USD"), Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 1, 1, 0, 0,
                status, 0, 0, false, true, null, createdSeq, createdSeq, created, updated, AccountId.of("ACC"));
    }

    static FillRecord fill(long seq, long time, String venue) {
        return new FillRecord(seq, time, VenueId.of(venue), ExecId.of("E" + seq), ClientOrderId.of("C" + seq), null,
                StrategyId.of("mm"), InstrumentId.of("BTC-USD"), Side.BUY, 1, 1, null, 0, null, 0);
    }

    @Test
    void anOrderIsInTheRangeWhenItWasAliveInIt() {
        assertThat(DAY.matches(order("A", OrderStatus.FILLED, 1, 120, 130))).as("created and closed in it").isTrue();
        assertThat(DAY.matches(order("B", OrderStatus.FILLED, 1, 50, 150))).as("created before, closed in it")
                .isTrue();
        assertThat(DAY.matches(order("C", OrderStatus.FILLED, 1, 150, 250))).as("created in it, closed after")
                .isTrue();
        assertThat(DAY.matches(order("D", OrderStatus.NEW, 1, 10, 20))).as("open since before").isTrue();
        assertThat(DAY.changedIn(order("D", OrderStatus.NEW, 1, 10, 20))).as("but not changed in it").isFalse();
        assertThat(DAY.matches(order("E", OrderStatus.CANCELED, 1, 10, 99))).as("closed before").isFalse();
        assertThat(DAY.matches(order("F", OrderStatus.NEW, 1, 200, 200))).as("created at the end").isFalse();
    }

    @Test
    void filtersAndOpenOnly() {
        HistoryQuery q = DAY.filter(VenueId.of("SIM"), StrategyId.of("mm"), InstrumentId.of("BTC-USD"),
                AccountId.of("ACC"), true);
        assertThat(q.matches(order("A", OrderStatus.NEW, 1, 120, 130))).isTrue();
        assertThat(q.matches(order("A", OrderStatus.FILLED, 1, 120, 130))).as("open only").isFalse();
        assertThat(DAY.filter(VenueId.of("FIX"), null, null, null, false).matches(order("A", OrderStatus.NEW, 1,
                120, 130))).isFalse();
        assertThat(DAY.filter(null, null, null, AccountId.of("OTHER"), false).matches(fill(1, 150, "SIM")))
                .isFalse();
        assertThat(DAY.matches(fill(1, 100, "SIM"))).as("since inclusive").isTrue();
        assertThat(DAY.matches(fill(1, 200, "SIM"))).as("until exclusive").isFalse();
    }

    @Test
    void newestFirst() {
        List<OrderView> orders = new ArrayList<>(List.of(order("A", OrderStatus.NEW, 5, 0, 0),
                order("C", OrderStatus.NEW, 7, 0, 0), order("B", OrderStatus.NEW, 7, 0, 0)));
        orders.sort(HistoryQuery.NEWEST_ORDER_FIRST);
        assertThat(orders).extracting(o -> o.clientOrderId().value()).containsExactly("C", "B", "A");
        List<FillRecord> fills = new ArrayList<>(List.of(fill(3, 0, "SIM"), fill(9, 0, "SIM"), fill(4, 0, "SIM")));
        fills.sort(HistoryQuery.NEWEST_FILL_FIRST);
        assertThat(fills).extracting(FillRecord::seq).containsExactly(9L, 4L, 3L);
    }

    @Test
    void pagesAreBoundedWithClearMessages() {
        assertThat(DAY.page(3, 20)).satisfies(q -> {
            assertThat(q.offset()).isEqualTo(40);
            assertThat(q.limit()).isEqualTo(20);
            assertThat(q.depth()).isEqualTo(60);
        });
        assertThatThrownBy(() -> DAY.page(0, 20)).hasMessage("page 0 must be 1 or more");
        assertThatThrownBy(() -> DAY.page(5001, 20))
                .hasMessage("page 5001 of 20 rows is deeper than the first 100000 rows: narrow the range "
                        + "(since/until)");
        assertThatThrownBy(() -> DAY.page(1, 10_001)).hasMessage("page size 10001 must be between 1 and 10000");
        assertThatThrownBy(() -> new HistoryQuery(5, 5, null, null, null, null, false, 0, 1))
                .hasMessageStartingWith("the range is empty");
    }
}
