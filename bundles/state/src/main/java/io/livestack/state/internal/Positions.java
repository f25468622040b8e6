package io.livestack.state.internal;

import io.livestack.api.model.InstrumentId;
import io.livestack.api.state.PositionView;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The positions by instrument ({@link Position}: average cost, marked by the books). Processing thread only. */
final class Positions {

    private final Map<InstrumentId, Position> byInstrument = new HashMap<>();

    /** The instrument's position, created flat (and not listed) the first time it is asked for. */
    Position of(InstrumentId instrument) {
        Position position = byInstrument.get(instrument);
        if (position == null) {
            position = new Position(instrument);
            byInstrument.put(instrument, position);
        }
        return position;
    }

    void restore(PositionView view) {
        of(view.instrument()).restore(view);
    }

    /** Never null: a flat view when nothing was taken. */
    PositionView view(InstrumentId instrument) {
        Position position = byInstrument.get(instrument);
        return position == null ? PositionView.flat(instrument) : position.view();
    }

    /** The positions taken (filled or recovered), by instrument. */
    Collection<PositionView> views() {
        List<PositionView> views = new ArrayList<>();
        for (Position position : byInstrument.values()) {
            if (position.active) {
                views.add(position.view());
            }
        }
        views.sort((a, b) -> a.instrument().compareTo(b.instrument()));
        return Collections.unmodifiableList(views);
    }

    /** The mark of every instrument known (taken or not), by instrument. */
    Map<InstrumentId, Long> marks() {
        Map<InstrumentId, Long> marks = new java.util.TreeMap<>();
        for (Position position : byInstrument.values()) {
            marks.put(position.instrument(), position.markPrice);
        }
        return marks;
    }

    /** Puts back the positions and marks a snapshot holds; what was here is gone. */
    void restore(Collection<PositionView> taken, Map<InstrumentId, Long> marks) {
        byInstrument.clear();
        for (Map.Entry<InstrumentId, Long> mark : marks.entrySet()) {
            of(mark.getKey()).markPrice = mark.getValue();
        }
        for (PositionView view : taken) {
            restore(view);
        }
    }

    boolean anyTaken() {
        for (Position position : byInstrument.values()) {
            if (position.active) {
                return true;
            }
        }
        return false;
    }
}
