package io.livestack.export.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecordJsonTest {

    @Test
    void aFillIsTheVersionedEnvelopeAroundItsFieldsKeyedByInstrument() {
        ExportMessage m = RecordJson.encode(42, 1, TestData.fill(42, "BTC-USD", "E1"));
        assertThat(m.kind()).isEqualTo(TopicKind.FILLS);
        assertThat(m.key()).isEqualTo("BTC-USD");
        assertThat(m.seq()).isEqualTo(42);
        assertThat(m.ord()).isEqualTo(1);
        assertThat(m.json()).startsWith("{\"schema\":1,\"kind\":\"fill\",\"seq\":42,\"ord\":1,\"timeNanos\":"
                + (TestData.T0 + 42) + ",\"record\":{")
                .contains("\"execId\":\"E1\"", "\"price\":\"50000.5\"", "\"quantity\":\"0.25\"",
                        "\"instrument\":\"BTC-USD\"", "\"side\":\"BUY\"", "\"venueOrderId\":null")
                .endsWith("}}");
    }

    @Test
    void metadataAndOperatorActionsShareATopicRefusalsOfCancelsAreKeyedByOrder() {
        ExportMessage meta = RecordJson.encode(1, 0, TestData.metadata(1, "SIM"));
        ExportMessage action = RecordJson.encode(2, 0, TestData.action(2));
        ExportMessage refused = RecordJson.encode(3, 0, TestData.cancelRefused(3, "C9"));
        assertThat(meta.kind()).isEqualTo(TopicKind.METADATA);
        assertThat(action.kind()).isEqualTo(TopicKind.METADATA);
        assertThat(action.json()).contains("\"kind\":\"operator_action\"", "\"user\":\"alice\"");
        assertThat(meta.json()).contains("\"detail\":\"connected \\\"ok\\\"\"");
        assertThat(refused.kind()).isEqualTo(TopicKind.REJECTIONS);
        assertThat(refused.key()).isEqualTo("C9");
        assertThat(refused.json()).contains("\"kind\":\"risk_rejection\"");
    }

    @Test
    void journalOrderComparesSeqThenPlace() {
        ExportMessage m = RecordJson.encode(10, 2, TestData.fill(10, "BTC-USD", "E"));
        assertThat(m.after(10, 1)).isTrue();
        assertThat(m.after(10, 2)).isFalse();
        assertThat(m.after(9, 7)).isTrue();
        assertThat(m.after(11, 0)).isFalse();
    }
}
