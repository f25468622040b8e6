package io.livestack.intake.internal;

import static io.livestack.intake.internal.Fakes.BTC;
import static io.livestack.intake.internal.Fakes.ETH;
import static io.livestack.intake.internal.Fakes.SIM;
import static io.livestack.intake.internal.Fakes.ask;
import static io.livestack.intake.internal.Fakes.bid;
import static io.livestack.intake.internal.Fakes.delta;
import static io.livestack.intake.internal.Fakes.snapshot;
import static io.livestack.intake.internal.Fakes.trade;
import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.event.BookLevel;
import io.livestack.api.event.BookSnapshot;
import io.livestack.api.event.BookDelta;
import io.livestack.api.event.Sequenced;
import io.livestack.api.event.TimerEvent;
import io.livestack.api.event.TradeTick;
import io.livestack.api.model.Side;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The bounded queue: conflation under load, back-pressure, total order. */
@Timeout(60)
class QueueTest {

    @Test
    void conflatesMarketDataPerKeyWhileTheLoopLags() {
        try (Chain chain = new Chain()) {
            // no state stage: the loop waits, so everything stays pending
            chain.runtime.publish(snapshot(SIM, BTC, 1, List.of(new BookLevel(100, 5)), List.of(new BookLevel(101, 5))));
            chain.runtime.publish(trade(SIM, BTC, 2, 100, 3, Side.BUY));
            chain.runtime.publish(delta(SIM, BTC, 3, bid(100, 7), ask(102, 1)));
            chain.runtime.publish(delta(SIM, ETH, 4, bid(10, 1)));
            chain.runtime.publish(trade(SIM, BTC, 5, 101, 2, Side.BUY));
            chain.runtime.publish(delta(SIM, BTC, 6, ask(101, 0)));
            chain.runtime.publish(delta(SIM, ETH, 7, bid(10, 2), bid(9, 1)));

            assertThat(chain.runtime.queueDepth()).isEqualTo(3);
            assertThat(chain.runtime.status().conflated()).isEqualTo(4);

            chain.runtime.bindState(chain.state);
            Fakes.await("3 merged events applied", () -> chain.state.applied.size() == 3);
            chain.settle();

            assertThat(chain.state.applied.get(0)).isInstanceOf(BookSnapshot.class);
            BookSnapshot btc = (BookSnapshot) chain.state.applied.get(0);
            assertThat(btc.bids()).containsExactly(new BookLevel(100, 7));
            assertThat(btc.asks()).containsExactly(new BookLevel(102, 1));
            TradeTick trades = (TradeTick) chain.state.applied.get(1);
            assertThat(trades.price()).isEqualTo(101);
            assertThat(trades.quantity()).isEqualTo(5);
            BookDelta eth = (BookDelta) chain.state.applied.get(2);
            assertThat(eth.changes()).containsExactlyInAnyOrder(bid(10, 2), bid(9, 1));
            assertThat(chain.state.appliedSeqs).containsExactly(1L, 2L, 3L);
            assertThat(chain.runtime.counters()).containsEntry("conflated", 4L)
                    .containsEntry("events.in.BookDelta", 4L).containsEntry("events.out.BookDelta", 1L);
        }
    }

    @Test
    void neverDropsNonMarketDataWhenTheQueueIsFullTheProducerWaits() throws Exception {
        try (Chain chain = new Chain(Map.of(RuntimeConfig.QUEUE_CAPACITY, "16"))) {
            chain.runtime.bindHost(chain.host);
            for (int i = 0; i < 16; i++) {
                chain.runtime.publish(new TimerEvent(0, "p", i));
            }
            assertThat(chain.runtime.offer(new TimerEvent(0, "p", 99), 20, TimeUnit.MILLISECONDS))
                    .as("offer on a full queue times out").isFalse();

            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch done = new CountDownLatch(1);
            Thread producer = new Thread(() -> {
                started.countDown();
                for (int i = 16; i < 116; i++) {
                    chain.runtime.publish(new TimerEvent(0, "p", i));
                }
                done.countDown();
            }, "test-producer");
            producer.start();
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(done.await(200, TimeUnit.MILLISECONDS)).as("producer waits while the queue is full").isFalse();

            // market data never waits, even now
            chain.runtime.publish(trade(SIM, BTC, 1, 100, 1, null));
            chain.runtime.publish(trade(SIM, BTC, 2, 100, 1, null));

            chain.runtime.bindState(chain.state);
            assertThat(done.await(10, TimeUnit.SECONDS)).as("producer released once the loop runs").isTrue();
            Fakes.await("116 timers", () -> chain.host.timerTokens().size() == 116);

            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 116; i++) {
                expected.add("p:" + i);
            }
            assertThat(chain.host.timerTokens()).containsExactlyElementsOf(expected);
            Fakes.await("the market data", () -> chain.state.applied.size() == 1);
            assertThat(((TradeTick) chain.state.applied.get(0)).quantity()).isEqualTo(2);
            assertThat(chain.runtime.counters().get("producer.waits")).isPositive();
            producer.join(5000);
        }
    }

    @Test
    void totalOrderUnderConcurrentProducers() throws Exception {
        int producers = 4;
        int perProducer = 25_000;
        try (Chain chain = new Chain(Map.of(RuntimeConfig.QUEUE_CAPACITY, "1024"))) {
            chain.runtime.bindHost(chain.host);
            chain.runtime.bindState(chain.state);
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                String owner = "p" + p;
                Thread t = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < perProducer; i++) {
                        chain.runtime.publish(new TimerEvent(0, owner, i));
                    }
                }, "producer-" + p);
                t.start();
                threads.add(t);
            }
            go.countDown();
            for (Thread t : threads) {
                t.join(30_000);
            }
            Fakes.await("every event", () -> chain.host.eventCount() == producers * perProducer,
                    Duration.ofSeconds(30));
            chain.settle();

            long previousSeq = 0;
            Map<String, Long> lastToken = new HashMap<>();
            for (Sequenced s : chain.host.events()) {
                assertThat(s.seq()).isEqualTo(previousSeq + 1);
                previousSeq = s.seq();
                TimerEvent t = (TimerEvent) s.event();
                long before = lastToken.getOrDefault(t.owner(), -1L);
                assertThat(t.token()).as("order of %s", t.owner()).isEqualTo(before + 1);
                lastToken.put(t.owner(), t.token());
            }
            assertThat(lastToken).hasSize(producers).allSatisfy((k, v) -> assertThat(v).isEqualTo(perProducer - 1));
            assertThat(chain.runtime.status().lastSeq()).isEqualTo((long) producers * perProducer);
            assertThat(chain.runtime.status().eventsProcessed()).isEqualTo((long) producers * perProducer);
        }
    }

    @Test
    void intakeTimeIsStampedFromTheInjectedClockAndNeverGoesBack() {
        try (Chain chain = new Chain()) {
            chain.runtime.bindHost(chain.host);
            chain.runtime.bindState(chain.state);
            long t0 = chain.clock.nanos();
            chain.runtime.publish(new TimerEvent(0, "a", 1));
            chain.clock.nanos.set(t0 - 1_000); // a clock that steps back
            chain.runtime.publish(new TimerEvent(0, "a", 2));
            chain.clock.nanos.set(t0 + 5_000);
            chain.runtime.publish(new TimerEvent(0, "a", 3));
            Fakes.await("3 events", () -> chain.host.eventCount() == 3);

            assertThat(chain.host.events()).extracting(Sequenced::intakeTimeNanos)
                    .containsExactly(t0, t0, t0 + 5_000);
        }
    }
}
