package io.livestack.api.record;

import io.livestack.api.model.AccountId;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecId;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.LiquidityFlag;
import io.livestack.api.model.Side;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueOrderId;
import java.util.Objects;

/**
 * One booked execution, or the reversal or correction of one. Price, quantity and fee are fixed-point; the quantity
 * is always positive. {@code kind}: {@link Kind#TRADE} a fill; {@link Kind#BUST} reverses the fill named by
 * {@code refExecId} (booked at its price and quantity); {@link Kind#CORRECTION} is the corrected fill that replaces
 * {@code refExecId} (booked together with the BUST of the original). So an order's or a position's fills are
 * TRADE + CORRECTION − BUST. A venue's exec id is unique only within its trading day: a reused exec id with other
 * content is another execution, booked (and flagged). {@code account} is the account of the order it fills.
 */
public record FillRecord(long seq, long timeNanos, VenueId venue, ExecId execId, ClientOrderId clientOrderId,
        VenueOrderId venueOrderId, StrategyId strategy, InstrumentId instrument, Side side, long price,
        long quantity, LiquidityFlag liquidity, long fee, String feeCurrency, long venueTimeNanos, Kind kind,
        ExecId refExecId, AccountId account) implements ExecutionRecord {

    /** What a fill record books. */
    public enum Kind {
        TRADE, BUST, CORRECTION;

        /** +1 when the record adds its quantity to the order and position, -1 when it takes it away. */
        public int sign() {
            return this == BUST ? -1 : 1;
        }
    }

    /** A fill, bust or correction of the {@link AccountId#DEFAULT} account. */
    public FillRecord(long seq, long timeNanos, VenueId venue, ExecId execId, ClientOrderId clientOrderId,
            VenueOrderId venueOrderId, StrategyId strategy, InstrumentId instrument, Side side, long price,
            long quantity, LiquidityFlag liquidity, long fee, String feeCurrency, long venueTimeNanos, Kind kind,
            ExecId refExecId) {
        this(seq, timeNanos, venue, execId, clientOrderId, venueOrderId, strategy, instrument, side, price, quantity,
                liquidity, fee, feeCurrency, venueTimeNanos, kind, refExecId, AccountId.DEFAULT);
    }

    /** A fill ({@link Kind#TRADE}) of the {@link AccountId#DEFAULT} account. */
    public FillRecord(long seq, long timeNanos, VenueId venue, ExecId execId, ClientOrderId clientOrderId,
            VenueOrderId venueOrderId, StrategyId strategy, InstrumentId instrument, Side side, long price,
            long quantity, LiquidityFlag liquidity, long fee, String feeCurrency, long venueTimeNanos) {
        this(seq, timeNanos, venue, execId, clientOrderId, venueOrderId, strategy, instrument, side, price, quantity,
                liquidity, fee, feeCurrency, venueTimeNanos, Kind.TRADE, null, AccountId.DEFAULT);
    }

    public FillRecord {
        account = account == null ? AccountId.DEFAULT : account;
        Objects.requireNonNull(kind, "kind");
        if (kind != Kind.TRADE && refExecId == null) {
            throw new IllegalArgumentException(kind + " " + execId + " does not name the fill it refers to");
        }
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
