package io.livestack.api.risk;

import java.util.List;

/**
 * The risk stage's own state as plain data: the event times of the orders and of the cancels still inside the
 * one-second rate windows, oldest first.
 */
public record RiskSnapshot(List<Long> orderTimes, List<Long> cancelTimes) {

    public static final RiskSnapshot EMPTY = new RiskSnapshot(List.of(), List.of());

    public RiskSnapshot {
        orderTimes = List.copyOf(orderTimes);
        cancelTimes = List.copyOf(cancelTimes);
    }
}
