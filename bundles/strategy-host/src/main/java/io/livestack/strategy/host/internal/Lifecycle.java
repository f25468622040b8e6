package io.livestack.strategy.host.internal;

/** Where a hosted strategy is in its life. */
enum Lifecycle {
    /** Bound, not fed, intents refused. */
    STOPPED,
    /** Fed every event; intents accepted. */
    RUNNING,
    /** Inside its onStop: cancels are still accepted, new orders and replaces are not. */
    STOPPING
}
