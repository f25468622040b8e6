package io.livestack.runtime.internal.chain;

import io.livestack.api.intent.Intent;
import io.livestack.api.model.StrategyId;
import io.livestack.api.record.ExecutionRecord;
import io.livestack.api.record.FillRecord;
import io.livestack.api.record.MetadataRecord;
import io.livestack.api.record.OperatorActionRecord;
import io.livestack.api.record.OrderRecord;
import io.livestack.api.record.PositionRecord;
import io.livestack.api.record.RiskRejectionRecord;
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
    /** In a replay: whether the event's records are compared (not when a what-if configuration replaced its own). */
    private boolean compare;
    private long divergences;
    private String firstDivergence;
    private long firstDivergenceSeq;
    /** A verification's what-if: per PID, the configuration that replaces the journaled one. */
    private Map<String, Map<String, String>> whatIf = Map.of();
    private final List<String> whatIfApplied = new java.util.ArrayList<>();
    /** A verification that calls the strategies and compares what they decide now with their journaled decisions. */
    private boolean callStrategies;
    /** In such a verification: the strategies' calls in this event, with what each decided now. */
    private final StrategyDecisions decidedNow = new StrategyDecisions();

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
        compare = true;
        seq = eventSeq;
        this.calls = 0;
        decidedNow.clear();
        recorded = calls;
        recordedOutcome = outcome;
        last = lastInput;
    }

    @Override
    public boolean replaying() {
        return recorded != null;
    }

    @Override
    public boolean journaled() {
        return recorded != null || journal.get().enabled();
    }

    @Override
    public int callback(StrategyId strategy) {
        if (recorded != null && callStrategies) {
            decidedNow.called(calls, strategy);
        }
        return calls++;
    }

    @Override
    public void emitted(int callback, Intent intent) {
        if (recorded == null) {
            journal.get().decision(seq, callback, intent);
        } else if (callStrategies) {
            decidedNow.emitted(callback, intent);
        }
    }

    @Override
    public void threw(int callback, StrategyId strategy, String headline, String summary) {
        if (recorded == null) {
            journal.get().fault(seq, callback, strategy, headline, summary);
        } else if (callStrategies) {
            decidedNow.threw(callback, headline);
        }
    }

    @Override
    public Recorded recorded(int callback) {
        if (recorded == null || callStrategies) {
            return null; // live, or a verification that calls the strategies: they decide now
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
        String decided = callStrategies ? decidedNow.firstDifference(recorded) : null;
        if (decided != null) {
            divergences++;
            if (firstDivergence == null) {
                firstDivergenceSeq = seq;
                firstDivergence = "seq " + seq + " (" + decided;
            }
        } else if (compare && !journaled.equals(records)) {
            divergences++;
            if (firstDivergence == null) {
                firstDivergenceSeq = seq;
                firstDivergence = "seq " + seq + " (" + stageOf(journaled, records) + "): journaled "
                        + journaled.size() + " records, the replay made " + records.size() + "; journaled "
                        + journaled + ", replayed " + records;
            }
        }
    }

    /**
     * A verification: whether the strategies are called (what they decide now is compared with their journaled
     * decisions, so a new strategy build or configuration is checked) or their journaled decisions replayed.
     */
    public void callStrategies(boolean call) {
        callStrategies = call;
    }

    /** A verification: these configurations replace the journaled ones of their PIDs during the replay. */
    public void whatIf(Map<String, Map<String, String>> configurations) {
        whatIf = Map.copyOf(configurations);
    }

    /**
     * The configuration a stage takes for {@code pid}: the given one, or in a verification's replay the what-if's
     * (the event's records then differ by design and are not compared).
     */
    Map<String, String> configuration(String pid, Map<String, String> journaled) {
        Map<String, String> replaced = recorded == null ? null : whatIf.get(pid);
        if (replaced == null) {
            return journaled;
        }
        compare = false;
        whatIfApplied.add(pid + " at seq " + seq);
        return replaced;
    }

    /** Where a what-if configuration replaced the journaled one ("pid at seq N"). */
    public List<String> whatIfApplied() {
        return List.copyOf(whatIfApplied);
    }

    /** Events whose replayed records differed from the journaled ones (a recovery that is not exact). */
    public long divergences() {
        return divergences;
    }

    public String firstDivergence() {
        return firstDivergence;
    }

    /** The seq of the first event whose records differed, or 0. */
    public long firstDivergenceSeq() {
        return firstDivergenceSeq;
    }

    /** The stage that made the first record that differs (by the record's kind): the stage that decided otherwise. */
    static String stageOf(List<ExecutionRecord> expected, List<ExecutionRecord> produced) {
        int n = Math.min(expected.size(), produced.size());
        int i = 0;
        while (i < n && expected.get(i).equals(produced.get(i))) {
            i++;
        }
        // what the replay made there names the stage that decided otherwise; if it made nothing, what was expected
        ExecutionRecord r = i < produced.size() ? produced.get(i) : i < expected.size() ? expected.get(i) : null;
        if (r instanceof RiskRejectionRecord) {
            return "risk";
        }
        if (r instanceof OrderRecord || r instanceof FillRecord) {
            return "execution";
        }
        if (r instanceof PositionRecord) {
            return "state";
        }
        if (r instanceof MetadataRecord m) {
            return m.kind().name().startsWith("STRATEGY") ? "strategy-host" : "runtime";
        }
        return r instanceof OperatorActionRecord ? "operator" : "chain";
    }

    /** Why new orders must wait for the journal, or null. */
    String failure() {
        return journal.get().failure();
    }
}
