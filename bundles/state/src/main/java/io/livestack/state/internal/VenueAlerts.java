package io.livestack.state.internal;

import io.livestack.api.model.VenueAlert;
import io.livestack.api.model.VenueId;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/** The venue alerts counted per venue ({@link io.livestack.api.state.StateView#venueAlerts}). Processing thread only. */
final class VenueAlerts {

    /** How many alerts with their detail are kept (since the runtime started; not in snapshots). */
    static final int RECENT = 500;

    private final Map<VenueId, Map<VenueAlert, Long>> counts = new TreeMap<>();
    private final java.util.ArrayDeque<io.livestack.api.state.VenueAlertNote> recent = new java.util.ArrayDeque<>();

    void note(io.livestack.api.state.VenueAlertNote note) {
        count(note.venue(), note.alert());
        if (recent.size() == RECENT) {
            recent.removeLast();
        }
        recent.addFirst(note);
    }

    /** Newest first. */
    java.util.List<io.livestack.api.state.VenueAlertNote> recent(int max) {
        java.util.List<io.livestack.api.state.VenueAlertNote> out = new java.util.ArrayList<>();
        for (io.livestack.api.state.VenueAlertNote n : recent) {
            if (out.size() >= max) {
                break;
            }
            out.add(n);
        }
        return out;
    }

    void count(VenueId venue, VenueAlert alert) {
        counts.computeIfAbsent(venue, v -> new EnumMap<>(VenueAlert.class)).merge(alert, 1L, Long::sum);
    }

    /** A copy, sorted by venue. */
    Map<VenueId, Map<VenueAlert, Long>> copy() {
        Map<VenueId, Map<VenueAlert, Long>> copy = new TreeMap<>();
        for (Map.Entry<VenueId, Map<VenueAlert, Long>> e : counts.entrySet()) {
            copy.put(e.getKey(), Collections.unmodifiableMap(new EnumMap<>(e.getValue())));
        }
        return Collections.unmodifiableMap(copy);
    }

    void restore(Map<VenueId, Map<VenueAlert, Long>> alerts) {
        counts.clear();
        for (Map.Entry<VenueId, Map<VenueAlert, Long>> e : alerts.entrySet()) {
            if (!e.getValue().isEmpty()) {
                counts.put(e.getKey(), new EnumMap<>(e.getValue()));
            }
        }
    }
}
