package io.livestack.export.kafka.internal;

import io.livestack.api.record.ExecutionRecord;
import io.livestack.api.record.FillRecord;
import io.livestack.api.record.MetadataRecord;
import io.livestack.api.record.OperatorActionRecord;
import io.livestack.api.record.OrderRecord;
import io.livestack.api.record.PositionRecord;
import io.livestack.api.record.RiskRejectionRecord;

/** The topics the export writes, one per kind of record (metadata and operator actions share one). */
enum TopicKind {
    ORDERS("orders"), FILLS("fills"), POSITIONS("positions"), METADATA("metadata"), REJECTIONS("rejections");

    private final String configName;

    TopicKind(String configName) {
        this.configName = configName;
    }

    /** The name in the configuration key {@code topic.NAME} and in the default topic {@code livestack.NAME}. */
    String configName() {
        return configName;
    }

    static TopicKind of(ExecutionRecord r) {
        if (r instanceof OrderRecord) {
            return ORDERS;
        } else if (r instanceof FillRecord) {
            return FILLS;
        } else if (r instanceof PositionRecord) {
            return POSITIONS;
        } else if (r instanceof RiskRejectionRecord) {
            return REJECTIONS;
        } else if (r instanceof MetadataRecord || r instanceof OperatorActionRecord) {
            return METADATA;
        }
        throw new IllegalArgumentException("no topic for " + r.getClass().getName());
    }
}
