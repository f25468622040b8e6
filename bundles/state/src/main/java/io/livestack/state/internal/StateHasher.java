package io.livestack.state.internal;

import io.livestack.api.state.OrderView;
import io.livestack.api.state.PositionView;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * SHA-256 over books, orders and positions in a canonical order and encoding: books by (venue, instrument), every
 * level top-down, then orders by handle with every field, then (active) positions of every level, by level and keys. Strings are
 * length-prefixed UTF-8, absent values have their own marker, so distinct states never share an encoding.
 */
final class StateHasher {

    private final MessageDigest digest;
    private final byte[] buffer = new byte[8];

    private StateHasher() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    static String hash(List<OrderBook> books, List<OrderView> orders, java.util.Collection<PositionView> positions) {
        StateHasher h = new StateHasher();
        h.text("books").number(books.size());
        for (OrderBook book : books) {
            h.text(book.venue().value()).text(book.instrument().value());
            h.number(book.bidDepth());
            for (int i = 0; i < book.bidDepth(); i++) {
                h.number(book.bidPrice(i)).number(book.bidQuantity(i));
            }
            h.number(book.askDepth());
            for (int i = 0; i < book.askDepth(); i++) {
                h.number(book.askPrice(i)).number(book.askQuantity(i));
            }
            h.number(book.lastTradePrice()).number(book.lastUpdateSeq());
        }
        h.text("orders").number(orders.size());
        for (OrderView o : orders) {
            h.text(o.clientOrderId().value()).text(o.currentClientOrderId().value())
                    .text(o.pendingClientOrderId() == null ? null : o.pendingClientOrderId().value())
                    .text(o.venueOrderId() == null ? null : o.venueOrderId().value())
                    .text(o.strategy().value()).text(o.venue().value()).text(o.instrument().value())
                    .text(o.side().name()).text(o.type().name()).text(o.timeInForce().name())
                    .number(o.price()).number(o.quantity()).number(o.filledQuantity()).number(o.averageFillPrice())
                    .text(o.status().name()).number(o.pendingPrice()).number(o.pendingQuantity())
                    .number(o.overfilled() ? 1 : 0).number(o.venueAvailable() ? 1 : 0).text(o.lastText())
                    .number(o.createdSeq()).number(o.updatedSeq()).number(o.createdTimeNanos())
                    .number(o.updatedTimeNanos()).text(o.account().value());
        }
        h.text("positions").number(positions.size());
        for (PositionView p : positions) {
            h.text(p.instrument().value()).number(p.netQuantity()).number(p.averagePrice()).number(p.realizedPnl())
                    .number(p.unrealizedPnl()).number(p.markPrice()).number(p.boughtQuantity())
                    .number(p.soldQuantity()).number(p.updatedSeq())
                    .text(p.account() == null ? null : p.account().value())
                    .text(p.strategy() == null ? null : p.strategy().value())
                    .text(p.venue() == null ? null : p.venue().value()).number(p.fees());
        }
        return HexFormat.of().formatHex(h.digest.digest());
    }

    private StateHasher number(long value) {
        for (int i = 7; i >= 0; i--) {
            buffer[i] = (byte) value;
            value >>>= 8;
        }
        digest.update(buffer, 0, 8);
        return this;
    }

    private StateHasher text(String value) {
        if (value == null) {
            return number(-1);
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        number(bytes.length);
        digest.update(bytes);
        return this;
    }
}
