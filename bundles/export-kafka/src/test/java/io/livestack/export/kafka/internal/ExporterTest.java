package io.livestack.export.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.record.ExecutionRecord;
import io.livestack.api.record.RecordJournal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExporterTest {

    @TempDir
    Path dir;

    /** Events 1..n, event i with i % 3 records (every third has none); reads answer the reader by name. */
    static class Journal implements RecordJournal {
        final List<EventRecords> events = new ArrayList<>();
        final List<String> readers = new ArrayList<>();

        Journal(int n) {
            for (long seq = 1; seq <= n; seq++) {
                List<ExecutionRecord> records = new ArrayList<>();
                for (int i = 0; i < seq % 3; i++) {
                    records.add(TestData.any(seq, i));
                }
                events.add(new EventRecords(seq, records));
            }
        }

        @Override
        public long read(long afterSeq, int maxRecords, Consumer<EventRecords> into) {
            throw new AssertionError("the export reads under its own name");
        }

        @Override
        public long read(String reader, long afterSeq, int maxRecords, Consumer<EventRecords> into) {
            readers.add(reader);
            long position = afterSeq;
            int delivered = 0;
            for (EventRecords e : events) {
                if (e.seq() > afterSeq && delivered < maxRecords) {
                    into.accept(e);
                    delivered += e.records().size();
                    position = e.seq();
                }
            }
            return position;
        }

        @Override
        public long lastSeq() {
            return events.size();
        }
    }

    /** Keeps what was sent; the test acknowledges or fails each send. */
    static final class Sender implements MessageSender {
        record Sent(String topic, ExportMessage message) {
        }

        final List<Sent> sent = new ArrayList<>();
        final List<Outcome> sends = new ArrayList<>();

        @Override
        public void send(List<Outgoing> messages, Outcome outcome) {
            messages.forEach(m -> sent.add(new Sent(m.topic(), m.message())));
            sends.add(outcome);
        }

        void ackAll() {
            sends.forEach(o -> o.done(null));
            sends.clear();
            sent.clear();
        }
    }

    private ExportSettings settings(int batch) {
        return ExportSettings.parse(Map.of("enabled", "true", "bootstrap.servers", "k:9092",
                "batchMaxRecords", Integer.toString(batch), "markFile", dir.resolve("mark").toString(),
                "markIntervalMillis", "1"), dir);
    }

    private static void drain(Exporter e) {
        for (int i = 0; i < 1000 && e.nextBatch(); i++) {
            // loop as the route does
        }
    }

    @Test
    void sendsEveryRecordInJournalOrderAndTheMarkFollowsTheAcknowledgements() {
        Journal journal = new Journal(30);
        Sender sender = new Sender();
        ExportCounters counters = new ExportCounters();
        Exporter e = new Exporter(settings(5), () -> journal, sender, new ExportMark(dir.resolve("mark")), counters,
                PartitionTails::none);
        drain(e);
        assertThat(journal.readers).containsOnly(Exporter.READER);
        assertThat(sender.sent).extracting(s -> s.message().seq() * 10 + s.message().ord()).isSorted()
                .hasSize(30); // 10 events with 1, 10 with 2
        assertThat(sender.sent).extracting(Sender.Sent::topic).containsOnly("livestack.fills");
        assertThat(e.status().mark()).isZero();
        assertThat(e.status().lagEvents()).isEqualTo(30);
        sender.ackAll();
        e.nextBatch();
        assertThat(e.status().mark()).isEqualTo(30);
        assertThat(e.status().lagEvents()).isZero();
        assertThat(new ExportMark(dir.resolve("mark")).load()).isEqualTo(30);
        assertThat(counters.sent.getCount()).isEqualTo(30);
        assertThat(counters.acknowledged.getCount()).isEqualTo(30);
    }

    @Test
    void afterARestartWhatThePartitionsAlreadyHoldIsSkippedAndCounted() {
        Journal journal = new Journal(12);
        new ExportMark(dir.resolve("mark")).save(4); // the last mark saved before the crash
        // the broker holds everything up to (8, 1) in the partition of ETH-USD and up to (10, 0) in BTC-USD's
        Map<String, Integer> partitions = Map.of("livestack.fills", 2);
        Map<TopicPartition, PartitionTails.Tail> tails = new HashMap<>();
        tails.put(new TopicPartition("livestack.fills", partition("BTC-USD", 2)), new PartitionTails.Tail(10, 0));
        tails.put(new TopicPartition("livestack.fills", partition("ETH-USD", 2)), new PartitionTails.Tail(8, 1));
        Sender sender = new Sender();
        ExportCounters counters = new ExportCounters();
        Exporter e = new Exporter(settings(100), () -> journal, sender, new ExportMark(dir.resolve("mark")), counters,
                () -> new PartitionTails(partitions, tails));
        drain(e);
        // events after 4 with records: 5 (2), 7 (1), 8 (2), 10 (1), 11 (2); ord 0 is BTC-USD, ord 1 ETH-USD
        assertThat(sender.sent).extracting(s -> s.message().seq() + "/" + s.message().ord())
                .containsExactly("11/0", "11/1");
        assertThat(counters.duplicatesSkipped.getCount()).isEqualTo(6);
        sender.ackAll();
        e.nextBatch();
        assertThat(e.status().mark()).isEqualTo(12);
    }

    @Test
    void aFailedSendStopsTheExportUntilNothingIsInFlightThenEverythingAfterTheMarkGoesAgain() {
        Journal journal = new Journal(6);
        Sender sender = new Sender();
        ExportCounters counters = new ExportCounters();
        Exporter e = new Exporter(settings(2), () -> journal, sender, new ExportMark(dir.resolve("mark")), counters,
                PartitionTails::none);
        drain(e);
        // two reads of about two records: 1/0, 2/0, 2/1 and 4/0, 5/0, 5/1
        assertThat(sender.sends).hasSize(2);
        assertThat(sender.sent).hasSize(6);
        List<MessageSender.Outcome> first = new ArrayList<>(sender.sends);
        sender.sends.clear();
        sender.sent.clear();
        first.get(0).done(new RuntimeException("broker gone"));
        assertThat(e.nextBatch()).isFalse(); // the second send still in flight: nothing is read or sent
        assertThat(e.status().problem()).contains("broker gone");
        assertThat(sender.sent).isEmpty();
        first.get(1).done(null);
        assertThat(e.status().mark()).as("the failed records hold the mark").isZero();
        drain(e);
        assertThat(sender.sent).extracting(s -> s.message().seq() + "/" + s.message().ord())
                .containsExactly("1/0", "2/0", "2/1", "4/0", "5/0", "5/1");
        assertThat(counters.resent.getCount()).isEqualTo(6);
        assertThat(counters.failures.getCount()).isEqualTo(1);
        sender.ackAll();
        e.nextBatch();
        assertThat(e.status().mark()).isEqualTo(6);
        assertThat(e.status().problem()).isNull();
    }

    @Test
    void atRestTheLastEventWithoutRecordsIsNoLagButUnacknowledgedRecordsAre() {
        Journal journal = new Journal(6) {
            @Override
            public long lastSeq() {
                return 7; // event 7 is journaled, its records not known complete yet
            }
        };
        Sender sender = new Sender();
        Exporter e = new Exporter(settings(100), () -> journal, sender, new ExportMark(dir.resolve("mark")),
                new ExportCounters(), PartitionTails::none);
        drain(e);
        assertThat(e.status().lagEvents()).isEqualTo(7);
        io.livestack.testkit.Await.until("a lag in time while records are in flight", java.time.Duration.ofSeconds(5),
                () -> e.status().lagSeconds() > 0);
        sender.ackAll();
        e.nextBatch();
        assertThat(e.status().mark()).isEqualTo(6);
        assertThat(e.status().lagEvents()).isEqualTo(1);
        assertThat(e.status().lagSeconds()).as("nothing more to read, nothing in flight").isZero();
    }

    /**
     * The drain thread may wait inside a send (a broker that went away): the status, read by health on another thread,
     * must show the lag of what is in flight, not the "at the head" of the drain's last finished tick.
     */
    @Test
    void aDrainWaitingInsideASendStillShowsTheLagOfWhatIsInFlight() {
        Journal journal = new Journal(3);
        Exporter[] exporter = new Exporter[1];
        double[] lagInsideSend = {-1};
        boolean[] answer = {true};
        MessageSender sender = (messages, outcome) -> {
            if (answer[0]) {
                outcome.done(null);
            } else {
                io.livestack.testkit.Await.until("a lag in time while the drain waits in a send",
                        java.time.Duration.ofSeconds(5), () -> exporter[0].status().lagSeconds() > 0);
                lagInsideSend[0] = exporter[0].status().lagSeconds();
            }
        };
        exporter[0] = new Exporter(settings(100), () -> journal, sender, new ExportMark(dir.resolve("mark")),
                new ExportCounters(), PartitionTails::none);
        drain(exporter[0]);
        assertThat(exporter[0].status().lagSeconds()).as("at the head, all acknowledged").isZero();

        journal.events.add(new RecordJournal.EventRecords(4, List.of(TestData.any(4, 0))));
        answer[0] = false;
        exporter[0].nextBatch();
        assertThat(lagInsideSend[0]).isPositive();
        assertThat(exporter[0].status().lagEvents()).isPositive();
    }

    @Test
    void noJournalNoExportAndTheStatusSaysWhy() {
        Exporter e = new Exporter(settings(10), () -> null, new Sender(), new ExportMark(dir.resolve("mark")),
                new ExportCounters(), PartitionTails::none);
        assertThat(e.nextBatch()).isFalse();
        assertThat(e.status().problem()).contains("no RecordJournal");
    }

    private static int partition(String key, int count) {
        return org.apache.kafka.clients.producer.internals.BuiltInPartitioner.partitionForKey(
                key.getBytes(java.nio.charset.StandardCharsets.UTF_8), count);
    }
}
