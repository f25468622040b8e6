package io.livestack.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** Plain unit test (surefire) of the wait helper the in-container tests rely on. */
class AwaitTest {

    @Test
    void returnsAsSoonAsTheConditionHolds() {
        AtomicInteger calls = new AtomicInteger();
        int value = Await.value("third call", Duration.ofSeconds(5), calls::incrementAndGet, n -> n >= 3);
        assertEquals(3, value);
    }

    @Test
    void failsAfterTheTimeoutNamingWhatItAwaitedAndTheLastValue() {
        AssertionError error = assertThrows(AssertionError.class,
                () -> Await.value("the answer", Duration.ofMillis(120), () -> 41, n -> n == 42));
        assertTrue(error.getMessage().contains("the answer"), error.getMessage());
        assertTrue(error.getMessage().contains("last seen: 41"), error.getMessage());
    }

    @Test
    void treatsAnExceptionFromTheSupplierAsNotYet() {
        AtomicInteger calls = new AtomicInteger();
        Await.until("supplier recovers", Duration.ofSeconds(5), () -> {
            if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("not ready");
            }
            return true;
        });
        assertEquals(3, calls.get());
    }
}
