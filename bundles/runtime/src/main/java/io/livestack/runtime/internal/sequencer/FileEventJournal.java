package io.livestack.runtime.internal.sequencer;

import io.livestack.api.event.Sequenced;
import io.livestack.api.intent.Intent;
import io.livestack.api.model.StrategyId;
import io.livestack.api.record.ExecutionRecord;
import io.livestack.journal.JournalWriter;
import java.util.List;

/** The {@link EventJournal} in its files: the journal bundle's {@link JournalWriter}. */
public final class FileEventJournal implements EventJournal {

    private final JournalWriter writer;

    public FileEventJournal(JournalWriter writer) {
        this.writer = writer;
    }

    @Override
    public boolean input(Sequenced event) {
        return writer.input(event);
    }

    @Override
    public boolean decision(long seq, int callback, Intent intent) {
        return writer.decision(seq, callback, intent);
    }

    @Override
    public boolean fault(long seq, int callback, StrategyId strategy, String headline, String summary) {
        return writer.fault(seq, callback, strategy.value(), headline, summary);
    }

    @Override
    public boolean outcome(long seq, List<ExecutionRecord> records) {
        return writer.outcome(seq, records);
    }

    @Override
    public boolean snapshotTaken(long seq, String stateHash, String file) {
        return writer.snapshotTaken(seq, stateHash, file);
    }

    @Override
    public String failure() {
        return writer.failure();
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public long appendedSeq() {
        return writer.appendedSeq();
    }

    @Override
    public long durableSeq() {
        return writer.durableSeq();
    }

    @Override
    public long durableMark() {
        return writer.durableMark();
    }

    @Override
    public void close() {
        writer.close();
    }

    public JournalWriter writer() {
        return writer;
    }
}
