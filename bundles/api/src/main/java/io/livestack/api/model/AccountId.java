package io.livestack.api.model;

/**
 * The account an order trades for (FIX Account, tag 1): a non-blank string of printable ASCII without spaces, at
 * most 64 characters. An order's account comes from its strategy's configuration ({@code account}), else from its
 * venue's configuration ({@code account}), else it is {@link #DEFAULT}.
 */
public record AccountId(String value) implements Comparable<AccountId> {

    /** The account of an order whose strategy and venue name none. */
    public static final AccountId DEFAULT = new AccountId("DEFAULT");

    public AccountId {
        Ids.requireValid(value, "AccountId");
    }

    public static AccountId of(String value) {
        return new AccountId(value);
    }

    /** {@code value} as an account, or {@code fallback} when it is null or blank. */
    public static AccountId orElse(String value, AccountId fallback) {
        return value == null || value.isBlank() ? fallback : new AccountId(value.trim());
    }

    @Override
    public int compareTo(AccountId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
