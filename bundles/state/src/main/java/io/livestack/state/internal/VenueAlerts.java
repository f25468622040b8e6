package io.livestack.state.internal;

import io.livestack.api.model.VenueAlert;
import io.livestack.api.model.VenueId;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/** The venue alerts counted per venue ({@link io.livestack.api.state.StateView#venueAlerts}). Processing thread only. */
final class VenueAlerts {

    private final Map<VenueId, Map<VenueAlert, Long>> counts = new TreeMap<>();

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
