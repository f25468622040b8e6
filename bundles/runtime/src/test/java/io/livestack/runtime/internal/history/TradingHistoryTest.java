package io.livestack.runtime.internal.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.history.HistoryPage;
import io.livestack.api.history.HistoryQuery;
import io.livestack.api.history.HistoryRange;
import io.livestack.api.history.OrderHistory;
import io.livestack.api.intent.Intent;
import io.livestack.api.model.AccountId;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecId;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.model.TradingDay;
import io.livestack.api.model.VenueId;
import io.livestack.api.record.ExecutionRecord;
import io.livestack.api.record.FillRecord;
import io.livestack.api.record.OrderEvent;
import io.livestack.api.record.OrderRecord;
import io.livestack.api.risk.LimitUsage;
import io.livestack.api.risk.RiskDecision;
import io.livestack.api.risk.RiskSnapshot;
import io.livestack.api.risk.RiskStage;
import io.livestack.api.state.OrderView;
import io.livestack.api.state.StateView;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The merge of the live state and the database against the truth: a random session's records (two trading days), a
 * database written up to a random mark, a state that evicted some closed orders the database has and keeps only the
 * newest fills — every page of every query, concatenated, is exactly the truth, each order and fill once, each order
 * as the state has it when it has it.
 */
class TradingHistoryTest {

    static final long D = 1_765_152_000_000_000_000L; // 2025-12-08T00:00:00Z
    static final long DAY = 86_400_000_000_000L;
    static final List<VenueId> VENUES = List.of(VenueId.of("SIM"), VenueId.of("FIX"));
    static final List<StrategyId> STRATEGIES = List.of(StrategyId.of("mm"), StrategyId.of("mom"));
    static final List<AccountId> ACCOUNTS = List.of(AccountId.of("A1"), AccountId.of("A2"));

    /** A random session of {@code events} events from D-1d to D+1d, its database and its state. */
    static final class Session {
        final List<ExecutionRecord> journal = new ArrayList<>();
        final Map<ClientOrderId, OrderView> latest = new LinkedHashMap<>();
        final List<FillRecord> fills = new ArrayList<>();
        final HistoryDoubles.State state = new HistoryDoubles.State();
        final HistoryDoubles.Database db = new HistoryDoubles.Database();
        final HistoryDoubles.Runtime runtime = new HistoryDoubles.Runtime(state);
        final TradingHistoryComponent history = new TradingHistoryComponent(runtime);

        Session(long seed, int events) {
            this(seed, events, -1);
        }

        /** ... its database written up to {@code mark} (-1: a random seq in the second half). */
        Session(long seed, int events, long mark) {
            Random rnd = new Random(seed);
            for (int seq = 1; seq <= events; seq++) {
                long t = D - DAY + (long) seq * (2 * DAY / events);
                List<OrderView> open = latest.values().stream().filter(OrderView::isOpen).toList();
                if (open.isEmpty() || rnd.nextInt(100) < 35) {
                    book(new OrderRecord(seq, t, OrderEvent.ACKNOWLEDGED, order("O" + seq, rnd, seq, t)));
                    continue;
                }
                OrderView o = open.get(rnd.nextInt(open.size()));
                int action = rnd.nextInt(100);
                if (action < 30) {
                    book(new OrderRecord(seq, t, OrderEvent.CANCELED, change(o, OrderStatus.CANCELED, seq, t)));
                } else {
                    boolean done = action >= 65;
                    book(new OrderRecord(seq, t, done ? OrderEvent.FILLED : OrderEvent.PARTIALLY_FILLED,
                            change(o, done ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED, seq, t)));
                    for (int k = 0; k < (done && rnd.nextBoolean() ? 2 : 1); k++) {
                        book(new FillRecord(seq, t, o.venue(), ExecId.of("E" + seq + "-" + k), o.clientOrderId(),
                                null, o.strategy(), o.instrument(), o.side(), 100, 1, null, 0, null, 0,
                                FillRecord.Kind.TRADE, null, o.account()));
                    }
                }
            }
            db.mark = mark >= 0 ? mark : events / 2 + rnd.nextInt(events / 2 + 1);
            db.records.addAll(journal);
            state.lastSeq = events;
            long newFills = fills.stream().filter(f -> f.seq() > db.mark).count();
            state.fills.addAll(fills.subList((int) Math.max(0, fills.size() - newFills - rnd.nextInt(20)),
                    fills.size()));
            for (OrderView o : latest.values()) {
                if (o.isOpen() || o.updatedSeq() > db.mark || rnd.nextBoolean()) {
                    state.putOrder(o); // the others left memory at a snapshot (closed long ago)
                }
            }
            history.bindStored(db);
        }

