package io.livestack.runtime.internal;

import static io.livestack.testkit.TestEvents.BTC;
import static io.livestack.testkit.TestEvents.ETH;
import static io.livestack.testkit.TestEvents.SIM;
import static io.livestack.testkit.TestEvents.ask;
import static io.livestack.testkit.TestEvents.bid;
import static io.livestack.testkit.TestEvents.delta;
import static io.livestack.testkit.TestEvents.snapshot;
import static io.livestack.testkit.TestEvents.trade;
import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.event.BookDelta;
import io.livestack.api.event.BookLevel;
import io.livestack.api.event.BookSnapshot;
import io.livestack.api.event.Sequenced;
import io.livestack.api.event.TimerEvent;
import io.livestack.api.event.TimerOwner;
import io.livestack.api.event.TradeTick;
import io.livestack.api.model.Side;
import io.livestack.api.model.StrategyId;
import io.livestack.testkit.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bounded queue: conflation under load, back-pressure, total order. The back-pressure and concurrency tests run
 * the owned processing thread against real producer threads; the others step the chain by hand.
 */
@Timeout(60)
class QueueTest {

    private static TimerEvent timer(String owner, long token) {
        return new TimerEvent(0, TimerOwner.strategy(StrategyId.of(owner)), token);
    }

    @Test
    void conflatesMarketDataPerKeyWhileTheLoopLags() {
        try (TestChain chain = new TestChain()) {
            // no state stage: the chain takes nothing, so everything stays pending
            chain.publish(snapshot(SIM, BTC, 1, List.of(new BookLevel(100, 5)), List.of(new BookLevel(101, 5))));
            chain.publish(trade(SIM, BTC, 2, 100, 3, Side.BUY));
            chain.publish(delta(SIM, BTC, 3, bid(100, 7), ask(102, 1)));
            chain.publish(delta(SIM, ETH, 4, bid(10, 1)));
            chain.publish(trade(SIM, BTC, 5, 101, 2, Side.BUY));
            chain.publish(delta(SIM, BTC, 6, ask(101, 0)));
            chain.publish(delta(SIM, ETH, 7, bid(10, 2), bid(9, 1)));

            assertThat(chain.sequencer.queueDepth()).isEqualTo(3);
            assertThat(chain.runtime.status().conflated()).isEqualTo(4);

            chain.binder.bindState(chain.state);
            chain.step();

            assertThat(chain.state.applied).hasSize(3);
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
        try (TestChain chain = new TestChain(Map.of(RuntimeConfig.QUEUE_CAPACITY, "16")).started()) {
            chain.binder.bindHost(chain.host);
            int first = chain.sequencer.queueDepth(); // the queue holds the host's binding: fill the rest
            for (int i = first; i < 16; i++) {
                chain.publish(timer("p", i));
            }
            assertThat(chain.sequencer.offer(timer("p", 99), 20, TimeUnit.MILLISECONDS))
                    .as("offer on a full queue times out").isFalse();

            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch done = new CountDownLatch(1);
            Thread producer = new Thread(() -> {
                started.countDown();
                for (int i = 16; i < 116; i++) {
                    chain.publish(timer("p", i));
                }
                done.countDown();
            }, "test-producer");
            producer.start();
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(done.await(200, TimeUnit.MILLISECONDS)).as("producer waits while the queue is full").isFalse();

            // market data never waits, even now
            chain.publish(trade(SIM, BTC, 1, 100, 1, null));
            chain.publish(trade(SIM, BTC, 2, 100, 1, null));

            chain.binder.bindState(chain.state);
            assertThat(done.await(10, TimeUnit.SECONDS)).as("producer released once the loop runs").isTrue();
            Await.until("the timers", Duration.ofSeconds(10), () -> chain.host.timerTokens().size() == 116 - first);

            List<String> expected = new ArrayList<>();
            for (int i = first; i < 116; i++) {
                expected.add("p:" + i);
            }
            assertThat(chain.host.timerTokens()).containsExactlyElementsOf(expected);
            Await.until("the market data", Duration.ofSeconds(10), () -> chain.state.applied.size() == 1);
            assertThat(((TradeTick) chain.state.applied.get(0)).quantity()).isEqualTo(2);
            assertThat(chain.runtime.counters().get("producer.waits")).isPositive();
            producer.join(5000);
        }
    }

    @Test
    void totalOrderUnderConcurrentProducers() throws Exception {
        int producers = 4;
        int perProducer = 25_000;
        try (TestChain chain = new TestChain(Map.of(RuntimeConfig.QUEUE_CAPACITY, "1024")).started()) {
            chain.binder.bindHost(chain.host);
            chain.binder.bindState(chain.state);
            Await.until("the host's binding", Duration.ofSeconds(10), () -> chain.runtime.status().lastSeq() == 1);
            long base = 1;
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
                        chain.publish(timer(owner, i));
                    }
                }, "producer-" + p);
                t.start();
                threads.add(t);
            }
            go.countDown();
            for (Thread t : threads) {
                t.join(30_000);
            }
            Await.until("every event", Duration.ofSeconds(30),
                    () -> chain.runtime.status().lastSeq() == base + (long) producers * perProducer);

            long previousSeq = base;
            Map<String, Long> lastToken = new HashMap<>();
            for (Sequenced s : chain.host.events()) {
                assertThat(s.seq()).isEqualTo(previousSeq + 1);
                previousSeq = s.seq();
                TimerEvent t = (TimerEvent) s.event();
                long before = lastToken.getOrDefault(t.owner().id(), -1L);
                assertThat(t.token()).as("order of %s", t.owner()).isEqualTo(before + 1);
                lastToken.put(t.owner().id(), t.token());
            }
            assertThat(lastToken).hasSize(producers).allSatisfy((k, v) -> assertThat(v).isEqualTo(perProducer - 1));
            assertThat(chain.runtime.status().lastSeq()).isEqualTo(base + (long) producers * perProducer);
            assertThat(chain.runtime.status().eventsProcessed()).isEqualTo(base + (long) producers * perProducer);
        }
    }

    @Test
    void intakeTimeIsStampedFromTheInjectedClockAndNeverGoesBack() {
        try (TestChain chain = new TestChain()) {
            chain.binder.bindHost(chain.host);
            chain.binder.bindState(chain.state);
            long t0 = chain.clock.nanos();
            chain.publish(timer("a", 1));
            chain.clock.set(t0 - 1_000); // a clock that steps back
            chain.publish(timer("a", 2));
            chain.clock.set(t0 + 5_000);
            chain.publish(timer("a", 3));
            chain.step();

            assertThat(chain.host.events()).extracting(Sequenced::intakeTimeNanos)
                    .containsExactly(t0, t0, t0 + 5_000);
        }
    }
}
