package io.livestack.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.event.BookLevel;
import io.livestack.api.model.AccountId;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecId;
import io.livestack.api.model.LiquidityFlag;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.Side;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.record.FillRecord;
import io.livestack.api.risk.RiskSnapshot;
import io.livestack.api.state.BookState;
import io.livestack.api.state.InstrumentSpec;
import io.livestack.api.state.PositionView;
import io.livestack.api.state.ReferenceData;
import io.livestack.api.state.StateSnapshot;
import io.livestack.testkit.TestEvents;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Snapshots read back equal; sections written by the format before (version 3) still read. */
class SnapshotCodecTest {

    private static final AccountId ACC = AccountId.of("ACC1");
    private static final ReferenceData REFDATA = new ReferenceData("USD", true, Map.of("EUR", 120_000_000L),
            List.of(new InstrumentSpec(TestEvents.BTC, null, null, 1_000_000, List.of(
                    new InstrumentSpec.TickStep(0, 1_000_000), new InstrumentSpec.TickStep(100_000_000_000L,
                            50_000_000)), 10_000, 10_000, 10_000_000_000L, 100_000_000, "USD", 2),
                    new InstrumentSpec(TestEvents.BTC, TestEvents.SIM, "XBT", 1_000_000, List.of(), 0, 0, 0,
                            1_000_000_000, "EUR", 8)));

    private static StateSnapshot state(ReferenceData referenceData) {
        return new StateSnapshot(42,
                List.of(RecordCodec.withAccount(TestEvents.order("O1", TestEvents.SIM, OrderStatus.NEW), ACC),
                        TestEvents.order("O2", TestEvents.SIM, OrderStatus.FILLED)),
                Map.of(ClientOrderId.of("O1r"), ClientOrderId.of("O1")),
                List.of(new PositionView(TestEvents.BTC, 2, 100, 3, 4, 101, 2, 0, 6, null, null, null, 7),
                        new PositionView(TestEvents.BTC, 2, 100, 3, 4, 101, 2, 0, 6, ACC, null, null, 7),
                        new PositionView(TestEvents.BTC, 2, 100, 3, 4, 101, 2, 0, 6, ACC, TestEvents.STRAT, null, 7),
                        new PositionView(TestEvents.BTC, 2, 100, 3, 4, 101, 2, 0, 6, ACC, null, TestEvents.SIM, 7)),
                Map.of(TestEvents.BTC, 101L), Map.of("SIM|E1", 5L), Map.of(TestEvents.SIM, VenueSessionState.LOGGED_ON),
                List.of(new BookState(TestEvents.SIM, TestEvents.BTC, List.of(new BookLevel(100, 1)),
                        List.of(new BookLevel(102, 1)), 101, 40)),
                List.of(new FillRecord(5, 6, TestEvents.SIM, new ExecId("E1"), ClientOrderId.of("O1"), null,
                        TestEvents.STRAT, TestEvents.BTC, Side.BUY, 100, 2, LiquidityFlag.TAKER, 1, "EUR", 5,
                        FillRecord.Kind.TRADE, null, ACC)),
                Map.of(), Map.of(), Map.of(), referenceData);
    }

    private static StateSnapshot roundTrip(StateSnapshot s) {
        WireOut out = new WireOut(64);
        SnapshotCodec.write(out, s);
        WireIn in = new WireIn().wrap(out.toByteArray());
        StateSnapshot back = SnapshotCodec.readState(in);
        assertThat(in.remaining()).isZero();
        return back;
    }

    @Test
    void theStateWithAccountsLevelsFeesAndReferenceDataReadsBackEqual() {
        StateSnapshot s = state(REFDATA);
        assertThat(roundTrip(s)).isEqualTo(s);
    }

    @Test
    void aStateWithoutReferenceDataReadsBackWithout() {
        StateSnapshot s = state(null);
        assertThat(roundTrip(s).referenceData()).isNull();
        assertThat(roundTrip(s)).isEqualTo(s);
    }

    @Test
    void aStateSectionOfTheFormatBeforeReadsWithDefaults() {
        StateSnapshot s = state(REFDATA);
        WireOut out = new WireOut(64);
        SnapshotCodec.write(out, s);
        WireOut tail = new WireOut(64);
        tail.i32(s.orders().size()); // what version 4 added at the end: cut it off
        for (var o : s.orders()) {
            tail.id(o.account());
        }
        tail.i32(s.positions().size());
        for (PositionView p : s.positions()) {
            RecordCodec.writePositionLevel(tail, p);
        }
        tail.bool(true);
        ReferenceDataCodec.write(tail, REFDATA);
        byte[] old = java.util.Arrays.copyOf(out.toByteArray(), out.length() - tail.length());

        StateSnapshot back = SnapshotCodec.readState(new WireIn().wrap(old));

        assertThat(back.referenceData()).isNull();
        assertThat(back.orders()).allSatisfy(o -> assertThat(o.account()).isEqualTo(AccountId.DEFAULT));
        assertThat(back.positions()).allSatisfy(p -> assertThat(p.level()).isEqualTo(PositionView.Level.DESK));
        assertThat(back.recentFills()).isEqualTo(s.recentFills());
    }

    @Test
    void theRiskSnapshotWithWindowsAndValuesReadsBackEqualAndTheOldFormStillReads() {
        RiskSnapshot s = new RiskSnapshot(List.of(1L, 2L), List.of(3L),
                Map.of("messages.venue:SIM", List.of(10L, 11L), "collar.BTC-USD", List.of()),
                Map.of("dayStart.desk", -5L));
        WireOut out = new WireOut(16);
        SnapshotCodec.write(out, s);
        assertThat(SnapshotCodec.readRisk(new WireIn().wrap(out.toByteArray()))).isEqualTo(s);

        WireOut old = new WireOut(16);
        SnapshotCodec.longs(old, List.of(1L, 2L));
        SnapshotCodec.longs(old, List.of(3L));
        assertThat(SnapshotCodec.readRisk(new WireIn().wrap(old.toByteArray())))
                .isEqualTo(new RiskSnapshot(List.of(1L, 2L), List.of(3L)));
    }
}
