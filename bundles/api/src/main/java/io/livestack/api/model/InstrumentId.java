package io.livestack.api.model;

/**
 * Typed identifier: a non-blank string of printable ASCII without spaces, at most 64 characters.
 */
public record InstrumentId(String value) implements Comparable<InstrumentId> {

    public InstrumentId {
        Ids.requireValid(value, "InstrumentId");
    }

    public static InstrumentId of(String value) {
        return new InstrumentId(value);
    }

    @Override
    public int compareTo(InstrumentId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
