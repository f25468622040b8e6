package io.livestack.runtime.internal.chain;

import io.livestack.api.record.ExecutionRecord;
import io.livestack.api.record.ExecutionRecordSink;
import io.livestack.api.runtime.CommandResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The records of the event being processed, and the operator replies it produced. While an event is processed its
 * records are collected ({@link #add}); when it is done ({@link #end}) they go to the sink together — one record with
 * {@code accept}, several with {@code acceptAll} and an immutable copy, so that the sink can commit them in one
 * transaction — and only then are the replies completed: an operator learns the outcome once its records were handed
 * over. Records of different events are never merged. A record made outside an event (seq 0) is handed over at once.
 * The sink is the bound one, or the {@link RecordBuffer} while none is. Processing thread only.
 */
public final class EventRecords {

    /** A reply waiting for the end of its event. */
    private record PendingReply(CompletableFuture<CommandResult> reply, CommandResult result) {
    }

    private final Supplier<ExecutionRecordSink> sink;
    private final RecordDelivery delivery;
    private final ChainJournal journal;
    private final ArrayList<ExecutionRecord> records = new ArrayList<>();
    private final ArrayList<PendingReply> replies = new ArrayList<>();
    private boolean inEvent;
    private java.util.function.Consumer<io.livestack.api.record.FillRecord> fills = f -> { };

    /** @param sink the sink now (the bound one, or the buffer) */
    EventRecords(Supplier<ExecutionRecordSink> sink, ChainCounters counters, ChainJournal journal) {
        this.sink = sink;
        this.delivery = new RecordDelivery(counters);
        this.journal = journal;
    }

    /** Told of every fill recorded (the risk stage's post-trade counting, {@link PostTradeRisk}). */
    void onFill(java.util.function.Consumer<io.livestack.api.record.FillRecord> listener) {
        fills = listener;
    }

    void begin() {
        inEvent = true;
    }

    /** A record of the event being processed; outside an event, handed over at once. */
    public void add(ExecutionRecord record) {
        if (record instanceof io.livestack.api.record.FillRecord fill) {
            fills.accept(fill);
        }
        if (inEvent) {
            records.add(record);
        } else {
            delivery.deliver(sink.get(), List.of(record));
        }
    }

    /** Completes {@code reply} (null: nobody waits) once the event's records are handed over. */
    public void reply(CompletableFuture<CommandResult> reply, CommandResult result) {
        if (reply == null) {
            return;
        }
        if (inEvent) {
            replies.add(new PendingReply(reply, result));
        } else {
            reply.complete(result);
        }
    }

    /** The event is processed: its records to the journal and the sink, then its replies. */
    void end() {
        inEvent = false;
        int n = records.size();
        if (n > 0) {
            try {
                List<ExecutionRecord> done = n == 1 ? List.of(records.get(0)) : List.copyOf(records);
                boolean replayed = journal.replaying();
                journal.outcome(done);
                if (!replayed) {
                    delivery.deliver(sink.get(), done);
                }
            } finally {
                records.clear();
            }
        } else if (journal.replaying()) {
            journal.outcome(List.of());
        }
        if (!replies.isEmpty()) {
            for (int i = 0; i < replies.size(); i++) {
                PendingReply p = replies.get(i);
                p.reply().complete(p.result());
            }
            replies.clear();
        }
    }

    /** A sink was bound: what the buffer kept goes to it first, in order. */
    void drain(RecordBuffer buffer, ExecutionRecordSink bound) {
        if (!buffer.isEmpty()) {
            buffer.drainTo(bound, delivery);
        }
    }
}
