package io.livestack.api.state;

/**
 * P&amp;L and exposure of a whole scope — the desk, an account or a strategy — over every instrument it holds, in the
 * reporting currency (reference data: each instrument's quote currency and each fee's currency converted at the
 * configured rate). {@code net} = realized + unrealized − fees. Gross exposure is the sum of |net quantity × mark ×
 * multiplier| over its positions, net exposure the signed sum; a position without a mark is valued at its average
 * price. Fixed-point.
 *
 * @param scope    which kind of scope
 * @param id       the account or strategy id; "*" for the desk
 * @param currency the reporting currency
 */
public record PnlView(Scope scope, String id, String currency, long realized, long unrealized, long fees,
        long grossExposure, long netExposure) {

    /** Whose P&amp;L. */
    public enum Scope {
        DESK, ACCOUNT, STRATEGY
    }

    public PnlView {
        java.util.Objects.requireNonNull(scope, "scope");
        java.util.Objects.requireNonNull(id, "id");
        currency = currency == null ? "" : currency;
    }

    /** realized + unrealized − fees. */
    public long net() {
        return realized + unrealized - fees;
    }

    public static PnlView zero(Scope scope, String id, String currency) {
        return new PnlView(scope, id, currency, 0, 0, 0, 0, 0);
    }
}