        private void book(ExecutionRecord r) {
            journal.add(r);
            if (r instanceof OrderRecord o) {
                latest.put(o.order().clientOrderId(), o.order());
            } else {
                fills.add((FillRecord) r);
            }
        }

        List<OrderView> truthOrders(HistoryQuery q) {
            return latest.values().stream().filter(q::matches).sorted(HistoryQuery.NEWEST_ORDER_FIRST).toList();
        }

        List<FillRecord> truthFills(HistoryQuery q) {
            List<FillRecord> rows = new ArrayList<>();
            fills.stream().filter(q::matches).forEach(f -> rows.add(0, f));
            return rows;
        }
    }

    static OrderView order(String id, Random rnd, long seq, long t) {
        return new OrderView(ClientOrderId.of(id), ClientOrderId.of(id), null, null,
                STRATEGIES.get(rnd.nextInt(2)), VENUES.get(rnd.nextInt(2)), InstrumentId.of("BTC-USD"), Side.BUY,
                OrderType.LIMIT, TimeInForce.GTC, 100, 5, 0, 0, OrderStatus.NEW, 0, 0, false, true, null, seq, seq, t,
                t, ACCOUNTS.get(rnd.nextInt(2)));
    }

    static OrderView change(OrderView o, OrderStatus status, long seq, long t) {
        return new OrderView(o.clientOrderId(), o.currentClientOrderId(), null, null, o.strategy(), o.venue(),
                o.instrument(), o.side(), o.type(), o.timeInForce(), o.price(), o.quantity(), o.filledQuantity() + 1,
                100, status, 0, 0, false, true, null, o.createdSeq(), seq, o.createdTimeNanos(), t, o.account());
    }

    static List<HistoryQuery> queries() {
        HistoryQuery today = HistoryQuery.of(new HistoryRange(D, D + DAY), 10);
        return List.of(today, HistoryQuery.of(new HistoryRange(D - DAY, D), 10),
                HistoryQuery.of(new HistoryRange(D - DAY / 3, D + DAY / 3), 10),
                today.filter(VENUES.get(0), null, null, null, false),
                today.filter(null, STRATEGIES.get(1), null, ACCOUNTS.get(0), false),
                today.filter(null, null, null, null, true));
    }

    /** Every page of {@code size} rows, concatenated; each page's total and remaining checked on the way. */
    static <T> List<T> allPages(HistoryQuery q, int size, Function<HistoryQuery, HistoryPage<T>> ask) {
        List<T> rows = new ArrayList<>();
        for (int page = 1; ; page++) {
            HistoryPage<T> p = ask.apply(q.page(page, size));
            assertThat(p.stored()).isTrue();
            rows.addAll(p.items());
            assertThat(p.remaining()).isEqualTo(p.total() - rows.size());
            if (p.remaining() == 0) {
                assertThat(p.total()).isEqualTo(rows.size());
                return rows;
            }
            assertThat(p.items()).hasSize(size);
        }
    }

    @Test
    void everyPageOfEveryQueryIsTheTruthEachRowOnce() {
        for (long seed = 1; seed <= 30; seed++) {
            Session s = new Session(seed, 300);
            for (HistoryQuery q : queries()) {
                for (int size : new int[] {1, 7, 50, 1000}) {
                    assertThat(allPages(q, size, s.history::orders)).as("seed %d, %s, pages of %d", seed, q, size)
                            .containsExactlyElementsOf(s.truthOrders(q));
                    assertThat(allPages(q, size, s.history::fills)).as("seed %d, %s, pages of %d", seed, q, size)
                            .containsExactlyElementsOf(s.truthFills(q));
                }
            }
            HistoryPage<FillRecord> first = s.history.fills(queries().get(0));
            assertThat(first.storedThrough()).isEqualTo(s.db.mark);
        }
    }

    @Test
    void theStatesVersionOfAnOrderWinsOverTheDatabasesOlderOne() {
        Session s = new Session(7, 300, 150); // the database is far behind: many orders changed after it
        HistoryQuery q = HistoryQuery.of(new HistoryRange(D - DAY, D + DAY), 1000);
        HistoryPage<OrderView> page = s.history.orders(q);
        assertThat(page.items()).containsExactlyElementsOf(s.truthOrders(q));
        assertThat(page.items()).allSatisfy(o -> assertThat(o).isEqualTo(s.latest.get(o.clientOrderId())));
        assertThat(page.storedThrough()).isEqualTo(150);
    }

