package io.livestack.api.model;

/**
 * Typed identifier: a non-blank string of printable ASCII without spaces, at most 64 characters.
 */
public record VenueId(String value) implements Comparable<VenueId> {

    public VenueId {
        Ids.requireValid(value, "VenueId");
    }

    public static VenueId of(String value) {
        return new VenueId(value);
    }

    @Override
    public int compareTo(VenueId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
