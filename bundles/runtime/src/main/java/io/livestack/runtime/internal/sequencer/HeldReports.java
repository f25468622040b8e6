package io.livestack.runtime.internal.sequencer;

import io.livestack.api.event.Event;
import io.livestack.api.event.ExecutionReport;
import io.livestack.api.event.OrderCancelRejected;
import java.util.ArrayDeque;

/**
 * Execution reports and cancel rejects that arrive while no execution control is bound: held unsequenced, in arrival
 * order, and sequenced first when execution control is back. Processing thread only, except {@link #count()}.
 */
final class HeldReports {

    private final ArrayDeque<Stamped> held = new ArrayDeque<>();
    private volatile int count;

    /** Whether this event waits for execution control. */
    static boolean needsExecution(Event event) {
        return event instanceof ExecutionReport || event instanceof OrderCancelRejected
                || event instanceof io.livestack.api.event.SentOrderRecovered;
    }

    void hold(Stamped event) {
        held.add(event);
        count = held.size();
    }

    /** The oldest held event, or null. */
    Stamped poll() {
        Stamped s = held.poll();
        count = held.size();
        return s;
    }

    boolean isEmpty() {
        return held.isEmpty();
    }

    int size() {
        return held.size();
    }

    /** How many are held, as published for other threads. */
    int count() {
        return count;
    }
}
