package io.livestack.runtime.internal.sequencer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientOrderIdsTest {

    private static final long T = 1_700_000_000_123_456_789L;

    private static List<String> ids(long firstIntakeNanos, int n) {
        ClientOrderIds ids = new ClientOrderIds("LS");
        ids.begin(firstIntakeNanos);
        ids.begin(firstIntakeNanos + 1_000_000_000L); // later events do not change the tag
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(ids.next().value());
        }
        return out;
    }

    @Test
    void sameFirstEventTimeGivesTheSameIds() {
        assertThat(ids(T, 100)).isEqualTo(ids(T, 100));
    }

    @Test
    void anotherSessionGivesOtherIds() {
        Set<String> all = new HashSet<>(ids(T, 1000));
        all.addAll(ids(T + 1_000_000L, 1000)); // one millisecond later

        assertThat(all).hasSize(2000);
    }

    @Test
    void idsAreShortEnoughForEveryVenue() {
        ClientOrderIds ids = new ClientOrderIds("ABCD");
        ids.begin(T);
        String first = ids.next().value();

        assertThat(first).startsWith("ABCD").hasSizeLessThanOrEqualTo(ClientOrderIds.MAX_LENGTH);
        assertThat(ClientOrderIds.tagOf(T)).hasSize(ClientOrderIds.TAG_LENGTH);
        assertThat(ClientOrderIds.tagOf(4_000_000_000_000_000_000L)).hasSize(ClientOrderIds.TAG_LENGTH);
    }

    @Test
    void noIdBeforeTheFirstEvent() {
        assertThatThrownBy(() -> new ClientOrderIds("LS").next()).isInstanceOf(IllegalStateException.class);
    }
}
