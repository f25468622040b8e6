package io.livestack.api.state;

import io.livestack.api.model.AccountId;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.VenueId;

/**
 * A position in one instrument at one {@link Level}: which of {@code account}, {@code strategy} and {@code venue}
 * are set says what it is kept for (the others are null: everything). {@code netQuantity} is signed (positive long);
 * prices and realized/unrealized P&amp;L are fixed-point in the instrument's quote currency, times its contract
 * multiplier (reference data). Average price is the cost basis of the open position; realized P&amp;L accrues when the
 * position is reduced; unrealized P&amp;L is marked to {@code markPrice} (the latest mid, or last trade when there is no
 * two-sided market). {@code fees} are the fees of its fills converted to the reporting currency (reference data), not
 * part of the two P&amp;L figures: see {@link PnlView} for the net. Each level is accounted on its own (average cost
 * over its own fills), so a roll-up's realized P&amp;L is not always the sum of its parts' (two strategies trading
 * against each other realize nothing each, the desk does).
 */
public record PositionView(InstrumentId instrument, long netQuantity, long averagePrice, long realizedPnl,
        long unrealizedPnl, long markPrice, long boughtQuantity, long soldQuantity, long updatedSeq,
        AccountId account, StrategyId strategy, VenueId venue, long fees) {

    /** What a position is kept for. */
    public enum Level {
        /** The instrument across the desk: every account, strategy and venue. */
        DESK,
        /** The instrument in one account (every strategy and venue). */
        ACCOUNT,
        /** One strategy's own position in the instrument (every account and venue). */
        STRATEGY,
        /** One strategy in one account: the finest level, what P&amp;L is attributed from. */
        BOOK,
        /** The instrument at one venue in one account, as the venue sees it (every strategy). */
        VENUE
    }

    /** A desk position (every account, strategy and venue), without fees. */
    public PositionView(InstrumentId instrument, long netQuantity, long averagePrice, long realizedPnl,
            long unrealizedPnl, long markPrice, long boughtQuantity, long soldQuantity, long updatedSeq) {
        this(instrument, netQuantity, averagePrice, realizedPnl, unrealizedPnl, markPrice, boughtQuantity,
                soldQuantity, updatedSeq, null, null, null, 0);
    }

    public PositionView {
        java.util.Objects.requireNonNull(instrument, "instrument");
        if (venue != null && (account == null || strategy != null)) {
            throw new IllegalArgumentException("a venue position is kept per venue and account, not per strategy");
        }
    }

    /** A flat desk position. */
    public static PositionView flat(InstrumentId instrument) {
        return new PositionView(instrument, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** A flat position at the level the keys give. */
    public static PositionView flat(InstrumentId instrument, AccountId account, StrategyId strategy, VenueId venue) {
        return new PositionView(instrument, 0, 0, 0, 0, 0, 0, 0, 0, account, strategy, venue, 0);
    }

    public Level level() {
        if (venue != null) {
            return Level.VENUE;
        }
        if (account != null) {
            return strategy != null ? Level.BOOK : Level.ACCOUNT;
        }
        return strategy != null ? Level.STRATEGY : Level.DESK;
    }
}
