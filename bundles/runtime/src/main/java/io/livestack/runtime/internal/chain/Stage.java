package io.livestack.runtime.internal.chain;

/**
 * The parts of the chain a failure can be blamed on. The label is what a fault record names (MetadataRecord
 * subject) and what {@code RuntimeStatus.stages()} calls the bound stages.
 */
public enum Stage {
    STATE("state"),
    STRATEGY_HOST("strategy-host"),
    RISK("risk"),
    EXECUTION("execution"),
    SINK("record-sink"),
    VENUE("venue"),
    SESSION("session"),
    CHAIN("chain");

    private final String label;

    Stage(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
