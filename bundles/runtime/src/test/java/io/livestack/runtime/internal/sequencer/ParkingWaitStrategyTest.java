package io.livestack.runtime.internal.sequencer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class ParkingWaitStrategyTest {

    /** A safety-net park far longer than any assertion below waits: only the producer's signal can end it. */
    private static final long HOUR = TimeUnit.HOURS.toNanos(1);

    private static final class Slot {
        long value;
    }

    @Test
    void returnsAtOnceWhatIsAlreadyPublished() throws Exception {
        ParkingWaitStrategy wait = new ParkingWaitStrategy(0, 0, HOUR);
        RingBuffer<Slot> ring = RingBuffer.createMultiProducer(Slot::new, 16, wait);
        ring.publish(ring.next());
        ring.publish(ring.next());

        assertThat(ring.newBarrier().waitFor(0)).isEqualTo(1);
    }

    @Test
    void aParkedConsumerIsWokenByThePublishNotByTheSafetyNet() throws Exception {
        ParkingWaitStrategy wait = new ParkingWaitStrategy(0, 0, HOUR);
        RingBuffer<Slot> ring = RingBuffer.createMultiProducer(Slot::new, 16, wait);
        CompletableFuture<Long> got = parkedWaitingFor(0, ring.newBarrier(), wait);

        long seq = ring.next();
        ring.get(seq).value = 42;
        ring.publish(seq);

        assertThat(got.get(5, TimeUnit.SECONDS)).isEqualTo(0);
        assertThat(ring.get(0).value).isEqualTo(42);
    }

    @Test
    void anAlertWakesAParkedConsumer() throws Exception {
        ParkingWaitStrategy wait = new ParkingWaitStrategy(0, 0, HOUR);
        RingBuffer<Slot> ring = RingBuffer.createMultiProducer(Slot::new, 16, wait);
        SequenceBarrier barrier = ring.newBarrier();
        CompletableFuture<Long> got = parkedWaitingFor(0, barrier, wait);

        barrier.alert();

        assertThat(got.get(5, TimeUnit.SECONDS)).isEqualTo(-1L);
    }

    @Test
    void manyHandOffsInARowAreNeverLost() throws Exception {
        // the consumer parks between most events (no spin, no yield): every one must be signalled
        ParkingWaitStrategy wait = new ParkingWaitStrategy(0, 0, HOUR);
        RingBuffer<Slot> ring = RingBuffer.createMultiProducer(Slot::new, 1024, wait);
        Sequence consumed = new Sequence();
        ring.addGatingSequences(consumed);
        SequenceBarrier barrier = ring.newBarrier();
        int events = 20_000;
        CompletableFuture<Long> sum = CompletableFuture.supplyAsync(() -> {
            long total = 0;
            long next = 0;
            try {
                while (next < events) {
                    long available = barrier.waitFor(next);
                    for (; next <= available; next++) {
                        total += ring.get(next).value;
                    }
                    consumed.set(next - 1);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return total;
        });
        long expected = 0;
        for (int i = 1; i <= events; i++) {
            long seq = ring.next();
            ring.get(seq).value = i;
            ring.publish(seq);
            expected += i;
            if (i % 1000 == 0) {
                Thread.yield();
            }
        }

        assertThat(sum.get(30, TimeUnit.SECONDS)).isEqualTo(expected);
    }

    @Test
    void refusesPhasesOutOfOrder() {
        assertThatThrownBy(() -> new ParkingWaitStrategy(10, 5, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ParkingWaitStrategy(0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** A consumer thread waiting for {@code seq}, parked by the strategy: its result, or -1 when alerted. */
    private static CompletableFuture<Long> parkedWaitingFor(long seq, SequenceBarrier barrier,
            ParkingWaitStrategy wait) throws Exception {
        CompletableFuture<Thread> consumerThread = new CompletableFuture<>();
        CompletableFuture<Long> got = CompletableFuture.supplyAsync(() -> {
            consumerThread.complete(Thread.currentThread());
            try {
                return barrier.waitFor(seq);
            } catch (AlertException e) {
                return -1L;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        awaitParked(consumerThread.get(5, TimeUnit.SECONDS), wait);
        return got;
    }

    private static void awaitParked(Thread consumer, Object blocker) throws ExecutionException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (LockSupport.getBlocker(consumer) != blocker) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("the consumer did not park within 5 s: " + consumer.getState());
            }
            Thread.onSpinWait();
        }
    }
}
