package io.livestack.risk.internal;

import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.Side;
import io.livestack.api.model.StrategyId;
import io.livestack.api.risk.RejectReason;
import io.livestack.api.risk.RiskDecision;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Duplicative orders (SEC 15c3-5 (c)(1)(ii)): a new order of the same strategy, instrument, side, limit price (0 for
 * a market order) and quantity as one accepted less than {@code duplicateWindowMs} before is refused with
 * DUPLICATE_ORDER. Off when the window is 0. The accepted orders of the window are kept oldest first and dropped as
 * they leave it. Snapshot windows: {@value #WINDOW} {@code <STRATEGY> <INSTRUMENT>} → [side (0 buy, 1 sell), price,
 * quantity, time, …], oldest first. Processing thread only.
 */
final class DuplicateOrders {

    static final String WINDOW = "duplicate";

    private record Key(StrategyId strategy, InstrumentId instrument, Side side, long price, long quantity) {
    }

    /** An accepted order and when. */
    private record Seen(Key key, long time) {
    }

    /** Accepted orders of the window → their latest time. */
    private final HashMap<Key, Long> recent = new HashMap<>();
    /** The same, oldest first; an entry whose key was seen again later is stale (its time is not the map's). */
    private final ArrayDeque<Seen> order = new ArrayDeque<>();
    /** The key of the order just checked, for {@link #accepted} (processing thread). */
    private Key checked;

    RiskDecision check(RiskLimits l, RiskOrder o, Breaches breaches, long now) {
        if (l.duplicateWindowNanos == 0 || o.existing() != null) {
            return null;
        }
        expire(now, l.duplicateWindowNanos);
        checked = key(o);
        if (recent.isEmpty()) {
            return null;
        }
        Long seen = recent.get(checked);
        if (seen == null) {
            return null;
        }
        String scope = "strategy:" + o.strategy();
        String detail = o.strategy() + " sent " + o.side() + " " + Fixed.format(o.quantity()) + " " + o.instrument()
                + " at " + (o.limitPrice() > 0 ? Fixed.format(o.limitPrice()) : "MKT") + " already "
                + (now - seen) / 1_000_000L + " ms ago (duplicate window " + l.duplicateWindowNanos / 1_000_000L
                + " ms)";
        breaches.record(RiskLimits.DUPLICATE_WINDOW_MS, scope, now, detail);
        return RiskDecision.reject(RejectReason.DUPLICATE_ORDER, detail);
    }

    /** An accepted new order. */
    void accepted(RiskLimits l, RiskOrder o, long now) {
        if (l.duplicateWindowNanos == 0 || o.existing() != null) {
            return;
        }
        Key k = checked != null ? checked : key(o);
        checked = null;
        recent.put(k, now);
        order.addLast(new Seen(k, now));
    }

    private static Key key(RiskOrder o) {
        return new Key(o.strategy(), o.instrument(), o.side(), o.type() == io.livestack.api.model.OrderType.MARKET
                ? 0 : o.limitPrice(), o.quantity());
    }

    private void expire(long now, long window) {
        Seen oldest;
        while ((oldest = order.peekFirst()) != null && now - oldest.time() >= window) {
            order.pollFirst();
            Long latest = recent.get(oldest.key());
            if (latest != null && latest == oldest.time()) {
                recent.remove(oldest.key());
            }
        }
    }

    void snapshot(Map<String, List<Long>> out) {
        Map<String, List<Long>> byName = new HashMap<>();
        for (Seen seen : order) {
            Key k = seen.key();
            long time = seen.time();
            Long latest = recent.get(k);
            if (latest == null || latest != time) {
                continue; // stale: seen again later
            }
            List<Long> l = byName.computeIfAbsent(WINDOW + " " + k.strategy() + " " + k.instrument(),
                    n -> new ArrayList<>());
            l.add((long) k.side().ordinal());
            l.add(k.price());
            l.add(k.quantity());
            l.add(time);
        }
        out.putAll(byName);
    }

    void restore(Map<String, List<Long>> in) {
        recent.clear();
        order.clear();
        List<Map.Entry<Key, Long>> all = new ArrayList<>();
        in.forEach((name, values) -> {
            String[] parts = name.split(" ");
            if (parts.length != 3 || !parts[0].equals(WINDOW)) {
                return;
            }
            for (int i = 0; i + 3 < values.size(); i += 4) {
                all.add(Map.entry(new Key(StrategyId.of(parts[1]), InstrumentId.of(parts[2]),
                        Side.values()[(int) (long) values.get(i)], values.get(i + 1), values.get(i + 2)),
                        values.get(i + 3)));
            }
        });
        all.sort(Map.Entry.comparingByValue());
        all.forEach(e -> {
            recent.put(e.getKey(), Objects.requireNonNull(e.getValue()));
            order.addLast(new Seen(e.getKey(), e.getValue()));
        });
    }
}
