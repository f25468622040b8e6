package io.livestack.journal;

/** What a journal frame holds (see {@link JournalFormat}). */
public enum FrameKind {
    /** An input the chain processed, with its seq and intake time: written before anything it causes leaves. */
    INPUT(1),
    /** An intent a strategy emitted while the event was processed: written before the intent is processed. */
    DECISION(2),
    /** A strategy callback that threw while the event was processed. */
    FAULT(3),
    /** The execution records the event produced (in parts when there are many). */
    OUTCOME(4),
    /** A snapshot was taken at this event: the state hash and the file. */
    SNAPSHOT_TAKEN(5),
    /** Appending resumes here after inputs were lost (the disk refused a segment): the first lost seq, the reason. */
    GAP(6);

    private static final FrameKind[] BY_CODE = new FrameKind[7];

    static {
        for (FrameKind k : values()) {
            BY_CODE[k.code] = k;
        }
    }

    final int code;

    FrameKind(int code) {
        this.code = code;
    }

    static FrameKind of(int code) {
        FrameKind k = code > 0 && code < BY_CODE.length ? BY_CODE[code] : null;
        if (k == null) {
            throw new JournalFormatException("unknown frame kind " + code);
        }
        return k;
    }
}
