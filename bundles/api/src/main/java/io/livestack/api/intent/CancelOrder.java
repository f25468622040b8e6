package io.livestack.api.intent;

import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.StrategyId;
import java.util.Objects;

/** Cancel the order whose handle (its first ClOrdID) is {@code clientOrderId}. */
public record CancelOrder(StrategyId strategy, ClientOrderId clientOrderId) implements Intent {

    public CancelOrder {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(clientOrderId, "clientOrderId");
    }
}
