package io.livestack.risk.internal;

import io.livestack.api.intent.Intent;
import io.livestack.api.model.AccountId;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.VenueId;
import io.livestack.api.state.OrderView;

/**
 * What a new order or a replace asks for, with every scope it belongs to. {@code existing} is the order a replace
 * changes (null for new). {@code scopes}: the limits' values at its scopes, resolved once.
 */
record RiskOrder(Intent intent, OrderView existing, StrategyId strategy, AccountId account, VenueId venue,
        InstrumentId instrument, Side side, OrderType type, long limitPrice, long quantity, OrderScopes scopes) {

    /** Quantity still to trade: a replace's new quantity less what its order already filled. */
    long leaves() {
        return existing == null ? quantity : Math.max(0, quantity - existing.filledQuantity());
    }
}
