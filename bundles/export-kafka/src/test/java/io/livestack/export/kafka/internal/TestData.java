package io.livestack.export.kafka.internal;

import io.livestack.api.intent.CancelOrder;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecId;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.LiquidityFlag;
import io.livestack.api.model.Side;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.VenueId;
import io.livestack.api.record.ExecutionRecord;
import io.livestack.api.record.FillRecord;
import io.livestack.api.record.MetadataRecord;
import io.livestack.api.record.OperatorActionRecord;
import io.livestack.api.record.RiskRejectionRecord;
import io.livestack.api.risk.RejectReason;

/** Records for the export's tests. */
final class TestData {

    static final long T0 = 1_700_000_000_000_000_000L;

    private TestData() {
    }

    static FillRecord fill(long seq, String instrument, String execId) {
        return new FillRecord(seq, T0 + seq, VenueId.of("SIM"), ExecId.of(execId), ClientOrderId.of("C" + seq),
                null, StrategyId.of("mm1"), InstrumentId.of(instrument), Side.BUY, Fixed.parse("50000.5"),
                Fixed.parse("0.25"), LiquidityFlag.MAKER, Fixed.parse("0.01"), "USD", T0);
    }

    static MetadataRecord metadata(long seq, String subject) {
        return new MetadataRecord(seq, T0 + seq, MetadataRecord.Kind.VENUE, subject, "connected \"ok\"");
    }

    static OperatorActionRecord action(long seq) {
        return new OperatorActionRecord(seq, T0 + seq, "alice", "kill", "firm", "ok");
    }

    static RiskRejectionRecord cancelRefused(long seq, String order) {
        return new RiskRejectionRecord(seq, T0 + seq, new CancelOrder(StrategyId.of("mm1"), ClientOrderId.of(order)),
                RejectReason.values()[0], "no");
    }

    static ExecutionRecord any(long seq, int i) {
        return fill(seq, i % 2 == 0 ? "BTC-USD" : "ETH-USD", "E" + seq + "-" + i);
    }
}
