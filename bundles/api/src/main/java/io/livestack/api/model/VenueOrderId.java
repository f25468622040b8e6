package io.livestack.api.model;

/**
 * Typed identifier: a non-blank string of printable ASCII without spaces, at most 64 characters.
 */
public record VenueOrderId(String value) implements Comparable<VenueOrderId> {

    public VenueOrderId {
        Ids.requireValid(value, "VenueOrderId");
    }

    public static VenueOrderId of(String value) {
        return new VenueOrderId(value);
    }

    @Override
    public int compareTo(VenueOrderId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
