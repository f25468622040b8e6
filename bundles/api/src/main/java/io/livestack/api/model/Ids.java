package io.livestack.api.model;

/** Validation shared by the typed identifiers. */
final class Ids {

    static final int MAX_LENGTH = 64;

    private Ids() {
    }

    static void requireValid(String value, String type) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(type + " must not be empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(type + " '" + value + "' is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c > '~') {
                throw new IllegalArgumentException(type + " '" + value + "' contains an invalid character at position " + i);
            }
        }
    }
}
