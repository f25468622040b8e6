package io.livestack.webconsole.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bounded history behind the page's charts: one point per sample interval for the last {@code capacity}
 * samples (the last hour at 1 s by default), each sample a time and a value per named series. A ring: memory is
 * {@code capacity × (1 + series)} numbers at most, whatever the session's length. A series seen for the first time
 * has no value (NaN, null in JSON) at the earlier points; a series a sample lacks gets NaN there. At most
 * {@code maxSeries} series are kept (new instruments or strategies beyond it are counted, not kept), so that a
 * misbehaving source cannot grow it without bound. Thread-safe: one sampler appends, page requests read.
 */
final class ChartHistory {

    /** Points of every series after a given time, oldest first; {@code dropped} series were refused for room. */
    record Window(long intervalMillis, int capacity, List<Long> times, Map<String, List<Double>> series,
            long droppedSeries) {
    }

    private final long intervalMillis;
    private final int capacity;
    private final int maxSeries;
    private final long[] times;
    private final Map<String, double[]> series = new LinkedHashMap<>();
    private int size;
    private int next;
    private long droppedSeries;

    ChartHistory(long intervalMillis, int capacity, int maxSeries) {
        if (intervalMillis <= 0 || capacity <= 0 || maxSeries <= 0) {
            throw new IllegalArgumentException("interval, capacity and maxSeries must be positive: " + intervalMillis
                    + ", " + capacity + ", " + maxSeries);
        }
        this.intervalMillis = intervalMillis;
        this.capacity = capacity;
        this.maxSeries = maxSeries;
        this.times = new long[capacity];
    }

    /** Adds one sample taken at {@code timeMillis} (not before the last one's; an earlier sample is ignored). */
    synchronized void append(long timeMillis, Map<String, Double> values) {
        if (size > 0 && timeMillis < times[(next - 1 + capacity) % capacity]) {
            return;
        }
        for (String name : values.keySet()) {
            if (!series.containsKey(name)) {
                if (series.size() >= maxSeries) {
                    droppedSeries++;
                    continue;
                }
                double[] points = new double[capacity];
                Arrays.fill(points, Double.NaN);
                series.put(name, points);
            }
        }
        times[next] = timeMillis;
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            Double v = values.get(e.getKey());
            e.getValue()[next] = v == null ? Double.NaN : v;
        }
        next = (next + 1) % capacity;
        size = Math.min(size + 1, capacity);
    }

    /** Every point taken after {@code afterMillis} (0: the whole history), oldest first. */
    synchronized Window since(long afterMillis) {
        return since(afterMillis, Integer.MAX_VALUE);
    }

    /**
     * The points taken after {@code afterMillis}, oldest first, at most about {@code maxPoints}: beyond that every
     * n-th point (the newest always included), so that a page opened late gets the whole hour's curve in a few
     * hundred points instead of thousands (more than a chart's width in pixels anyway).
     */
    synchronized Window since(long afterMillis, int maxPoints) {
        int first = (next - size + capacity) % capacity;
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            int slot = (first + i) % capacity;
            if (times[slot] > afterMillis) {
                all.add(slot);
            }
        }
        List<Integer> slots = thin(all, maxPoints);
        List<Long> t = new ArrayList<>(slots.size());
        for (int slot : slots) {
            t.add(times[slot]);
        }
        Map<String, List<Double>> out = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            List<Double> points = new ArrayList<>(slots.size());
            boolean any = false;
            for (int slot : slots) {
                double v = e.getValue()[slot];
                points.add(v);
                any |= !Double.isNaN(v);
            }
            if (any || afterMillis > 0) {
                out.put(e.getKey(), points);
            }
        }
        return new Window(intervalMillis, capacity, t, out, droppedSeries);
    }

    /** Every n-th of {@code slots} counted back from the newest, so that at most about {@code max} remain. */
    private static List<Integer> thin(List<Integer> slots, int max) {
        if (slots.size() <= max) {
            return slots;
        }
        int stride = (slots.size() + max - 1) / max;
        List<Integer> kept = new ArrayList<>(max + 1);
        for (int i = slots.size() - 1; i >= 0; i -= stride) {
            kept.add(slots.get(i));
        }
        java.util.Collections.reverse(kept);
        return kept;
    }

    synchronized int size() {
        return size;
    }
}
