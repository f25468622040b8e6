package io.livestack.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livestack.api.record.ExecutionRecord;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class RecordCodecTest {

    @Test
    void encodesEveryRecordTypeExactly() throws IOException {
        long ord = 0;
        for (ExecutionRecord record : TestRecords.everyType()) {
            Envelope envelope = new Envelope(record.seq(), ord++, 123_456L, record);
            assertThat(RecordCodec.decode(RecordCodec.encode(envelope))).isEqualTo(envelope);
        }
    }

    @Test
    void refusesAnUnknownFormatVersion() {
        byte[] bytes = RecordCodec.encode(new Envelope(1, 0, 0, TestRecords.operatorAction(1)));
        bytes[0] = 99;
        assertThatThrownBy(() -> RecordCodec.decode(bytes)).isInstanceOf(IOException.class)
                .hasMessageContaining("format 99");
    }
}
