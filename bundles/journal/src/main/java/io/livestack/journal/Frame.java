package io.livestack.journal;

import io.livestack.api.event.Event;
import io.livestack.api.event.Sequenced;
import io.livestack.api.intent.Intent;
import io.livestack.api.record.ExecutionRecord;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One frame as read: its kind and seq, where it is, and its body, decoded on request. Valid only inside the
 * {@link JournalReader.Visitor} call that receives it (the buffer is reused).
 */
public final class Frame {

    private final WireIn in = new WireIn();
    private ByteBuffer buffer;
    private int bodyStart;
    private int end;
    private FrameKind kind;
    private long seq;
    private Path segment;
    private int offset;

    Frame set(ByteBuffer buffer, Path segment, int offset, int payloadStart, int payloadEnd) {
        this.buffer = buffer;
        this.segment = segment;
        this.offset = offset;
        this.end = payloadEnd;
        in.wrap(buffer, payloadStart, payloadEnd);
        this.kind = FrameKind.of(in.u8());
        this.seq = in.i64();
        this.bodyStart = in.position();
        return this;
    }

    public FrameKind kind() {
        return kind;
    }

    public long seq() {
        return seq;
    }

    public Path segment() {
        return segment;
    }

    public int offset() {
        return offset;
    }

    /** The body from its start (each call starts again). */
    public WireIn body() {
        return in.wrap(buffer, bodyStart, end);
    }

    private WireIn expect(FrameKind expected) {
        if (kind != expected) {
            throw new IllegalStateException("a " + kind + " frame, not " + expected);
        }
        return body();
    }

    /** INPUT: the sequenced event. */
    public Sequenced input() {
        WireIn b = expect(FrameKind.INPUT);
        long intakeTime = b.i64();
        Event event = EventCodec.read(b);
        return new Sequenced(seq, intakeTime, event);
    }

    /** DECISION and FAULT: the strategy callback's number within the event. */
    public int callback() {
        if (kind != FrameKind.DECISION && kind != FrameKind.FAULT) {
            throw new IllegalStateException("a " + kind + " frame has no callback number");
        }
        return body().i32();
    }

    /** DECISION: the intent. */
    public Intent decision() {
        WireIn b = expect(FrameKind.DECISION);
        b.i32();
        return EventCodec.readIntent(b);
    }

    /** FAULT: the strategy, the fault's headline and the summary recorded of it. */
    public String[] fault() {
        WireIn b = expect(FrameKind.FAULT);
        b.i32();
        return new String[] {b.string(), b.string(), b.string()};
    }

    /** OUTCOME: this part's records. */
    public List<ExecutionRecord> records() {
        WireIn b = expect(FrameKind.OUTCOME);
        b.i32();
        b.bool();
        int n = EventCodec.count(b, 17);
        List<ExecutionRecord> records = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            records.add(RecordCodec.read(b));
        }
        return records;
    }

    /** OUTCOME: whether this is the event's last part. */
    public boolean lastPart() {
        WireIn b = expect(FrameKind.OUTCOME);
        b.i32();
        return b.bool();
    }

    /** SNAPSHOT_TAKEN: the state hash and the file name. */
    public String[] snapshotTaken() {
        WireIn b = expect(FrameKind.SNAPSHOT_TAKEN);
        return new String[] {b.string(), b.string()};
    }

    /** GAP: the first seq that was not journaled. */
    public long gapFrom() {
        return expect(FrameKind.GAP).i64();
    }

    /** GAP: why. */
    public String gapReason() {
        WireIn b = expect(FrameKind.GAP);
        b.i64();
        return b.string();
    }

    @Override
    public String toString() {
        return kind + " seq " + seq + " at " + segment.getFileName() + ":" + offset;
    }
}
