package io.livestack.risk.internal;

/**
 * An order's values of every scoped limit at each of its scopes, resolved once per check from {@link RiskLimits}
 * (four lookups: its strategy, account, instrument and venue), indexed by {@link ScopedLimit#index}:
 * {@link ScopedLimit#NONE} where nothing is set (the strategy's and account's rows hold the {@code .*} defaults).
 * Shared rows: never written after {@link RiskLimits} built them.
 */
final class OrderScopes {

    final long[] strategy;
    final long[] account;
    final long[] instrument;
    final long[] venue;

    OrderScopes(long[] strategy, long[] account, long[] instrument, long[] venue) {
        this.strategy = strategy;
        this.account = account;
        this.instrument = instrument;
        this.venue = venue;
    }
}
