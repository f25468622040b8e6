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

    /** An accepted order and when; superseded once the same order was accepted again later. */
    private static final class Seen {
        final Key key;
        final long time;
        boolean superseded;

        Seen(Key key, long time) {
            this.key = key;
            this.time = time;
        }

        Key key() {
            return key;
        }

        long time() {
            return time;
        }
    }

    /** Accepted orders of the window → the latest acceptance. */
    private final HashMap<Key, Seen> recent = new HashMap<>();
    /** The same, oldest first, superseded ones included (skipped when they leave the window). */
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
        Seen last = recent.get(checked);
        if (last == null) {
            return null;
        }
        long seen = last.time();
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
        Seen seen = new Seen(k, now);
        Seen previous = recent.put(k, seen);
        if (previous != null) {
            previous.superseded = true;
        }
        order.addLast(seen);
    }

    private static Key key(RiskOrder o) {
        return new Key(o.strategy(), o.instrument(), o.side(), o.type() == io.livestack.api.model.OrderType.MARKET
                ? 0 : o.limitPrice(), o.quantity());
    }

    private void expire(long now, long window) {
        Seen oldest;
        while ((oldest = order.peekFirst()) != null && now - oldest.time() >= window) {
            order.pollFirst();
            if (!oldest.superseded) {
                recent.remove(oldest.key());
            }
        }
    }

    void snapshot(Map<String, List<Long>> out) {
        Map<String, List<Long>> byName = new HashMap<>();
        for (Seen seen : order) {
            if (seen.superseded) {
                continue; // seen again later
            }
            Key k = seen.key();
            long time = seen.time();
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
            Seen seen = new Seen(e.getKey(), Objects.requireNonNull(e.getValue()));
            Seen previous = recent.put(e.getKey(), seen);
            if (previous != null) {
                previous.superseded = true;
            }
            order.addLast(seen);
        });
    }
}
