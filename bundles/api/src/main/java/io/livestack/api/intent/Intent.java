package io.livestack.api.intent;

import io.livestack.api.model.StrategyId;

/**
 * What a strategy (or an operator) wants done. Intents are only wishes: risk checks them and execution control
 * decides whether, and how, they reach a venue.
 */
public sealed interface Intent permits SubmitOrder, CancelOrder, ReplaceOrder {

    /** Who asked; manual orders use {@link #MANUAL}. */
    StrategyId strategy();

    StrategyId MANUAL = new StrategyId("manual");
}
