package io.livestack.api.event;

import io.livestack.api.model.Side;
import java.util.Objects;

/** Sets the quantity at a price level; quantity 0 deletes the level. */
public record LevelChange(Side side, long price, long quantity) {

    public LevelChange {
        Objects.requireNonNull(side, "side");
        if (quantity < 0) {
            throw new IllegalArgumentException("level quantity must not be negative: " + quantity);
        }
    }
}
