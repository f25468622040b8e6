package io.livestack.api.event;

/**
 * Everything that can change the runtime's state is an event. Events are immutable. A venue adapter, a timer or an
 * operator creates one and offers it to {@link io.livestack.api.runtime.EventIntake}; intake gives it its place in
 * the one total order by wrapping it in a {@link Sequenced}.
 */
public sealed interface Event
        permits MarketDataEvent, ExecutionReport, OrderCancelRejected, VenueSessionEvent, TimerEvent, OperatorCommand {

    /** When it happened at its source (venue sending time, timer due time, operator request time), epoch nanos. */
    long sourceTimeNanos();

    /**
     * Whether the sequencer may drop this event in favour of a later one it is merged with (market data only). Execution
     * reports, session events, timers and commands are never dropped.
     */
    default boolean conflatable() {
        return false;
    }
}
