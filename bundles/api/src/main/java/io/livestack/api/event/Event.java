package io.livestack.api.event;

/**
 * Everything that can change the runtime's state is an event. Events are immutable plain data, so that each can be
 * journaled and replayed. A venue adapter, a timer, an operator, or a component whose services or configuration
 * change creates one and offers it to {@link io.livestack.api.runtime.EventIntake}; the sequencer gives it its place
 * in the one total order by wrapping it in a {@link Sequenced}.
 */
public sealed interface Event
        permits MarketDataEvent, ExecutionReport, OrderCancelRejected, VenueSessionEvent, TimerEvent, OperatorCommand,
        BindingEvent, ConfigurationEvent, RuntimeEvent, SentOrderRecovered {

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
