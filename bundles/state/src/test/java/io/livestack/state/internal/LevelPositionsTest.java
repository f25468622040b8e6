package io.livestack.state.internal;

import static io.livestack.api.model.Fixed.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.event.BookLevel;
import io.livestack.api.event.BookSnapshot;
import io.livestack.api.model.AccountId;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecId;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.LiquidityFlag;
import io.livestack.api.model.Side;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.VenueId;
import io.livestack.api.record.FillRecord;
import io.livestack.api.record.PositionRecord;
import io.livestack.api.state.PnlView;
import io.livestack.api.state.PositionView;
import io.livestack.api.state.PositionView.Level;
import io.livestack.api.state.StateSnapshot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Positions at every level and P&amp;L per scope, computed by hand. Reference data: reporting currency USD, one EUR
 * is 1.2 USD; FDX is quoted in EUR with a contract multiplier of 10. Strategy A trades for account ACC1, strategy B for
 * ACC2, both at venue V; fees are in EUR.
 */
class LevelPositionsTest {

    private static final VenueId V = VenueId.of("V");
    private static final InstrumentId FDX = InstrumentId.of("FDX");
    private static final StrategyId A = StrategyId.of("A");
    private static final StrategyId B = StrategyId.of("B");
    private static final AccountId ACC1 = AccountId.of("ACC1");
    private static final AccountId ACC2 = AccountId.of("ACC2");
    private static final Map<String, String> REFDATA = Map.of("reportingCurrency", "USD", "fx.EUR", "1.2",
            "instrument.FDX.currency", "EUR", "instrument.FDX.multiplier", "10");

    private final InMemoryStateStore store = new InMemoryStateStore(REFDATA);
    private long seq;

    private List<PositionRecord> fill(StrategyId strategy, AccountId account, Side side, String quantity,
            String price, String feeEur) {
        seq++;
        return book(new FillRecord(seq, seq, V, ExecId.of("E" + seq), ClientOrderId.of("C" + seq), null, strategy,
                FDX, side, parse(price), parse(quantity), LiquidityFlag.UNKNOWN, parse(feeEur), "EUR", seq,
                FillRecord.Kind.TRADE, null, account));
    }

    private List<PositionRecord> book(FillRecord fill) {
        return store.applyFillAtEveryLevel(fill.seq(), fill.seq(), fill);
    }

    private void mid(String bid, String ask) {
        store.apply(++seq, new BookSnapshot(V, FDX, 0, List.of(new BookLevel(parse(bid), parse("1"))),
                List.of(new BookLevel(parse(ask), parse("1")))));
    }

    /** A buys 2 @ 100 (fee 0.5), B sells 3 @ 102 (fee 0.6), A sells 1 @ 105 (fee 0.25); mid 104. */
    private void scenario() {
        fill(A, ACC1, Side.BUY, "2", "100", "0.5");
        fill(B, ACC2, Side.SELL, "3", "102", "0.6");
        fill(A, ACC1, Side.SELL, "1", "105", "0.25");
        mid("103", "105");
    }

    @Test
    void aFillBooksIntoEveryLevelInOrder() {
        List<PositionRecord> records = fill(A, ACC1, Side.BUY, "2", "100", "0.5");

        assertThat(records).extracting(r -> r.position().level())
                .containsExactly(Level.DESK, Level.ACCOUNT, Level.STRATEGY, Level.BOOK, Level.VENUE);
        assertThat(records.get(3).position().account()).isEqualTo(ACC1);
        assertThat(records.get(3).position().strategy()).isEqualTo(A);
        assertThat(records.get(4).position().venue()).isEqualTo(V);
        assertThat(records.get(4).position().account()).isEqualTo(ACC1);
        assertThat(records).allSatisfy(r -> assertThat(r.position().netQuantity()).isEqualTo(parse("2")));
    }

