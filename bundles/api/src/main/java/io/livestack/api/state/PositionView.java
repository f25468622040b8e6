package io.livestack.api.state;

import io.livestack.api.model.InstrumentId;

/**
 * A position in one instrument, across venues. {@code netQuantity} is signed (positive long); prices and P&L are
 * fixed-point in the instrument's quote currency. Average price is the cost basis of the open position; realized
 * P&L accrues when the position is reduced; unrealized P&L is marked to {@code markPrice} (the latest mid, or last
 * trade when there is no two-sided market).
 */
public record PositionView(InstrumentId instrument, long netQuantity, long averagePrice, long realizedPnl,
        long unrealizedPnl, long markPrice, long boughtQuantity, long soldQuantity, long updatedSeq) {

    public static PositionView flat(InstrumentId instrument) {
        return new PositionView(instrument, 0, 0, 0, 0, 0, 0, 0, 0);
    }
}
