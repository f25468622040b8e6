package io.livestack.export.kafka.internal;

import io.livestack.api.record.ExecutionRecord;
import io.livestack.api.record.RecordJournal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The export's reader: follows the runtime's journal as the reader {@value #READER} (its own place, independent of
 * storage's), turns each record into its message and hands it to the producer, never blocking the chain (it runs on
 * the export route's own thread). What the broker acknowledged moves the mark ({@link AckWindow}), saved to a local
 * file ({@link ExportMark}) every {@code markIntervalMillis} and on stop.
 * <ul>
 * <li>Start: go on after the saved mark; what the broker already has of what follows (the mark is saved
 * periodically, and a crash leaves sends in flight) is recognised by the partitions' tails ({@link PartitionTails})
 * and skipped, counted as {@code duplicatesSkipped}.</li>
 * <li>A failed send (the producer gave up after {@code delivery.timeout.ms}, or could not even take a message):
 * stop reading, let what is in flight finish, then send everything after the mark again, counted as {@code resent};
 * a consumer recognises those it has by their (seq, ord) headers.</li>
 * <li>The messages of one read go to the producer as one send (one Camel exchange), acknowledged together.</li>
 * <li>A broker that is down only for a while: the idempotent producer retries on its own, in order, no duplicates;
 * the export's lag grows and shrinks again.</li>
 * </ul>
 */
final class Exporter {

    private static final Logger LOG = LoggerFactory.getLogger(Exporter.class);
    static final String READER = "kafka-export";

    private final ExportSettings settings;
    private final Supplier<RecordJournal> journals;
    private final MessageSender sender;
    private final ExportMark markFile;
    private final ExportCounters counters;
    private final Supplier<PartitionTails> tailReader;

    private volatile AckWindow window;
    private volatile PartitionTails tails = PartitionTails.none();
    private volatile Exception failure;
    private volatile String problem = "starting";
    private long resendUpTo = -1;
    private long highestSent;
    private long savedMark = -1;
    private long lastSaveNanos;
    private volatile long lastLastSeq;
    private volatile long caughtUpOrMovedNanos = System.nanoTime();
    private volatile long lastMarkSeen = -1;
    /** The last read found nothing new and nothing is in flight: the export is where the journal lets it be. */
    private volatile boolean atHead;

    Exporter(ExportSettings settings, Supplier<RecordJournal> journals, MessageSender sender, ExportMark markFile,
            ExportCounters counters, Supplier<PartitionTails> tailReader) {
        this.settings = settings;
        this.journals = journals;
        this.sender = sender;
        this.markFile = markFile;
        this.counters = counters;
        this.tailReader = tailReader;
    }

    /**
     * Reads and sends the next batch; true when there is more to read at once (the route loops), false when it
     * should wait for the next tick (nothing new, too much in flight, a failure being handled, no journal).
     */
    boolean nextBatch() {
        RecordJournal journal = journals.get();
        if (journal == null) {
            problem = "no RecordJournal (the runtime is not there)";
            return false;
        }
        lastLastSeq = journal.lastSeq();
        if (window == null && !start()) {
            return false;
        }
        maybeSaveMark(false);
        if (failure != null && !recover()) {
            return false;
        }
        AckWindow w = window;
        if (w.inFlight() >= settings.maxInFlightRecords()) {
            problem = null;
            return false;
        }
        List<RecordJournal.EventRecords> events = new ArrayList<>();
        long after = w.readPosition();
        long position;
        try {
            position = journal.read(READER, after, settings.batchMaxRecords(), events::add);
        } catch (RuntimeException e) {
            problem = "the journal cannot be read after seq " + after + ": " + e.getMessage();
            LOG.error("Kafka export: {}", problem);
            return false;
        }
        long last = after;
        List<MessageSender.Outgoing> batch = new ArrayList<>();
        List<Long> eventTimes = new ArrayList<>();
        for (RecordJournal.EventRecords event : events) {
            if (event.seq() <= last) {
                problem = "the journal delivered event " + event.seq() + " after event " + last;
                LOG.error("Kafka export: {}", problem);
                return false;
            }
            last = event.seq();
            List<ExecutionRecord> records = event.records();
            for (int i = 0; i < records.size(); i++) {
                ExportMessage m = RecordJson.encode(event.seq(), i, records.get(i));
                String topic = settings.topic(m.kind());
                if (tails.holds(topic, m)) {
                    counters.duplicatesSkipped.inc();
                    continue;
                }
                batch.add(new MessageSender.Outgoing(topic, m));
                eventTimes.add(records.get(i).timeNanos());
            }
        }
        if (!batch.isEmpty() && !send(w, batch, eventTimes)) {
            return false; // the send failed: recover on the next tick
        }
        w.readUpTo(Math.max(position, last));
        problem = null;
        // the journal counts an event without records as done only once the next input is there: at rest the mark
        // may stay one event short of lastSeq, which is no lag
        atHead = events.isEmpty() && w.inFlight() == 0;
        if (atHead) {
            caughtUpOrMovedNanos = System.nanoTime();
        }
        return !events.isEmpty();
    }

    /** Sends a read's messages as one; every record is acknowledged, or failed, with it. */
    private boolean send(AckWindow w, List<MessageSender.Outgoing> batch, List<Long> eventTimes) {
        for (MessageSender.Outgoing o : batch) {
            long seq = o.message().seq();
            if (seq <= resendUpTo) {
                counters.resent.inc();
            }
            highestSent = Math.max(highestSent, seq);
            w.sent(seq);
        }
        counters.sent.inc(batch.size());
        try {
            sender.send(batch, e -> {
                if (e == null) {
                    long now = epochNanosNow();
                    long[] seqs = new long[batch.size()];
                    for (int i = 0; i < seqs.length; i++) {
                        seqs[i] = batch.get(i).message().seq();
                    }
                    w.acknowledged(seqs);
                    for (int i = 0; i < batch.size(); i++) {
                        long age = now - eventTimes.get(i);
                        if (age >= 0) {
                            counters.recordToAcknowledged.update(age, TimeUnit.NANOSECONDS);
                        }
                    }
                    counters.acknowledged.inc(batch.size());
                } else {
                    failed(w, batch, e);
                }
            });
            return true;
        } catch (RuntimeException e) {
            failed(w, batch, e);
            return false;
        }
    }

    private void failed(AckWindow w, List<MessageSender.Outgoing> batch, Exception e) {
        batch.forEach(o -> w.failed(o.message().seq()));
        counters.failures.inc();
        if (failure == null) {
            ExportMessage m = batch.get(0).message();
            LOG.warn("Kafka export: the messages from record ({}, {}) on were not all acknowledged: {}; everything "
                    + "after seq {} is sent again", m.seq(), m.ord(), e.toString(), w.mark());
        }
        failure = e;
    }

    /** Reads the mark and the partitions' tails; false (retried on the next tick) when the broker cannot be asked. */
    private boolean start() {
        long mark = markFile.load();
        try {
            tails = tailReader.get();
        } catch (RuntimeException e) {
            problem = "the broker cannot be reached to read where the export stands: " + e.getMessage();
            return false;
        }
        LOG.info("Kafka export: going on after seq {} ({}); {} partitions hold earlier messages, up to seq {}",
                mark, markFile.file(), tails.partitionsWithTail(), tails.highestSeq());
        window = new AckWindow(mark);
        savedMark = mark;
        return true;
    }

    /** After a failed send, once nothing is in flight: everything after the mark goes again. */
    private boolean recover() {
        AckWindow w = window;
        if (w.inFlight() > 0) {
            problem = "a send failed (" + failure + "); waiting for " + w.inFlight() + " in flight";
            return false;
        }
        long mark = w.mark();
        resendUpTo = highestSent;
        tails = PartitionTails.none();
        window = new AckWindow(mark);
        failure = null;
        maybeSaveMark(true);
        LOG.info("Kafka export: sending again after seq {} (up to seq {} possibly twice)", mark, resendUpTo);
        return true;
    }

    /** Saves the mark when it moved and the interval passed (or {@code now}). */
    void maybeSaveMark(boolean now) {
        AckWindow w = window;
        if (w == null) {
            return;
        }
        long mark = w.mark();
        long t = System.nanoTime();
        if (mark != lastMarkSeen || mark >= lastLastSeq) {
            lastMarkSeen = mark;
            caughtUpOrMovedNanos = t;
        }
        if (mark != savedMark && (now || t - lastSaveNanos >= TimeUnit.MILLISECONDS.toNanos(
                settings.markIntervalMillis()))) {
            markFile.save(mark);
            savedMark = mark;
            lastSaveNanos = t;
        }
    }

    /** Waits up to {@code timeout} for what is in flight to be acknowledged, then saves the mark. */
    void stop(Duration timeout) {
        AckWindow w = window;
        if (w == null) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (w.inFlight() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10); // shutdown only: the producer's flush has been asked for
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        maybeSaveMark(true);
    }

    /** What the export's health and metrics show. */
    ExportStatus status() {
        AckWindow w = window;
        long mark = w == null ? Math.max(savedMark, 0) : w.mark();
        long lagEvents = Math.max(0, lastLastSeq - mark);
        // at the head only with nothing in flight now: the drain thread that sets atHead may itself be waiting on a
        // broker that went away, while what it sent stays unacknowledged
        boolean idle = atHead && (w == null || w.inFlight() == 0);
        long lagNanos = lagEvents == 0 || idle ? 0 : System.nanoTime() - caughtUpOrMovedNanos;
        Exception f = failure;
        String detail = f != null ? "a send failed: " + f : problem;
        return new ExportStatus(mark, lagEvents, lagNanos / 1e9, w == null ? 0 : w.inFlight(), detail);
    }

    static long epochNanosNow() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
