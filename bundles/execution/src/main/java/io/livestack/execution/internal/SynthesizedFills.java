package io.livestack.execution.internal;

import io.livestack.api.event.ExecutionReport;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecId;
import io.livestack.api.model.Fixed;
import io.livestack.api.state.OrderView;
import io.livestack.api.state.StateView;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills booked because the venue's cumulative quantity was ahead of ours with no trade report to explain it: their
 * exec id ({@code SYN-<handle>-<venue cumQty as raw fixed-point>}, handles too long for that replaced by the first 24
 * hex digits of their SHA-256), their price, and the quantity still waiting for its late trade report — which is
 * absorbed, not booked twice. Processing thread only.
 */
final class SynthesizedFills {

    private static final Logger LOG = LoggerFactory.getLogger(SynthesizedFills.class);

    /** Per order handle: synthesized quantity not yet matched by a late trade report. */
    private final Map<ClientOrderId, Long> outstanding = new HashMap<>();

    /** Per order handle, the synthesized quantity a late trade report may still cover; sorted by handle. */
    Map<ClientOrderId, Long> snapshot() {
        return new java.util.TreeMap<>(outstanding);
    }

    void restore(Map<ClientOrderId, Long> snapshot) {
        outstanding.clear();
        outstanding.putAll(snapshot);
    }

    void booked(ClientOrderId handle, long quantity) {
        outstanding.merge(handle, quantity, Long::sum);
    }

    /**
     * How much of a trade report's quantity a synthesized fill already booked (0 when none): only a report whose
     * cumulative quantity is within what we booked can be one we synthesized ahead of.
     */
    long absorb(OrderView order, ExecutionReport trade) {
        Long waiting = outstanding.get(order.clientOrderId());
        if (waiting == null || trade.cumulativeQuantity() <= 0 || trade.cumulativeQuantity() > order.filledQuantity()) {
            return 0;
        }
        long absorbed = Math.min(trade.lastQuantity(), waiting);
        if (absorbed == waiting) {
            outstanding.remove(order.clientOrderId());
        } else {
            outstanding.put(order.clientOrderId(), waiting - absorbed);
        }
        return absorbed;
    }

    /** {@code SYN-<handle>-<cumQty raw>}; handles that would make it longer than 64 characters are hashed. */
    static ExecId execId(ClientOrderId handle, long cumulativeQuantity) {
        String id = "SYN-" + handle.value() + "-" + cumulativeQuantity;
        if (id.length() > 64) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256")
                        .digest(handle.value().getBytes(StandardCharsets.UTF_8));
                id = "SYN-" + HexFormat.of().formatHex(digest).substring(0, 24) + "-" + cumulativeQuantity;
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is required by every Java platform", e);
            }
        }
        return ExecId.of(id);
    }

    /**
     * The price of the missing quantity: from the venue's average price (venue notional − our notional) / missing,
     * else the report's last price, else the order's limit price, else the instrument's mark.
     */
    static long price(OrderView order, ExecutionReport r, long missing, StateView state) {
        if (r.averagePrice() > 0) {
            try {
                long venueNotional = Fixed.multiply(r.averagePrice(), r.cumulativeQuantity());
                long ourNotional = Fixed.multiply(order.averageFillPrice(), order.filledQuantity());
                long price = Fixed.divide(venueNotional - ourNotional, missing);
                if (price > 0) {
                    return price;
                }
            } catch (ArithmeticException e) {
                LOG.debug("Cannot derive the synthesized fill price from the average price", e);
            }
        }
        if (r.lastPrice() > 0) {
            return r.lastPrice();
        }
        if (order.price() > 0) {
            return order.price();
        }
        return state.position(order.instrument()).markPrice();
    }
}
