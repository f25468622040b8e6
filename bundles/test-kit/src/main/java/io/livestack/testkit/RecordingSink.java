package io.livestack.testkit;

import io.livestack.api.record.ExecutionRecord;
import io.livestack.api.record.ExecutionRecordSink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An execution-record sink that keeps every record, and every call, in the order they came. Thread-safe. */
public final class RecordingSink implements ExecutionRecordSink {

    /** One call: {@code accept} (one record, {@code all == false}) or {@code acceptAll}. */
    public record Delivery(boolean all, List<ExecutionRecord> records) {
    }

    public final List<ExecutionRecord> records = new CopyOnWriteArrayList<>();
    public final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    @Override
    public void accept(ExecutionRecord record) {
        deliveries.add(new Delivery(false, List.of(record)));
        records.add(record);
    }

    @Override
    public void acceptAll(List<ExecutionRecord> group) {
        deliveries.add(new Delivery(true, group));
        records.addAll(group);
    }

    /** The records of one type, in order. */
    public <T extends ExecutionRecord> List<T> of(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (ExecutionRecord r : records) {
            if (type.isInstance(r)) {
                out.add(type.cast(r));
            }
        }
        return out;
    }

    /** A copy of every record so far. */
    public List<ExecutionRecord> records() {
        return List.copyOf(records);
    }
}
