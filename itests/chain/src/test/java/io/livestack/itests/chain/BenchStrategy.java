package io.livestack.itests.chain;

import io.livestack.api.event.MarketDataEvent;
import io.livestack.api.event.Sequenced;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.Side;
import io.livestack.api.state.BookView;
import io.livestack.api.strategy.Strategy;
import io.livestack.api.strategy.StrategyContext;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * The benchmark's strategy: counts the market data events it is fed (the end of the chain for market data) and on
 * every {@code orderEvery}-th one sends a limit order of 1 for that event's instrument at its mid (else last trade),
 * alternating buy and sell per instrument so positions stay flat. Before submitting it leaves the tick's source time
 * (the harness's System.nanoTime() at publish) in the {@link Probe} for the venue stub to measure tick-to-order.
 */
final class BenchStrategy implements Strategy {

    /** Shared by the strategy and the venue stub, processing thread only. */
    static final class Probe {
        long tickPublishNanos;
        /** When the strategy decided to order (only while latency is recorded). */
        long decidedNanos;
    }

    private final int orderEvery;
    private final Probe probe;
    private final Map<InstrumentId, Side> nextSide = new HashMap<>();
    private final AtomicLong marketData = new AtomicLong();
    private long seen;
    private long orders;
    /** Publish → strategy hand-off, recorded only when on (set between runs). */
    volatile SingleWriterRecorder handoff;

    BenchStrategy(int orderEvery, Probe probe) {
        this.orderEvery = orderEvery;
        this.probe = probe;
    }

    /** Market data events processed so far (any thread). */
    long marketData() {
        return marketData.get();
    }

    @Override
    public void onEvent(Sequenced sequenced, StrategyContext context) {
        if (!(sequenced.event() instanceof MarketDataEvent md)) {
            return;
        }
        marketData.lazySet(++seen);
        SingleWriterRecorder h = handoff;
        if (h != null) {
            h.recordValue(Math.max(0, System.nanoTime() - md.sourceTimeNanos()));
        }
        if (seen % orderEvery != 0) {
            return;
        }
        BookView book = context.state().book(md.venue(), md.instrument());
        if (book == null) {
            return;
        }
        long price = book.midPrice() > 0 ? book.midPrice() : book.lastTradePrice();
        if (price <= 0) {
            return;
        }
        Side side = nextSide.getOrDefault(md.instrument(), Side.BUY);
        nextSide.put(md.instrument(), side.opposite());
        probe.tickPublishNanos = md.sourceTimeNanos();
        probe.decidedNanos = h != null ? System.nanoTime() : 0;
        orders++;
        context.submitLimit(md.venue(), md.instrument(), side, price, Fixed.of(1));
    }

    long orders() {
        return orders;
    }
}
