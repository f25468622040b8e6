package io.livestack.execution.internal;

import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecId;
import io.livestack.api.model.VenueId;
import io.livestack.api.runtime.ExecutionSnapshot.BookedFill;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fills booked most recently, by "venue|execId", so that a bust or correction naming one (FIX ExecRefID)
 * reverses exactly what was booked: order, quantity, price. Bounded to the latest {@value #CAPACITY} (a venue busts
 * trades of the same day); kept in execution control's snapshot. Processing thread only.
 */
final class BookedFills {

    static final int CAPACITY = 200_000;

    private final LinkedHashMap<String, BookedFill> fills = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, BookedFill> eldest) {
            return size() > CAPACITY;
        }
    };

    static String key(VenueId venue, ExecId execId) {
        return venue.value() + '|' + execId.value();
    }

    void booked(VenueId venue, ExecId execId, ClientOrderId order, long quantity, long price) {
        String key = key(venue, execId);
        fills.remove(key); // a reused exec id: the latest is the one a bust names
        fills.put(key, new BookedFill(order, quantity, price));
    }

    /** The fill booked under this exec id, or null. */
    BookedFill find(VenueId venue, ExecId execId) {
        return fills.get(key(venue, execId));
    }

    void forget(VenueId venue, ExecId execId) {
        fills.remove(key(venue, execId));
    }

    Map<String, BookedFill> snapshot() {
        return new LinkedHashMap<>(fills);
    }

    void restore(Map<String, BookedFill> snapshot) {
        fills.clear();
        fills.putAll(snapshot);
    }
}
