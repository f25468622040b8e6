package io.livestack.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livestack.api.record.ExecutionRecord;
import io.livestack.api.record.RecordJournal;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** How a batch is read from the journal: keys, the mark it reaches, and a journal breaking its promises. */
class JournalBatchTest {

    /** A journal that answers one read with these events and this position. */
    private static RecordJournal answering(long position, RecordJournal.EventRecords... events) {
        return new RecordJournal() {
            @Override
            public long read(long afterSeq, int maxRecords, Consumer<EventRecords> into) {
                for (EventRecords e : events) {
                    into.accept(e);
                }
                return position;
            }

            @Override
            public long lastSeq() {
                return position;
            }
        };
    }

    private static RecordJournal.EventRecords event(long seq, List<ExecutionRecord> records) {
        return new RecordJournal.EventRecords(seq, records);
    }

    @Test
    void keysEachRecordByItsEventAndItsPositionInIt() {
        JournalBatch batch = JournalBatch.read(answering(9, event(7, TestRecords.fillEvent(7)),
                event(8, List.of(TestRecords.operatorAction(8)))), 3, 5, 100);

        assertThat(batch.items()).extracting(Envelope::key).containsExactly("(7, 0)", "(7, 1)", "(7, 2)", "(8, 0)");
        assertThat(batch.fromMark()).as("where the database has the mark").isEqualTo(3);
        assertThat(batch.toMark()).as("the journal's position, events without records included").isEqualTo(9);
        assertThat(batch.lastSeq()).isEqualTo(8);
    }

    @Test
    void nothingNewLeavesTheMarkWhereItIs() {
        JournalBatch batch = JournalBatch.read(answering(5), 5, 5, 100);
        assertThat(batch.isEmpty()).isTrue();
        assertThat(batch.toMark()).isEqualTo(5);
    }

    @Test
    void theMarkReachesAtLeastTheLastEventDelivered() {
        JournalBatch batch = JournalBatch.read(answering(6, event(8, List.of(TestRecords.operatorAction(8)))), 5, 5,
                100);
        assertThat(batch.toMark()).isEqualTo(8);
    }

    @Test
    void refusesEventsOutOfOrderOrAgainAndAPositionGoingBack() {
        assertThatThrownBy(() -> JournalBatch.read(answering(9, event(7, List.of(TestRecords.operatorAction(7))),
                event(7, List.of(TestRecords.operatorAction(7)))), 5, 5, 100))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("event 7 after event 7");
        assertThatThrownBy(() -> JournalBatch.read(answering(9, event(5, List.of(TestRecords.operatorAction(5)))),
                5, 5, 100)).hasMessageContaining("event 5 after event 5 (reading after seq 5)");
        assertThatThrownBy(() -> JournalBatch.read(answering(4), 5, 5, 100))
                .hasMessageContaining("position 4 to a read after seq 5");
    }
}
