package io.livestack.testkit;

import io.livestack.api.event.Event;
import io.livestack.api.event.VenueSessionEvent;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.runtime.EventIntake;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * An {@link EventIntake} that keeps every published event and lets tests wait for one (always with a timeout): what a
 * venue adapter under test published.
 */
public final class RecordingIntake implements EventIntake {

    public static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final List<Event> events = new ArrayList<>();
    private volatile long lastJournaledVenueSeq = -1;
    private volatile Consumer<Event> listener = e -> {
    };

    /** Called on the publishing thread after the event is recorded (e.g. to play the runtime's part). */
    public void onEvent(Consumer<Event> listener) {
        this.listener = listener;
    }

    @Override
    public void publish(Event event) {
        synchronized (this) {
            events.add(event);
            notifyAll();
        }
        listener.accept(event);
    }

    @Override
    public boolean offer(Event event, long timeout, TimeUnit unit) {
        publish(event);
        return true;
    }

    @Override
    public int queueDepth() {
        return 0;
    }

    private volatile java.util.function.Predicate<io.livestack.api.model.ClientOrderId> sentButNotJournaled =
            id -> false;

    /** What {@link #sentButNotJournaled} answers (default: nothing was lost). */
    public void sentButNotJournaled(java.util.function.Predicate<io.livestack.api.model.ClientOrderId> lost) {
        this.sentButNotJournaled = lost;
    }

    @Override
    public boolean sentButNotJournaled(io.livestack.api.model.ClientOrderId id) {
        return sentButNotJournaled.test(id);
    }

    /** What {@link #lastJournaledVenueSeq} answers for every venue (default -1: no journal). */
    public void lastJournaledVenueSeq(long seq) {
        this.lastJournaledVenueSeq = seq;
    }

    @Override
    public long lastJournaledVenueSeq(io.livestack.api.model.VenueId venue) {
        return lastJournaledVenueSeq;
    }

    public synchronized List<Event> events() {
        return List.copyOf(events);
    }

    public synchronized int size() {
        return events.size();
    }

    public synchronized void clear() {
        events.clear();
    }

    public <T extends Event> List<T> all(Class<T> type) {
        return events().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The first event of this type from index {@code from} on that matches; fails after {@link #TIMEOUT}. */
    public <T extends Event> T await(Class<T> type, Predicate<T> match, int from) {
        return await(type, match, from, TIMEOUT);
    }

    public <T extends Event> T await(Class<T> type, Predicate<T> match) {
        return await(type, match, 0, TIMEOUT);
    }

    public synchronized <T extends Event> T await(Class<T> type, Predicate<T> match, int from, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int scanned = from;
        while (true) {
            for (; scanned < events.size(); scanned++) {
                Event e = events.get(scanned);
                if (type.isInstance(e) && match.test(type.cast(e))) {
                    return type.cast(e);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no " + type.getSimpleName() + " matching within " + timeout
                        + "; events: " + describe(events.subList(Math.min(from, events.size()), events.size())));
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    public VenueSessionEvent awaitState(VenueSessionState state, int from) {
        return await(VenueSessionEvent.class, e -> e.state() == state, from);
    }

    private static String describe(List<Event> events) {
        StringBuilder s = new StringBuilder();
        for (Event e : events) {
            s.append("\n  ").append(e);
        }
        return s.toString();
    }
}
