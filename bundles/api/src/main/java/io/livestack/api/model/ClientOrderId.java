package io.livestack.api.model;

/**
 * Typed identifier: a non-blank string of printable ASCII without spaces, at most 64 characters.
 */
public record ClientOrderId(String value) implements Comparable<ClientOrderId> {

    public ClientOrderId {
        Ids.requireValid(value, "ClientOrderId");
    }

    public static ClientOrderId of(String value) {
        return new ClientOrderId(value);
    }

    @Override
    public int compareTo(ClientOrderId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
