package io.livestack.risk.internal;

import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.VenueId;
import io.livestack.api.risk.RejectReason;
import io.livestack.api.risk.RiskDecision;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The price collar (RTS 6 Art. 15(1)(a)): a limit price must lie within {@code priceCollarBps} below the lowest and
 * above the highest reference price of its venue and instrument seen over the last {@code priceCollarWindowMs}. The
 * reference is sampled at each order check, at most every {@value #SAMPLE_NANOS} ns (100 ms) per venue and
 * instrument, while a collar is configured anywhere; the lowest and highest are kept as monotonic queues (each check
 * O(1) amortised). A venue and instrument without samples (no reference yet) is not collared. Processing thread only.
 */
final class PriceCollar {

    static final long SAMPLE_NANOS = 100_000_000L;
    /** Snapshot window name prefixes: "collar.min VENUE INSTRUMENT" → [time, price, time, price, …], oldest first. */
    static final String MIN = "collar.min";
    static final String MAX = "collar.max";

    /** The samples that can still be the lowest / highest of the window. */
    private static final class Window {
        final VenueId venue;
        final ArrayDeque<long[]> low = new ArrayDeque<>();
        final ArrayDeque<long[]> high = new ArrayDeque<>();
        long lastSample = Long.MIN_VALUE;

        Window(VenueId venue) {
            this.venue = venue;
        }

        void sample(long now, long price) {
            if (lastSample != Long.MIN_VALUE && now - lastSample < SAMPLE_NANOS) {
                return;
            }
            lastSample = now;
            long[] s = {now, price};
            while (!low.isEmpty() && low.peekLast()[1] >= price) {
                low.pollLast();
            }
            low.addLast(s);
            while (!high.isEmpty() && high.peekLast()[1] <= price) {
                high.pollLast();
            }
            high.addLast(s);
        }

        void expire(long now, long window) {
            while (!low.isEmpty() && now - low.peekFirst()[0] >= window) {
                low.pollFirst();
            }
            while (!high.isEmpty() && now - high.peekFirst()[0] >= window) {
                high.pollFirst();
            }
        }
    }

    /** Per instrument, its venues' windows (few venues an instrument: a list, one map lookup per check). */
    private final Map<InstrumentId, List<Window>> windows = new HashMap<>();

    /** Samples the reference (when due) and checks a limit price against the collar of the order's scopes. */
    RiskDecision check(RiskLimits l, RiskOrder o, long reference, boolean limitPrice, Breaches breaches, long now) {
        Window w = null;
        if (reference > 0) {
            w = window(o.venue(), o.instrument());
            w.sample(now, reference);
        }
        if (!limitPrice || w == null) {
            return null;
        }
        long bps = l.priceCollar.forOrder(o.scopes());
        if (bps == ScopedLimit.NONE) {
            return null;
        }
        w.expire(now, l.priceCollarWindowNanos);
        if (w.low.isEmpty()) {
            return null;
        }
        long low = w.low.peekFirst()[1];
        long high = w.high.peekFirst()[1];
        long price = o.limitPrice();
        boolean outside = price < low ? Prices.outsideBand(price, low, bps)
                : price > high && Prices.outsideBand(price, high, bps);
        if (!outside) {
            return null;
        }
        String scope = l.priceCollar.scopeOf(bps, o);
        String detail = "limit price " + Fixed.format(price) + " is outside the collar of " + bps + " bps around "
                + "the reference range " + Fixed.format(low) + ".." + Fixed.format(high) + " of the last "
                + l.priceCollarWindowNanos / 1_000_000L + " ms for " + o.instrument() + " at " + o.venue() + " ("
                + scope + ")";
        breaches.record(RiskLimits.PRICE_COLLAR_BPS, scope, now, detail);
        return RiskDecision.reject(RejectReason.PRICE_COLLAR, detail);
    }

    private Window window(VenueId venue, InstrumentId instrument) {
        List<Window> byVenue = windows.get(instrument);
        if (byVenue == null) {
            byVenue = new ArrayList<>(1);
            windows.put(instrument, byVenue);
        }
        for (int i = 0; i < byVenue.size(); i++) {
            Window w = byVenue.get(i);
            if (w.venue.equals(venue)) {
                return w;
            }
        }
        Window w = new Window(venue);
        byVenue.add(w);
        return w;
    }

    void snapshot(Map<String, List<Long>> out) {
        windows.forEach((instrument, byVenue) -> byVenue.forEach(w -> {
            out.put(MIN + " " + w.venue + " " + instrument, flatten(w.low));
            out.put(MAX + " " + w.venue + " " + instrument, flatten(w.high));
        }));
    }

    void restore(Map<String, List<Long>> in) {
        windows.clear();
        in.forEach((name, values) -> {
            String[] parts = name.split(" ");
            if (parts.length != 3 || !(parts[0].equals(MIN) || parts[0].equals(MAX))) {
                return;
            }
            Window w = window(VenueId.of(parts[1]), InstrumentId.of(parts[2]));
            ArrayDeque<long[]> q = parts[0].equals(MIN) ? w.low : w.high;
            for (int i = 0; i + 1 < values.size(); i += 2) {
                q.addLast(new long[] {values.get(i), values.get(i + 1)});
                w.lastSample = Math.max(w.lastSample, values.get(i));
            }
        });
    }

    private static List<Long> flatten(ArrayDeque<long[]> q) {
        List<Long> out = new ArrayList<>(q.size() * 2);
        for (long[] s : q) {
            out.add(s[0]);
            out.add(s[1]);
        }
        return out;
    }
}