    @Test
    void withoutStorageThePageHoldsTheStatesRowsAndSaysWhy() {
        Session s = new Session(3, 300);
        s.history.unbindStored(s.db);
        HistoryQuery q = HistoryQuery.of(new HistoryRange(D - DAY, D + DAY), 1000);
        HistoryPage<OrderView> page = s.history.orders(q);
        assertThat(page.stored()).isFalse();
        assertThat(page.storedUnavailable()).isEqualTo(TradingHistoryComponent.NO_STORAGE);
        assertThat(page.storedThrough()).isEqualTo(-1);
        assertThat(page.items()).containsExactlyElementsOf(s.state.orders().stream().filter(q::matches)
                .sorted(HistoryQuery.NEWEST_ORDER_FIRST).toList());
        assertThat(page.total()).isEqualTo(page.items().size());
        assertThat(page.items().size()).as("the evicted orders are missing").isLessThan(s.truthOrders(q).size());
        HistoryPage<FillRecord> fills = s.history.fills(q);
        assertThat(fills.items()).containsExactlyElementsOf(s.state.recentFills(Integer.MAX_VALUE).stream()
                .filter(q::matches).toList());
    }

    @Test
    void aDatabaseFailingAfterItsMarkWasReadGivesTheWholeStatesPart() {
        Session s = new Session(5, 300);
        HistoryQuery q = HistoryQuery.of(new HistoryRange(D - DAY, D + DAY), 1000);
        s.db.failFrom = 2; // storedThrough answers, the query fails
        HistoryPage<FillRecord> fills = s.history.fills(q);
        assertThat(fills.storedUnavailable()).isEqualTo("the database cannot read: connection refused");
        assertThat(fills.items()).as("not only those after the mark")
                .containsExactlyElementsOf(s.state.recentFills(Integer.MAX_VALUE).stream().filter(q::matches)
                        .toList());
        s.db.calls = 0;
        s.db.failFrom = 1;
        assertThat(s.history.orders(q).storedUnavailable()).isEqualTo("the database cannot read: connection refused");
    }

    @Test
    void oneOrdersEventsByItsHandleOrAnyClOrdIdTheStateKnows() {
        Session s = new Session(11, 300, 200);
        OrderView changed = s.latest.values().stream().filter(o -> o.updatedSeq() > o.createdSeq()
                && o.updatedSeq() <= s.db.mark).findFirst().orElseThrow();
        OrderHistory h = s.history.orderEvents(changed.clientOrderId());
        assertThat(h.order()).isEqualTo(changed.clientOrderId());
        assertThat(h.events()).containsExactlyElementsOf(s.journal.stream().filter(r -> r instanceof OrderRecord o
                && o.order().clientOrderId().equals(changed.clientOrderId())).map(OrderRecord.class::cast).toList());
        assertThat(h.events().get(0).seq()).isEqualTo(changed.createdSeq());
        assertThat(h.stateIsNewer()).isFalse();

        OrderView alias = s.state.orders().iterator().next();
        s.state.alias(ClientOrderId.of("R-1"), alias.clientOrderId());
        assertThat(s.history.orderEvents(ClientOrderId.of("R-1")).order()).isEqualTo(alias.clientOrderId());

        OrderView newest = s.state.orders().stream().filter(o -> o.updatedSeq() > s.db.mark).findFirst()
                .orElseThrow();
        assertThat(s.history.orderEvents(newest.clientOrderId()).stateIsNewer()).isTrue();
        assertThat(s.history.orderEvents(ClientOrderId.of("NOPE"))).isNull();

        s.history.unbindStored(s.db);
        OrderHistory without = s.history.orderEvents(newest.clientOrderId());
        assertThat(without.current()).isEqualTo(newest);
        assertThat(without.events()).isEmpty();
        assertThat(without.storedUnavailable()).isEqualTo(TradingHistoryComponent.NO_STORAGE);
    }

    @Test
    void theTradingDayIsTheRiskStagesAndIsRememberedWhileItIsAway() {
        Session s = new Session(1, 10);
        assertThat(s.history.tradingDay()).isEqualTo(TradingDay.MIDNIGHT_UTC);
        TradingDay london = new TradingDay(LocalTime.of(8, 0), ZoneId.of("Europe/London"));
        RiskStage risk = new RiskStage() {
            @Override
            public RiskDecision check(Intent intent, StateView state, long nowNanos) {
                return RiskDecision.ACCEPT;
            }

            @Override
            public List<LimitUsage> limits() {
                return List.of();
            }

            @Override
            public RiskSnapshot snapshot() {
                return null;
            }

            @Override
            public void restore(RiskSnapshot snapshot) {
            }

            @Override
            public TradingDay tradingDay() {
                return london;
            }
        };
        s.history.bindRisk(risk);
        assertThat(s.history.tradingDay()).isEqualTo(london);
        s.history.unbindRisk(risk);
        assertThat(s.history.tradingDay()).isEqualTo(london);
    }
}
