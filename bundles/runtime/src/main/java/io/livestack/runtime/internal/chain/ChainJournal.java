package io.livestack.runtime.internal.chain;

import io.livestack.api.intent.Intent;
import io.livestack.api.model.StrategyId;
import io.livestack.api.record.ExecutionRecord;
import io.livestack.api.runtime.DecisionLog;
import io.livestack.runtime.internal.sequencer.EventJournal;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the chain journals for the event being processed, besides the input the sequencer appended: the strategy host's
 * numbered calls into strategies with what they emitted and whether they threw ({@link DecisionLog}), and the records
 * the event produced ({@link #outcome}). In a recovery it serves what was journaled instead: each call's recorded
 * decisions, and it checks the records the replayed event produces against the journaled ones (an event whose
 * records were never journaled — the last one before a crash — has them appended now). Processing thread only.
 */
public final class ChainJournal implements DecisionLog {

    private static final Recorded NOTHING = new Recorded(List.of(), null, null);

    private final Supplier<EventJournal> journal;
    private long seq;
    private int calls;
    /** In a recovery: the event's recorded calls (absent: the call emitted nothing), else null. */
    private Map<Integer, Recorded> recorded;
    /** In a recovery: the event's journaled records, or null when none were journaled. */
    private List<ExecutionRecord> recordedOutcome;
    /** In a recovery: the event is the journal's last input (its records may not have been journaled yet). */
    private boolean last;
    private long divergences;
    private String firstDivergence;

    ChainJournal(Supplier<EventJournal> journal) {
        this.journal = journal;
    }

    /** A live event begins: decisions are journaled. */
    void begin(long eventSeq) {
        seq = eventSeq;
        calls = 0;
        recorded = null;
        recordedOutcome = null;
    }

    /**
     * A journaled event is replayed: decisions come from the journal; {@code outcome} is its journaled records (null:
     * none), {@code lastInput} whether it is the journal's last input.
     */
    public void replay(long eventSeq, Map<Integer, Recorded> calls, List<ExecutionRecord> outcome, boolean lastInput) {
        seq = eventSeq;
        this.calls = 0;
        recorded = calls;
        recordedOutcome = outcome;
        last = lastInput;
    }

    @Override
    public boolean replaying() {
        return recorded != null;
    }

    @Override
    public int callback(StrategyId strategy) {
        return calls++;
    }

    @Override
    public void emitted(int callback, Intent intent) {
        if (recorded == null) {
            journal.get().decision(seq, callback, intent);
        }
    }

    @Override
    public void threw(int callback, StrategyId strategy, String headline, String summary) {
        if (recorded == null) {
            journal.get().fault(seq, callback, strategy, headline, summary);
        }
    }

    @Override
    public Recorded recorded(int callback) {
        if (recorded == null) {
            return null;
        }
        Recorded r = recorded.get(callback);
        return r == null ? NOTHING : r;
    }

    /** The event's records: journaled when live; in a recovery, checked against the journaled ones. */
    void outcome(List<ExecutionRecord> records) {
        if (recorded == null) {
            journal.get().outcome(seq, records);
            return;
        }
        if (recordedOutcome == null && last) {
            if (!records.isEmpty()) {
                journal.get().outcome(seq, records); // the last event before the crash: its records were not journaled
            }
            return;
        }
        List<ExecutionRecord> journaled = recordedOutcome == null ? List.of() : recordedOutcome;
        if (!journaled.equals(records)) {
            divergences++;
            if (firstDivergence == null) {
                firstDivergence = "seq " + seq + ": journaled " + journaled.size() + " records, the replay made "
                        + records.size() + "; journaled " + journaled + ", replayed " + records;
            }
        }
    }

    /** Events whose replayed records differed from the journaled ones (a recovery that is not exact). */
    public long divergences() {
        return divergences;
    }

    public String firstDivergence() {
        return firstDivergence;
    }

    /** Why new orders must wait for the journal, or null. */
    String failure() {
        return journal.get().failure();
    }
}
