package io.livestack.runtime.internal;

import io.livestack.api.event.Sequenced;
import io.livestack.api.intent.Intent;
import io.livestack.api.model.StrategyId;
import io.livestack.api.record.ExecutionRecord;
import io.livestack.runtime.internal.sequencer.EventJournal;

/**
 * A journal whose disk is the test's: appends are taken (nothing written), and what is durable moves only when the
 * test says so ({@link #forceAll()}), as the flusher would. Processing thread appends; the test forces.
 */
final class ControlledJournal implements EventJournal {

    private volatile long appended;
    private volatile long durable;
    private volatile String failure;

    /** What was appended so far is on disk now. */
    void forceAll() {
        durable = appended;
    }

    void failure(String why) {
        failure = why;
    }

    @Override
    public boolean input(Sequenced event) {
        appended = event.seq();
        return true;
    }

    @Override
    public boolean decision(long seq, int callback, Intent intent) {
        return true;
    }

    @Override
    public boolean fault(long seq, int callback, StrategyId strategy, String headline, String summary) {
        return true;
    }

    @Override
    public boolean outcome(long seq, java.util.List<ExecutionRecord> records) {
        return true;
    }

    @Override
    public boolean snapshotTaken(long seq, String stateHash, String file) {
        return true;
    }

    @Override
    public String failure() {
        return failure;
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public long appendedSeq() {
        return appended;
    }

    @Override
    public long durableSeq() {
        return durable;
    }

    @Override
    public void close() {
    }
}
