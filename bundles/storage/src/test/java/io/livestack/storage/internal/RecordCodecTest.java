package io.livestack.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livestack.api.record.ExecutionRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class RecordCodecTest {

    @Test
    void encodesEveryRecordTypeExactly() throws IOException {
        long ord = 0;
        for (ExecutionRecord record : TestRecords.everyType()) {
            Envelope envelope = new Envelope(record.seq(), ord++, record);
            assertThat(RecordCodec.decode(RecordCodec.encode(envelope))).isEqualTo(envelope);
        }
    }

    @Test
    void readsThePayloadOfADeadLetterWrittenByTheSpoolVersion() throws IOException {
        Envelope envelope = new Envelope(12, 3, TestRecords.fill(12, "E12"));
        byte[] current = RecordCodec.encode(envelope);
        // format 1: the same without the account (format 3 added it at the end: length and "DEFAULT"), with the
        // accept time (a long) after seq and ord
        int account = Integer.BYTES + "DEFAULT".length();
        ByteBuffer v1 = ByteBuffer.allocate(current.length - account + Long.BYTES);
        v1.put((byte) 1).put(current, 1, 2 * Long.BYTES).putLong(123_456_789L)
                .put(current, 1 + 2 * Long.BYTES, current.length - 1 - 2 * Long.BYTES - account);
        assertThat(RecordCodec.decode(v1.array())).isEqualTo(envelope);
    }

    @Test
    void refusesAnUnknownFormatVersion() {
        byte[] bytes = RecordCodec.encode(new Envelope(1, 0, TestRecords.operatorAction(1)));
        bytes[0] = 99;
        assertThatThrownBy(() -> RecordCodec.decode(bytes)).isInstanceOf(IOException.class)
                .hasMessageContaining("format 99");
    }
}
