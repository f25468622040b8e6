package io.livestack.api.record;

import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecId;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.LiquidityFlag;
import io.livestack.api.model.Side;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueOrderId;
import java.util.Objects;

/** One execution (venue + exec id is unique). Price, quantity and fee are fixed-point. */
public record FillRecord(long seq, long timeNanos, VenueId venue, ExecId execId, ClientOrderId clientOrderId,
        VenueOrderId venueOrderId, StrategyId strategy, InstrumentId instrument, Side side, long price,
        long quantity, LiquidityFlag liquidity, long fee, String feeCurrency, long venueTimeNanos)
        implements ExecutionRecord {

    public FillRecord {
        Objects.requireNonNull(venue, "venue");
        Objects.requireNonNull(execId, "execId");
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(side, "side");
        if (quantity <= 0) {
            throw new IllegalArgumentException("fill " + execId + " quantity must be positive");
        }
    }
}
