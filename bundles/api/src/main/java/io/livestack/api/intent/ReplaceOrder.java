package io.livestack.api.intent;

import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.StrategyId;
import java.util.Objects;

/**
 * Change price and/or quantity of the order whose handle is {@code clientOrderId}. The order keeps its handle; the
 * venue sees a new ClOrdID chained to the previous one.
 */
public record ReplaceOrder(StrategyId strategy, ClientOrderId clientOrderId, long newPrice, long newQuantity)
        implements Intent {

    public ReplaceOrder {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(clientOrderId, "clientOrderId");
    }
}
