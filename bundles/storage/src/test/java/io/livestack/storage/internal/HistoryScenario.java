package io.livestack.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.history.HistoryQuery;
import io.livestack.api.history.HistoryRange;
import io.livestack.api.history.StoredHistory;
import io.livestack.api.history.StoredSlice;
import io.livestack.api.model.AccountId;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecId;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.model.VenueId;
import io.livestack.api.record.ExecutionRecord;
import io.livestack.api.record.FillRecord;
import io.livestack.api.record.OrderEvent;
import io.livestack.api.record.OrderRecord;
import io.livestack.api.state.OrderView;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Two trading days of orders and fills, and what {@link StoredHistory} must answer about them: on H2
 * ({@code JdbcStoredHistoryTest}) and on PostgreSQL ({@code PostgresPortabilityTest}) alike.
 * <pre>
 * seq  time (D = today's start)  records
 *  1   D-5h   Y1 submitted                 (yesterday's, filled yesterday)
 *  2   D-4h   Y1 filled, fill E2
 *  3   D-3h   Y2 acknowledged              (yesterday's, still open)
 *  4   D-2h   Y3 acknowledged              (yesterday's, canceled today)
 *  5   D+30m  T1 acknowledged
 *  6   D+36m  T1 partially filled, fill E6
 *  7   D+1h   Y3 canceled
 *  8   D+2h   T1 filled, fills E8a and E8b (one event)
 *  9   D+3h   T2 acknowledged              (venue FIX, strategy mom, account ACC2; stays open)
 * 10   D+4h   T3 acknowledged
 * 11   D+4h30 T2 partially filled, fill E11 (FIX, ACC2)
 * 12   D+5h   T3 canceled
 * </pre>
 */
final class HistoryScenario {

    static final long H = 3_600_000_000_000L;
    static final long D = 1_765_152_000_000_000_000L; // 2025-12-08T00:00:00Z
    static final HistoryRange TODAY = new HistoryRange(D, D + 24 * H);
    static final HistoryRange YESTERDAY = new HistoryRange(D - 24 * H, D);
    static final VenueId FIX = VenueId.of("FIX");
    static final StrategyId MOM = StrategyId.of("mom");
    static final AccountId ACC2 = AccountId.of("ACC2");

    private HistoryScenario() {
    }

    static List<ExecutionRecord> records() {
        List<ExecutionRecord> r = new ArrayList<>();
        r.add(order(1, D - 5 * H, "Y1", OrderStatus.PENDING_NEW, 1, D - 5 * H, TestRecords.VENUE, 0));
        r.add(order(2, D - 4 * H, "Y1", OrderStatus.FILLED, 1, D - 5 * H, TestRecords.VENUE, 1));
        r.add(fill(2, D - 4 * H, "E2", "Y1", TestRecords.VENUE, null));
        r.add(order(3, D - 3 * H, "Y2", OrderStatus.NEW, 3, D - 3 * H, TestRecords.VENUE, 0));
        r.add(order(4, D - 2 * H, "Y3", OrderStatus.NEW, 4, D - 2 * H, TestRecords.VENUE, 0));
        r.add(order(5, D + H / 2, "T1", OrderStatus.NEW, 5, D + H / 2, TestRecords.VENUE, 0));
        r.add(order(6, D + 36 * H / 60, "T1", OrderStatus.PARTIALLY_FILLED, 5, D + H / 2, TestRecords.VENUE, 1));
        r.add(fill(6, D + 36 * H / 60, "E6", "T1", TestRecords.VENUE, null));
        r.add(order(7, D + H, "Y3", OrderStatus.CANCELED, 4, D - 2 * H, TestRecords.VENUE, 0));
        r.add(order(8, D + 2 * H, "T1", OrderStatus.FILLED, 5, D + H / 2, TestRecords.VENUE, 3));
        r.add(fill(8, D + 2 * H, "E8a", "T1", TestRecords.VENUE, null));
        r.add(fill(8, D + 2 * H, "E8b", "T1", TestRecords.VENUE, null));
        r.add(order(9, D + 3 * H, "T2", OrderStatus.NEW, 9, D + 3 * H, FIX, 0));
        r.add(order(10, D + 4 * H, "T3", OrderStatus.NEW, 10, D + 4 * H, TestRecords.VENUE, 0));
        r.add(order(11, D + 9 * H / 2, "T2", OrderStatus.PARTIALLY_FILLED, 9, D + 3 * H, FIX, 1));
        r.add(fill(11, D + 9 * H / 2, "E11", "T2", FIX, ACC2));
        r.add(order(12, D + 5 * H, "T3", OrderStatus.CANCELED, 10, D + 4 * H, TestRecords.VENUE, 0));
        return r;
    }

    /** Every answer the scenario's records must give, the database holding all of them (projected to seq 12). */
    static void check(StoredHistory history) {
        assertThat(history.storedThrough()).isEqualTo(12);
        HistoryQuery today = HistoryQuery.of(TODAY, 100);

        // orders alive today that changed today, newest first; yesterday's open Y2 is the live state's to tell
        assertThat(ids(history.orders(today, 12, Set.of(), 100))).containsExactly("T3", "T2", "T1", "Y3");
        assertThat(history.orders(today, 12, Set.of(), 100).items().get(1))
                .isEqualTo(((OrderRecord) records().get(14)).order());
        assertThat(history.orders(today, 12, Set.of(), 100).total()).isEqualTo(4);
        assertThat(ids(history.orders(today, 7, Set.of(), 100))).as("as of seq 7").containsExactly("T1", "Y3");
        assertThat(history.orders(today, 7, Set.of(), 100).items().get(0).status())
                .as("T1 as it was at seq 7").isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(ids(history.orders(today.filter(null, null, null, null, true), 12, Set.of(), 100)))
                .containsExactly("T2");
        assertThat(ids(history.orders(today.filter(FIX, MOM, TestRecords.BTC, ACC2, false), 12, Set.of(), 100)))
                .containsExactly("T2");
        assertThat(ids(history.orders(today.filter(null, TestRecords.STRATEGY, null, null, false), 12, Set.of(),
                100))).containsExactly("T3", "T1", "Y3");
        assertThat(ids(history.orders(HistoryQuery.of(YESTERDAY, 100), 12, Set.of(), 100)))
                .as("alive yesterday: Y3 was canceled only today").containsExactly("Y3", "Y2", "Y1");

        // the first rows and the total; orders left out (the live state has newer versions of them)
        StoredSlice<OrderView> first2 = history.orders(today, 12, Set.of(), 2);
        assertThat(ids(first2)).containsExactly("T3", "T2");
        assertThat(first2.total()).isEqualTo(4);
        StoredSlice<OrderView> without = history.orders(today, 12, Set.of(id("T3"), id("Y1"), id("NOPE")), 2);
        assertThat(ids(without)).containsExactly("T2", "T1");
        assertThat(without.total()).as("Y1 and NOPE are not among the matches anyway").isEqualTo(3);

        // fills of today, newest first (E8b booked after E8a in the same event)
        assertThat(execIds(history.fills(today, 12, 100))).containsExactly("E11", "E8b", "E8a", "E6");
        assertThat(history.fills(today, 12, 100).items().get(0)).isEqualTo(records().get(15));
        assertThat(history.fills(today, 12, 2)).satisfies(s -> {
            assertThat(execIds(s)).containsExactly("E11", "E8b");
            assertThat(s.total()).isEqualTo(4);
        });
        assertThat(execIds(history.fills(today, 7, 100))).as("as of seq 7").containsExactly("E6");
        assertThat(execIds(history.fills(today.filter(TestRecords.VENUE, null, null, null, false), 12, 100)))
                .containsExactly("E8b", "E8a", "E6");
        assertThat(execIds(history.fills(today.filter(null, null, null, ACC2, false), 12, 100)))
                .containsExactly("E11");
        assertThat(execIds(history.fills(today.filter(null, MOM, null, null, false), 12, 100)))
                .containsExactly("E11");
        assertThat(execIds(history.fills(today.filter(null, StrategyId.of("nobody"), null, null, false), 12, 100)))
                .isEmpty();
        assertThat(execIds(history.fills(HistoryQuery.of(YESTERDAY, 100), 12, 100))).containsExactly("E2");

        // one order's events, oldest first
        assertThat(history.orderEvents(id("T1"))).extracting(OrderRecord::seq).containsExactly(5L, 6L, 8L);
        assertThat(history.orderEvents(id("T1")).get(2).event()).isEqualTo(OrderEvent.FILLED);
        assertThat(history.orderEvents(id("NOPE"))).isEmpty();
    }

    static ClientOrderId id(String id) {
        return ClientOrderId.of(id);
    }

    static List<String> ids(StoredSlice<OrderView> slice) {
        return slice.items().stream().map(o -> o.clientOrderId().value()).toList();
    }

    static List<String> execIds(StoredSlice<FillRecord> slice) {
        return slice.items().stream().map(f -> f.execId().value()).toList();
    }

    private static OrderRecord order(long seq, long time, String id, OrderStatus status, long createdSeq,
            long createdTime, VenueId venue, int filled) {
        boolean fix = venue.equals(FIX);
        OrderView o = new OrderView(id(id), id(id), null, null, fix ? MOM : TestRecords.STRATEGY, venue,
                TestRecords.BTC, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, Fixed.of(100), Fixed.of(3),
                Fixed.of(filled), filled == 0 ? 0 : Fixed.of(100), status, 0, 0, false, true, null, createdSeq, seq,
                createdTime, time, fix ? ACC2 : AccountId.DEFAULT);
        OrderEvent event = switch (status) {
            case PENDING_NEW -> OrderEvent.SUBMITTED;
            case NEW -> OrderEvent.ACKNOWLEDGED;
            default -> OrderEvent.valueOf(status.name());
        };
        return new OrderRecord(seq, time, event, o);
    }

    private static FillRecord fill(long seq, long time, String execId, String order, VenueId venue,
            AccountId account) {
        return new FillRecord(seq, time, venue, ExecId.of(execId), id(order), null,
                venue.equals(FIX) ? MOM : TestRecords.STRATEGY, TestRecords.BTC, Side.BUY, Fixed.of(100),
                Fixed.of(1), null, 0, null, 0, FillRecord.Kind.TRADE, null, account);
    }
}
