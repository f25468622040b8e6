package io.livestack.api.model;

/**
 * Typed identifier: a non-blank string of printable ASCII without spaces, at most 64 characters.
 */
public record StrategyId(String value) implements Comparable<StrategyId> {

    public StrategyId {
        Ids.requireValid(value, "StrategyId");
    }

    public static StrategyId of(String value) {
        return new StrategyId(value);
    }

    @Override
    public int compareTo(StrategyId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
