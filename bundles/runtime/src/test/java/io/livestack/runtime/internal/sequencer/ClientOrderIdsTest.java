package io.livestack.runtime.internal.sequencer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livestack.api.event.RuntimeEvent;
import io.livestack.api.event.Sequenced;
import io.livestack.api.event.TimerEvent;
import io.livestack.api.event.TimerOwner;
import io.livestack.api.model.StrategyId;
import java.util.ArrayList;
import java.util.Map;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientOrderIdsTest {

    private static final long T = 1_700_000_000_123_456_789L;

    private static Sequenced event(long intakeNanos) {
        return new Sequenced(1, intakeNanos, new TimerEvent(0, TimerOwner.strategy(StrategyId.of("s")), 1));
    }

    private static Sequenced recovered(long intakeNanos) {
        return new Sequenced(2, intakeNanos, new RuntimeEvent(0, RuntimeEvent.Kind.RECOVERED, Map.of()));
    }

    private static List<String> ids(long firstIntakeNanos, int n) {
        ClientOrderIds ids = new ClientOrderIds("LS");
        ids.take(event(firstIntakeNanos));
        ids.take(event(firstIntakeNanos + 1_000_000_000L)); // later events do not change the tag
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
        ids.take(event(T));
        String first = ids.next().value();

        assertThat(first).startsWith("ABCD").hasSizeLessThanOrEqualTo(ClientOrderIds.MAX_LENGTH);
        assertThat(ClientOrderIds.tagOf(T)).hasSize(ClientOrderIds.TAG_LENGTH);
        assertThat(ClientOrderIds.tagOf(4_000_000_000_000_000_000L)).hasSize(ClientOrderIds.TAG_LENGTH);
    }

    @Test
    void aRecoveryBeginsANewTagSoThatIdsTheJournalMayLackAreNeverGivenAgain() {
        ClientOrderIds ids = new ClientOrderIds("LS");
        ids.take(event(T));
        Set<String> before = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            before.add(ids.next().value());
        }
        // a power loss: the journal kept the first 10 ids only; its replay gives them again, then RECOVERED
        ClientOrderIds again = new ClientOrderIds("LS");
        again.take(event(T));
        for (int i = 0; i < 10; i++) {
            assertThat(before).contains(again.next().value());
        }
        again.take(recovered(T + 5_000_000_000L));
        for (int i = 0; i < 100; i++) {
            assertThat(before).doesNotContain(again.next().value());
        }
        assertThat(again.tag()).isEqualTo(ClientOrderIds.tagOf(T + 5_000_000_000L));
        assertThat(again.counter()).isEqualTo(100);
    }

    @Test
    void idsGivenAfterTheLastJournaledOneAreKnownAsSentButNotJournaled() {
        ClientOrderIds live = new ClientOrderIds("LS");
        live.take(event(T));
        List<io.livestack.api.model.ClientOrderId> given = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            given.add(live.next());
        }
        ClientOrderIds recovered = new ClientOrderIds("LS"); // the journal kept the inputs of the first 37
        recovered.take(event(T));
        for (int i = 0; i < 37; i++) {
            recovered.next();
        }
        assertThat(recovered.givenAfterJournal(given.get(38))).as("before the recovery: not known").isFalse();
        recovered.markJournaled();
        recovered.take(recovered(T + 9_000_000_000L));

        assertThat(given.subList(0, 37)).noneMatch(recovered::givenAfterJournal);
        assertThat(given.subList(37, 40)).allMatch(recovered::givenAfterJournal);
        assertThat(recovered.givenAfterJournal(recovered.next())).as("the new tag's").isFalse();
        assertThat(recovered.givenAfterJournal(io.livestack.api.model.ClientOrderId.of("XX" + live.tag() + "Z")))
                .as("another prefix").isFalse();
        assertThat(recovered.givenAfterJournal(io.livestack.api.model.ClientOrderId.of("LS" + live.tag() + "-1")))
                .as("not one of ours").isFalse();
    }

    @Test
    void noIdBeforeTheFirstEvent() {
        assertThatThrownBy(() -> new ClientOrderIds("LS").next()).isInstanceOf(IllegalStateException.class);
    }
}
