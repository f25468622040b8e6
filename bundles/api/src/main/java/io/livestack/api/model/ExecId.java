package io.livestack.api.model;

/**
 * Typed identifier: a non-blank string of printable ASCII without spaces, at most 64 characters.
 */
public record ExecId(String value) implements Comparable<ExecId> {

    public ExecId {
        Ids.requireValid(value, "ExecId");
    }

    public static ExecId of(String value) {
        return new ExecId(value);
    }

    @Override
    public int compareTo(ExecId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
