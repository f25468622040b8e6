package io.livestack.api.runtime;

import io.livestack.api.event.Event;
import java.util.concurrent.TimeUnit;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The single entry point of every input. Safe to call from any thread. Market data may be conflated per venue and
 * instrument under load; every other event is kept: when the queue is full the caller waits (back-pressure).
 */
@ProviderType
public interface EventIntake {

    /** Enqueue; waits while the queue is full (market data never waits: it is conflated instead). */
    void publish(Event event);

    /** Enqueue, waiting at most {@code timeout}; false if the queue stayed full. */
    boolean offer(Event event, long timeout, TimeUnit unit);

    /** Events waiting to be processed. */
    int queueDepth();
}
