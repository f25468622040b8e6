package io.livestack.webconsole.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChartHistoryTest {

    @Test
    void keepsTheLastCapacityPointsOldestFirst() {
        ChartHistory h = new ChartHistory(1000, 3, 10);
        for (int i = 1; i <= 5; i++) {
            h.append(i * 1000L, Map.of("a", (double) i));
        }
        ChartHistory.Window w = h.since(0);
        assertThat(w.times()).containsExactly(3000L, 4000L, 5000L);
        assertThat(w.series().get("a")).containsExactly(3.0, 4.0, 5.0);
        assertThat(w.capacity()).isEqualTo(3);
        assertThat(h.size()).isEqualTo(3);
    }

    @Test
    void sinceGivesOnlyTheNewPointsOfEverySeriesAligned() {
        ChartHistory h = new ChartHistory(1000, 10, 10);
        h.append(1000, Map.of("a", 1.0));
        h.append(2000, Map.of("a", 2.0, "b", 20.0));
        h.append(3000, Map.of("b", 30.0));

        ChartHistory.Window all = h.since(0);
        assertThat(all.series().get("a")).containsExactly(1.0, 2.0, Double.NaN);
        assertThat(all.series().get("b")).containsExactly(Double.NaN, 20.0, 30.0);

        ChartHistory.Window after = h.since(2000);
        assertThat(after.times()).containsExactly(3000L);
        assertThat(after.series()).containsOnlyKeys("a", "b");
        assertThat(after.series().get("a")).containsExactly(Double.NaN);
        assertThat(h.since(3000).times()).isEmpty();
    }

    @Test
    void aSampleOlderThanTheLastIsIgnored() {
        ChartHistory h = new ChartHistory(1000, 10, 10);
        h.append(5000, Map.of("a", 5.0));
        h.append(4000, Map.of("a", 4.0));
        assertThat(h.since(0).times()).containsExactly(5000L);
    }

    @Test
    void seriesBeyondTheLimitAreCountedNotKept() {
        ChartHistory h = new ChartHistory(1000, 10, 2);
        h.append(1000, Map.of("a", 1.0, "b", 2.0));
        h.append(2000, Map.of("a", 1.0, "b", 2.0, "c", 3.0));
        ChartHistory.Window w = h.since(0);
        assertThat(w.series()).containsOnlyKeys("a", "b");
        assertThat(w.droppedSeries()).isEqualTo(1);
    }

    @Test
    void aFullLoadLeavesOutSeriesWithoutAnyPointInTheWindow() {
        ChartHistory h = new ChartHistory(1000, 2, 10);
        h.append(1000, Map.of("old", 1.0));
        h.append(2000, Map.of("new", 2.0));
        h.append(3000, Map.of("new", 3.0));
        assertThat(h.since(0).series()).containsOnlyKeys("new");
        assertThat(h.since(0).series().get("new")).isEqualTo(List.of(2.0, 3.0));
    }

    @Test
    void aFirstLoadIsThinnedToAboutMaxPointsKeepingTheNewest() {
        ChartHistory h = new ChartHistory(1000, 3600, 10);
        for (int i = 1; i <= 3600; i++) {
            h.append(i * 1000L, Map.of("a", (double) i));
        }
        ChartHistory.Window w = h.since(0, 900);
        assertThat(w.times()).hasSize(900);
        assertThat(w.times().get(w.times().size() - 1)).isEqualTo(3_600_000L);
        assertThat(w.times().get(0)).isEqualTo(4000L);
        assertThat(w.series().get("a").get(1) - w.series().get("a").get(0)).isEqualTo(4.0);
        assertThat(w.times()).isSorted();
        assertThat(h.since(3_590_000, 900).times()).hasSize(10);
        assertThat(h.since(0, 5000).times()).hasSize(3600);
    }

    @Test
    void refusesNonPositiveSizes() {
        assertThatThrownBy(() -> new ChartHistory(0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChartHistory(1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
