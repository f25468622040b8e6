package io.livestack.risk.internal;

import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.VenueId;
import io.livestack.api.state.BookView;
import io.livestack.api.state.OrderView;
import io.livestack.api.state.StateView;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/** The price arithmetic of the checks: the reference price, the band, crossing our own orders. */
final class Prices {

    private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10_000);

    private Prices() {
    }

    /** Mid of the venue's book, else its last trade, else the instrument's mark (any venue), else 0. */
    static long referencePrice(StateView state, VenueId venue, InstrumentId instrument) {
        BookView book = state.book(venue, instrument);
        if (book != null) {
            if (book.hasBid() && book.hasAsk()) {
                return book.midPrice();
            }
            if (book.lastTradePrice() > 0) {
                return book.lastTradePrice();
            }
        }
        return state.position(instrument).markPrice();
    }

    /** |price − reference| × 10000 > band × reference, exactly (128-bit when needed). */
    static boolean outsideBand(long price, long reference, long bandBps) {
        long deviation = Math.abs(price - reference);
        long hiL = Math.multiplyHigh(deviation, 10_000L);
        long hiR = Math.multiplyHigh(bandBps, reference);
        if (hiL == 0 && hiR == 0) {
            long lhs = deviation * 10_000L;
            long rhs = bandBps * reference;
            if (lhs >= 0 && rhs >= 0) {
                return lhs > rhs;
            }
        }
        return BigInteger.valueOf(deviation).multiply(TEN_THOUSAND)
                .compareTo(BigInteger.valueOf(bandBps).multiply(BigInteger.valueOf(reference))) > 0;
    }

    static String deviationBps(long price, long reference) {
        return BigDecimal.valueOf(Math.abs(price - reference)).multiply(BigDecimal.valueOf(10_000))
                .divide(BigDecimal.valueOf(reference), 2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** Whether a new order (side, type, price) would trade against our resting order {@code resting}. */
    static boolean crosses(Side side, OrderType type, long price, OrderView resting) {
        if (type == OrderType.MARKET || resting.type() == OrderType.MARKET) {
            return true;
        }
        if (crossesAt(side, price, resting.price())) {
            return true;
        }
        return resting.status() == OrderStatus.PENDING_REPLACE && resting.pendingPrice() > 0
                && crossesAt(side, price, resting.pendingPrice());
    }

    private static boolean crossesAt(Side side, long price, long restingPrice) {
        return side == Side.BUY ? price >= restingPrice : price <= restingPrice;
    }
}
