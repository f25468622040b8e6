package io.livestack.export.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AckWindowTest {

    @Test
    void theMarkMovesOnlyOverAContiguousAcknowledgedPrefix() {
        AckWindow w = new AckWindow(4);
        w.sent(5);
        w.sent(5);
        w.sent(7);
        w.sent(9);
        w.readUpTo(10); // event 10 had no records
        assertThat(w.inFlight()).isEqualTo(4);
        w.acknowledged(7);
        w.acknowledged(9);
        assertThat(w.mark()).isEqualTo(4); // event 5 still has two in flight
        w.acknowledged(5);
        assertThat(w.mark()).isEqualTo(4);
        w.acknowledged(5);
        assertThat(w.mark()).isEqualTo(10);
        assertThat(w.inFlight()).isZero();
    }

    @Test
    void aFailedSendHoldsTheMarkBeforeItsEvent() {
        AckWindow w = new AckWindow(0);
        w.sent(1);
        w.sent(2);
        w.sent(3);
        w.readUpTo(3);
        w.acknowledged(1);
        w.failed(2);
        w.acknowledged(3);
        assertThat(w.mark()).isEqualTo(1);
        assertThat(w.inFlight()).isZero();
    }

    @Test
    void eventsWithoutRecordsMoveTheMarkWhenNothingIsInFlight() {
        AckWindow w = new AckWindow(3);
        w.readUpTo(8);
        assertThat(w.mark()).isEqualTo(8);
        assertThat(w.readPosition()).isEqualTo(8);
    }

    @Test
    void refusesAnAcknowledgementForNothingInFlight() {
        AckWindow w = new AckWindow(0);
        assertThatThrownBy(() -> w.acknowledged(3)).hasMessageContaining("event 3");
        w.sent(5);
        assertThatThrownBy(() -> w.sent(4)).hasMessageContaining("event 4 sent after event 5");
    }
}
