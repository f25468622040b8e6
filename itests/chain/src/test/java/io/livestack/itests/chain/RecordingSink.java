package io.livestack.itests.chain;

import io.livestack.api.record.ExecutionRecord;
import io.livestack.api.record.ExecutionRecordSink;
import java.util.ArrayList;
import java.util.List;

/** The execution-record sink of the chain tests: keeps every record in the order intake delivered it. */
final class RecordingSink implements ExecutionRecordSink {

    private final List<ExecutionRecord> records = new ArrayList<>();

    @Override
    public synchronized void accept(ExecutionRecord record) {
        records.add(record);
    }

    synchronized List<ExecutionRecord> records() {
        return List.copyOf(records);
    }

    synchronized int size() {
        return records.size();
    }
}
