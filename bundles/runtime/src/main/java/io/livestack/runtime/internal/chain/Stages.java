package io.livestack.runtime.internal.chain;

import io.livestack.api.model.VenueId;
import io.livestack.api.record.ExecutionRecordSink;
import io.livestack.api.risk.RiskStage;
import io.livestack.api.runtime.ExecutionStage;
import io.livestack.api.runtime.StrategyHostStage;
import io.livestack.api.state.StateStore;
import io.livestack.api.venue.VenueAdapter;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.SortedMap;

/**
 * The stages bound at one moment, as the chain uses them: immutable, published whole on every bind and unbind, so
 * that an event is processed against one consistent set. A missing stage is an object, not a null: the host, risk,
 * execution control and the record sink are the real services or their fail-closed stand-ins
 * ({@link #present} says which). Only the state has no stand-in: without it the chain takes no event at all.
 *
 * @param state the state stage, or null
 */
public record Stages(StateStore state, StrategyHostStage host, RiskStage risk, ExecutionStage execution,
        ExecutionRecordSink sink, SortedMap<VenueId, VenueAdapter> venues, Set<Stage> present) {

    public Stages {
        venues = Collections.unmodifiableSortedMap(venues);
        present = Collections.unmodifiableSet(present.isEmpty() ? EnumSet.noneOf(Stage.class) : EnumSet.copyOf(present));
    }

    /** The same stages with other venues (a replay's, which send nothing). */
    public Stages withVenues(SortedMap<VenueId, VenueAdapter> other) {
        return new Stages(state, host, risk, execution, sink, other, present);
    }

    /** Whether the real stage is bound (not its stand-in). */
    public boolean present(Stage stage) {
        return present.contains(stage);
    }
}
