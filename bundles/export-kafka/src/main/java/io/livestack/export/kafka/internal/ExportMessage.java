package io.livestack.export.kafka.internal;

/**
 * One execution record as the export publishes it: its topic, its key, its JSON value (schema
 * {@value RecordJson#SCHEMA}) and its place in the journal, (event seq, position in the event), which travels as the
 * headers {@value RecordJson#SEQ_HEADER} and {@value RecordJson#ORD_HEADER}.
 */
record ExportMessage(TopicKind kind, String key, String json, long seq, int ord) {

    /** Whether this message comes after the one at (seq, ord) in journal order. */
    boolean after(long otherSeq, int otherOrd) {
        return seq > otherSeq || (seq == otherSeq && ord > otherOrd);
    }
}
