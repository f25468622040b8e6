package io.livestack.export.kafka.internal;

import io.livestack.api.intent.CancelOrder;
import io.livestack.api.intent.ReplaceOrder;
import io.livestack.api.intent.SubmitOrder;
import io.livestack.api.record.ExecutionRecord;
import io.livestack.api.record.FillRecord;
import io.livestack.api.record.MetadataRecord;
import io.livestack.api.record.OperatorActionRecord;
import io.livestack.api.record.OrderRecord;
import io.livestack.api.record.PositionRecord;
import io.livestack.api.record.RiskRejectionRecord;
import io.livestack.journal.JsonLines;

/**
 * The export's message schema, version {@value #SCHEMA} (docs/kafka-export.md): a JSON object
 * <pre>
 * {"schema":1,"kind":"fill","seq":1234,"ord":1,"timeNanos":...,"record":{...the record's fields...}}
 * </pre>
 * with the record's fields as the journal export writes them (fixed-point amounts as exact decimal strings, ids as
 * their values, enums as names). The key keeps per-instrument order — and so per-order order — within a partition:
 * orders, fills, positions and refused new orders are keyed by instrument, a refused cancel or replace by its order,
 * metadata by its subject, operator actions by their target.
 */
final class RecordJson {

    static final int SCHEMA = 1;
    static final String SCHEMA_HEADER = "livestack.schema";
    static final String SEQ_HEADER = "livestack.seq";
    static final String ORD_HEADER = "livestack.ord";

    private RecordJson() {
    }

    static ExportMessage encode(long seq, int ord, ExecutionRecord r) {
        StringBuilder out = new StringBuilder(512);
        out.append("{\"schema\":").append(SCHEMA).append(",\"kind\":\"").append(kind(r)).append("\",\"seq\":")
                .append(seq).append(",\"ord\":").append(ord).append(",\"timeNanos\":").append(r.timeNanos())
                .append(",\"record\":");
        JsonLines.value(out, null, r);
        out.append('}');
        return new ExportMessage(TopicKind.of(r), key(r), out.toString(), seq, ord);
    }

    /** The record's kind in the message (and its header): order, fill, position, metadata, operator_action, risk_rejection. */
    static String kind(ExecutionRecord r) {
        if (r instanceof OrderRecord) {
            return "order";
        } else if (r instanceof FillRecord) {
            return "fill";
        } else if (r instanceof PositionRecord) {
            return "position";
        } else if (r instanceof MetadataRecord) {
            return "metadata";
        } else if (r instanceof OperatorActionRecord) {
            return "operator_action";
        }
        return "risk_rejection";
    }

    static String key(ExecutionRecord r) {
        if (r instanceof OrderRecord o) {
            return o.order().instrument().value();
        } else if (r instanceof FillRecord f) {
            return f.instrument().value();
        } else if (r instanceof PositionRecord p) {
            return p.position().instrument().value();
        } else if (r instanceof MetadataRecord m) {
            return m.kind().name() + ":" + m.subject();
        } else if (r instanceof OperatorActionRecord a) {
            return "operator:" + a.target();
        } else if (r instanceof RiskRejectionRecord j) {
            if (j.intent() instanceof SubmitOrder s) {
                return s.instrument().value();
            }
            return j.intent() instanceof CancelOrder c ? c.clientOrderId().value()
                    : ((ReplaceOrder) j.intent()).clientOrderId().value();
        }
        throw new IllegalArgumentException("no key for " + r.getClass().getName());
    }
}