    @Test
    void everyLevelIsAccountedOnItsOwnFillsWithMultiplierAndFeesInTheReportingCurrency() {
        scenario();

        // Strategy A (= account ACC1, book ACC1/A, venue V/ACC1): buy 2 @ 100, sell 1 @ 105.
        // realized (105 − 100) × 1 × 10 = 50 EUR; net 1 at average 100; unrealized (104 − 100) × 1 × 10 = 40 EUR;
        // fees (0.5 + 0.25) EUR × 1.2 = 0.9 USD.
        for (PositionView p : List.of(store.position(A, FDX), store.position(ACC1, FDX))) {
            assertThat(p.netQuantity()).isEqualTo(parse("1"));
            assertThat(p.averagePrice()).isEqualTo(parse("100"));
            assertThat(p.realizedPnl()).isEqualTo(parse("50"));
            assertThat(p.unrealizedPnl()).isEqualTo(parse("40"));
            assertThat(p.markPrice()).isEqualTo(parse("104"));
            assertThat(p.fees()).isEqualTo(parse("0.9"));
            assertThat(p.boughtQuantity()).isEqualTo(parse("2"));
            assertThat(p.soldQuantity()).isEqualTo(parse("1"));
        }
        // Strategy B (= ACC2): sell 3 @ 102: net −3 at 102; unrealized (104 − 102) × −3 × 10 = −60 EUR;
        // fees 0.6 × 1.2 = 0.72 USD.
        PositionView b = store.position(B, FDX);
        assertThat(b.netQuantity()).isEqualTo(parse("-3"));
        assertThat(b.averagePrice()).isEqualTo(parse("102"));
        assertThat(b.realizedPnl()).isZero();
        assertThat(b.unrealizedPnl()).isEqualTo(parse("-60"));
        assertThat(b.fees()).isEqualTo(parse("0.72"));
        assertThat(store.position(ACC2, FDX)).isEqualTo(new PositionView(FDX, b.netQuantity(), b.averagePrice(),
                0, b.unrealizedPnl(), b.markPrice(), 0, parse("3"), b.updatedSeq(), ACC2, null, null, b.fees()));
        // Desk: buy 2 @ 100; sell 3 @ 102 closes 2 — realized (102 − 100) × 2 × 10 = 40 EUR — and opens −1 at 102;
        // sell 1 @ 105 adds: average (102 + 105) / 2 = 103.5, net −2; unrealized (104 − 103.5) × −2 × 10 = −10 EUR;
        // fees 0.6 + 0.72 + 0.3 = 1.62 USD.
        PositionView desk = store.position(FDX);
        assertThat(desk.netQuantity()).isEqualTo(parse("-2"));
        assertThat(desk.averagePrice()).isEqualTo(parse("103.5"));
        assertThat(desk.realizedPnl()).isEqualTo(parse("40"));
        assertThat(desk.unrealizedPnl()).isEqualTo(parse("-10"));
        assertThat(desk.fees()).isEqualTo(parse("1.62"));
        assertThat(desk.boughtQuantity()).isEqualTo(parse("2"));
        assertThat(desk.soldQuantity()).isEqualTo(parse("4"));

        assertThat(store.positions(Level.BOOK)).extracting(PositionView::account, PositionView::strategy,
                PositionView::netQuantity).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ACC1, A, parse("1")),
                        org.assertj.core.groups.Tuple.tuple(ACC2, B, parse("-3")));
        assertThat(store.positions(Level.VENUE)).extracting(PositionView::venue, PositionView::account,
                PositionView::netQuantity).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(V, ACC1, parse("1")),
                        org.assertj.core.groups.Tuple.tuple(V, ACC2, parse("-3")));
        assertThat(store.positions(Level.DESK)).containsExactly(desk);
    }

    @Test
    void pnlPerScopeIsConvertedToTheReportingCurrency() {
        scenario();

        // Desk: realized 40 EUR × 1.2 = 48; unrealized −10 × 1.2 = −12; fees 1.62; net 48 − 12 − 1.62 = 34.38;
        // exposure −2 × 104 × 10 = −2080 EUR × 1.2 = −2496 USD.
        assertThat(store.pnl(PnlView.Scope.DESK, "*")).isEqualTo(new PnlView(PnlView.Scope.DESK, "*", "USD",
                parse("48"), parse("-12"), parse("1.62"), parse("2496"), parse("-2496")));
        assertThat(store.pnl(PnlView.Scope.DESK, "*").net()).isEqualTo(parse("34.38"));
        // ACC1 and A: realized 50 × 1.2 = 60; unrealized 40 × 1.2 = 48; fees 0.9; net 107.1;
        // exposure 1 × 104 × 10 × 1.2 = 1248.
        PnlView acc1 = new PnlView(PnlView.Scope.ACCOUNT, "ACC1", "USD", parse("60"), parse("48"), parse("0.9"),
                parse("1248"), parse("1248"));
        assertThat(store.pnl(PnlView.Scope.ACCOUNT, "ACC1")).isEqualTo(acc1);
        assertThat(acc1.net()).isEqualTo(parse("107.1"));
        // ACC2 and B: unrealized −60 × 1.2 = −72; fees 0.72; net −72.72; exposure −3 × 104 × 10 × 1.2 = −3744.
        PnlView acc2 = new PnlView(PnlView.Scope.ACCOUNT, "ACC2", "USD", 0, parse("-72"), parse("0.72"),
                parse("3744"), parse("-3744"));
        assertThat(store.pnl(PnlView.Scope.ACCOUNT, "ACC2")).isEqualTo(acc2);
        // The parts' realized + unrealized (60 + 48 − 72 = 36) is the desk's (48 − 12 = 36), though realized alone
        // is not: each level is accounted on its own average.
        assertThat(store.pnl()).extracting(PnlView::scope, PnlView::id).containsExactly(
                org.assertj.core.groups.Tuple.tuple(PnlView.Scope.DESK, "*"),
                org.assertj.core.groups.Tuple.tuple(PnlView.Scope.ACCOUNT, "ACC1"),
                org.assertj.core.groups.Tuple.tuple(PnlView.Scope.ACCOUNT, "ACC2"),
                org.assertj.core.groups.Tuple.tuple(PnlView.Scope.STRATEGY, "A"),
                org.assertj.core.groups.Tuple.tuple(PnlView.Scope.STRATEGY, "B"));
        assertThat(store.pnl(PnlView.Scope.STRATEGY, "A")).isEqualTo(new PnlView(PnlView.Scope.STRATEGY, "A", "USD",
                parse("60"), parse("48"), parse("0.9"), parse("1248"), parse("1248")));
        assertThat(store.pnl(PnlView.Scope.STRATEGY, "nobody"))
                .isEqualTo(PnlView.zero(PnlView.Scope.STRATEGY, "nobody", "USD"));
    }

    @Test
    void strategiesHoldOppositePositionsWhileTheDeskIsFlat() {
        fill(A, ACC1, Side.BUY, "1", "100", "0");
        fill(B, ACC2, Side.SELL, "1", "101", "0");
        mid("103", "105");

        // Desk: bought 1 @ 100, sold 1 @ 101: flat, realized (101 − 100) × 1 × 10 = 10 EUR.
        PositionView desk = store.position(FDX);
        assertThat(desk.netQuantity()).isZero();
        assertThat(desk.realizedPnl()).isEqualTo(parse("10"));
        assertThat(desk.unrealizedPnl()).isZero();
        // A long 1 at 100: unrealized (104 − 100) × 10 = 40; B short 1 at 101: (104 − 101) × −1 × 10 = −30.
        assertThat(store.position(A, FDX).netQuantity()).isEqualTo(parse("1"));
        assertThat(store.position(A, FDX).unrealizedPnl()).isEqualTo(parse("40"));
        assertThat(store.position(B, FDX).netQuantity()).isEqualTo(parse("-1"));
        assertThat(store.position(B, FDX).unrealizedPnl()).isEqualTo(parse("-30"));
        // Desk exposure 0; each strategy's 1040 EUR = 1248 USD, signed.
        assertThat(store.pnl(PnlView.Scope.DESK, "*").grossExposure()).isZero();
        assertThat(store.pnl(PnlView.Scope.STRATEGY, "A").netExposure()).isEqualTo(parse("1248"));
        assertThat(store.pnl(PnlView.Scope.STRATEGY, "B").netExposure()).isEqualTo(parse("-1248"));
        assertThat(store.positions()).containsExactly(desk); // listed: it traded
    }

    @Test
    void aBustReversesTheFillAtEveryLevel() {
        fill(A, ACC1, Side.BUY, "2", "100", "0.5");
        fill(B, ACC2, Side.SELL, "3", "102", "0.6");
        mid("103", "105");
        StateSnapshot before = store.snapshot();

        fill(B, ACC2, Side.SELL, "1", "103", "0.1");
        FillRecord bust = new FillRecord(++seq, seq, V, ExecId.of("X" + seq), ClientOrderId.of("C3"), null, B, FDX,
                Side.SELL, parse("103"), parse("1"), LiquidityFlag.UNKNOWN, parse("0.1"), "EUR", seq,
                FillRecord.Kind.BUST, ExecId.of("E3"), ACC2);
        List<PositionRecord> records = book(bust);

        assertThat(records).hasSize(5);
        for (Level level : Level.values()) {
            assertThat(store.positions(level)).as(level.name())
                    .usingRecursiveFieldByFieldElementComparatorIgnoringFields("updatedSeq", "boughtQuantity",
                            "soldQuantity")
                    .containsExactlyElementsOf(viewsAt(before, level));
        }
        assertThat(store.position(B, FDX).soldQuantity()).isEqualTo(parse("3"));
    }

    private static List<PositionView> viewsAt(StateSnapshot snapshot, Level level) {
        return snapshot.positions().stream().filter(p -> p.level() == level).toList();
    }

    @Test
    void aRestoredSnapshotGivesIdenticalViews() {
        scenario();
        StateSnapshot snapshot = store.snapshot();

        InMemoryStateStore restored = new InMemoryStateStore();
        restored.restore(snapshot);

        assertThat(restored.referenceData()).isEqualTo(store.referenceData());
        for (Level level : Level.values()) {
            assertThat(restored.positions(level)).as(level.name()).containsExactlyElementsOf(store.positions(level));
        }
        assertThat(restored.pnl()).isEqualTo(store.pnl());
        assertThat(restored.stateHash()).isEqualTo(store.stateHash());
        assertThat(restored.snapshot()).isEqualTo(snapshot);
    }

    @Test
    void aSnapshotWithoutReferenceDataKeepsTheConfiguredOne() {
        scenario();
        store.restore(StateSnapshot.empty());

        assertThat(store.referenceData().reportingCurrency()).isEqualTo("USD");
        assertThat(store.positions()).isEmpty();
    }

    @Test
    void aFeeInACurrencyWithoutARateCountsAtOneAndIsNamed() {
        seq++;
        book(new FillRecord(seq, seq, V, ExecId.of("E1"), ClientOrderId.of("C1"), null, A, FDX, Side.BUY,
                parse("100"), parse("1"), LiquidityFlag.UNKNOWN, parse("3"), "JPY", seq, FillRecord.Kind.TRADE, null,
                ACC1));

        assertThat(store.position(FDX).fees()).isEqualTo(parse("3"));
        assertThat(store.unconvertedCurrencies()).containsExactly("JPY");
    }

    @Test
    void referenceDataChangesInTheOrderOfEventsAndABadOneIsRefused() {
        store.configure(Map.of("reportingCurrency", "EUR", "instrument.FDX.currency", "EUR"));
        assertThat(store.referenceData().reportingCurrency()).isEqualTo("EUR");
        assertThat(store.instrumentSpec(V, FDX).multiplier()).isEqualTo(parse("1"));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.configure(Map.of("fx.GBP", "-1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fx.GBP = '-1'");
        assertThat(store.referenceData().reportingCurrency()).isEqualTo("EUR");
    }

    /**
     * The running totals are what summing every position gives: random fills (trades and busts) of two strategies in
     * two accounts on two instruments and moving marks, each scope's P&amp;L compared with a sum over the positions'
     * views after every step.
     */
    @Test
    void runningTotalsEqualASumOverEveryPositionAfterEachStep() {
        java.util.Random random = new java.util.Random(20261207);
        InstrumentId other = InstrumentId.of("OTH");
        Valuation valuation = new Valuation();
        valuation.use(store.referenceData());
        List<FillRecord> booked = new java.util.ArrayList<>();
        for (int step = 0; step < 400; step++) {
            InstrumentId instrument = random.nextBoolean() ? FDX : other;
            if (random.nextInt(3) == 0) {
                long mid = parse("100") + random.nextInt(1000) * parse("0.01");
                store.apply(++seq, new BookSnapshot(V, instrument, 0, List.of(new BookLevel(mid - parse("0.5"),
                        parse("1"))), List.of(new BookLevel(mid + parse("0.5"), parse("1")))));
            } else if (random.nextInt(10) == 0 && !booked.isEmpty()) {
                FillRecord f = booked.remove(random.nextInt(booked.size()));
                seq++;
                book(new FillRecord(seq, seq, V, ExecId.of("B" + seq), f.clientOrderId(), null, f.strategy(),
                        f.instrument(), f.side(), f.price(), f.quantity(), LiquidityFlag.UNKNOWN, f.fee(), "EUR", seq,
                        FillRecord.Kind.BUST, f.execId(), f.account()));
            } else {
                boolean a = random.nextBoolean();
                seq++;
                FillRecord f = new FillRecord(seq, seq, V, ExecId.of("E" + seq), ClientOrderId.of("C" + seq), null,
                        a ? A : B, instrument, random.nextBoolean() ? Side.BUY : Side.SELL,
                        parse("95") + random.nextInt(1000) * parse("0.01"), (1 + random.nextInt(5)) * parse("0.5"),
                        LiquidityFlag.UNKNOWN, random.nextInt(100) * parse("0.01"), "EUR", seq,
                        FillRecord.Kind.TRADE, null, a ? ACC1 : ACC2);
                book(f);
                booked.add(f);
            }
            assertThat(store.pnl(PnlView.Scope.DESK, "*")).as("desk at step " + step)
                    .isEqualTo(sum(PnlView.Scope.DESK, "*", PositionView.Level.DESK, valuation));
            for (AccountId account : List.of(ACC1, ACC2)) {
                assertThat(store.pnl(PnlView.Scope.ACCOUNT, account.value())).as(account + " at step " + step)
                        .isEqualTo(sum(PnlView.Scope.ACCOUNT, account.value(), PositionView.Level.ACCOUNT, valuation));
            }
            for (StrategyId strategy : List.of(A, B)) {
                assertThat(store.pnl(PnlView.Scope.STRATEGY, strategy.value())).as(strategy + " at step " + step)
                        .isEqualTo(sum(PnlView.Scope.STRATEGY, strategy.value(), PositionView.Level.STRATEGY,
                                valuation));
            }
        }
    }

    /** The scope's figures summed over its level's position views. */
    private PnlView sum(PnlView.Scope scope, String id, PositionView.Level level, Valuation valuation) {
        long[] t = new long[5];
        boolean any = false;
        for (PositionView p : store.positions(level)) {
            if (scope == PnlView.Scope.ACCOUNT && !p.account().value().equals(id)
                    || scope == PnlView.Scope.STRATEGY && !p.strategy().value().equals(id)) {
                continue;
            }
            any = true;
            String currency = valuation.currency(p.venue(), p.instrument());
            long multiplier = valuation.multiplier(p.venue(), p.instrument());
            long price = p.markPrice() != 0 ? p.markPrice() : p.averagePrice();
            long exposure = valuation.toReporting(Valuation.times(io.livestack.api.model.Fixed.multiply(
                    p.netQuantity(), price), multiplier), currency);
            t[0] += valuation.toReporting(p.realizedPnl(), currency);
            t[1] += valuation.toReporting(p.unrealizedPnl(), currency);
            t[2] += p.fees();
            t[3] += Math.abs(exposure);
            t[4] += exposure;
        }
        return any ? new PnlView(scope, id, "USD", t[0], t[1], t[2], t[3], t[4]) : PnlView.zero(scope, id, "USD");
    }
}
