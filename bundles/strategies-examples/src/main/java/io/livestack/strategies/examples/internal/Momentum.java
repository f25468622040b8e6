package io.livestack.strategies.examples.internal;

import io.livestack.api.event.MarketDataEvent;
import io.livestack.api.event.Sequenced;
import io.livestack.api.event.TradeTick;
import io.livestack.api.intent.Intent;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.risk.RejectReason;
import io.livestack.api.state.BookView;
import io.livestack.api.state.OrderView;
import io.livestack.api.state.StateView;
import io.livestack.api.strategy.Strategy;
import io.livestack.api.strategy.StrategyContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A momentum taker. It samples the price of one instrument (the book mid on book updates, or trade prices) at most
 * once per {@code sampleIntervalMillis} of event time, keeps a short and a long simple moving average of the samples,
 * and when the short average crosses the long one sends an IOC limit order in the direction of the cross that crosses
 * the spread: a buy at the best ask plus {@code slippageBps}, a sell at the best bid minus it. The order is shrunk so the
 * position stays within {@code maxPosition} (none at the limit); after an order, crossings are ignored for
 * {@code cooldownMillis}; no new order goes while one of its orders is still open, or while the venue is not
 * LOGGED_ON. The averages start afresh on every start. Processing thread only.
 */
@Component(name = Momentum.FACTORY_PID, service = Strategy.class, configurationPid = Momentum.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = "livestack.strategy.kind=" + Momentum.KIND)
@Designate(ocd = MomentumConfig.class, factory = true)
public final class Momentum implements Strategy {

    static final String FACTORY_PID = "livestack.strategy.momentum";
    static final String KIND = "momentum";

    private static final Logger LOG = LoggerFactory.getLogger(Momentum.class);

    private final MomentumSettings settings;
    /** The last {@code longWindow} samples, a ring. */
    private final long[] samples;
    private int count;
    private int next;
    private long lastSampleNanos;
    private boolean sampled;
    /** Sign of (short average - long average) at the last sample where they differed; 0 before that. */
    private int lastSign;
    private long cooldownUntilNanos;

    @Activate
    public Momentum(MomentumConfig config) {
        this(MomentumSettings.from(config));
        LOG.info("Momentum taker {} configured: {}", settings.id(), settings);
    }

    Momentum(MomentumSettings settings) {
        this.settings = settings;
        this.samples = new long[settings.longWindow()];
    }

    @Override
    public void onStart(StrategyContext context) {
        count = 0;
        next = 0;
        sampled = false;
        lastSign = 0;
        cooldownUntilNanos = 0;
    }

    @Override
    public void onEvent(Sequenced sequenced, StrategyContext context) {
        if (!(sequenced.event() instanceof MarketDataEvent md) || !md.venue().equals(settings.venue())
                || !md.instrument().equals(settings.instrument())) {
            return;
        }
        long price = price(md, context.state());
        if (price <= 0) {
            return;
        }
        long now = context.now();
        if (sampled && now - lastSampleNanos < settings.sampleIntervalNanos()) {
            return;
        }
        sampled = true;
        lastSampleNanos = now;
        add(price);
        if (count < samples.length) {
            return;
        }
        int sign = crossSign();
        if (sign != 0) {
            if (lastSign != 0 && sign != lastSign) {
                signal(sign > 0 ? Side.BUY : Side.SELL, context);
            }
            lastSign = sign;
        }
    }

    @Override
    public void onRejected(Intent intent, RejectReason reason, String detail, StrategyContext context) {
        LOG.info("Momentum taker {}: {} refused ({} {})", settings.id(), intent.getClass().getSimpleName(), reason,
                detail);
    }

    @Override
    public void onStop(StrategyContext context) {
        for (OrderView order : context.openOrders()) {
            if (order.status() != OrderStatus.PENDING_CANCEL) {
                context.cancel(order.clientOrderId());
            }
        }
    }

    /** The sample this event gives, or 0: trade prices from trades, the mid from book updates only. */
    private long price(MarketDataEvent md, StateView state) {
        if (settings.source() == MomentumSettings.Source.TRADE) {
            return md instanceof TradeTick trade ? trade.price() : 0;
        }
        if (md instanceof TradeTick) {
            return 0;
        }
        BookView book = state.book(settings.venue(), settings.instrument());
        return book == null ? 0 : book.midPrice();
    }

    private void add(long price) {
        samples[next] = price;
        next = (next + 1) % samples.length;
        if (count < samples.length) {
            count++;
        }
    }

    /** Sign of shortAverage - longAverage, compared exactly (sums cross-multiplied by the window lengths). */
    private int crossSign() {
        int shortWindow = settings.shortWindow();
        long longSum = 0;
        long shortSum = 0;
        for (int i = 0; i < samples.length; i++) {
            long sample = samples[Math.floorMod(next - 1 - i, samples.length)];
            longSum += sample;
            if (i < shortWindow) {
                shortSum += sample;
            }
        }
        return Long.signum(Math.multiplyExact(shortSum, (long) samples.length)
                - Math.multiplyExact(longSum, (long) shortWindow));
    }

    private void signal(Side side, StrategyContext context) {
        long now = context.now();
        if (now < cooldownUntilNanos) {
            LOG.debug("Momentum taker {}: {} signal ignored, cooling down", settings.id(), side);
            return;
        }
        StateView state = context.state();
        if (state.venueState(settings.venue()) != VenueSessionState.LOGGED_ON
                || !context.openOrders().isEmpty()) {
            return;
        }
        BookView book = state.book(settings.venue(), settings.instrument());
        if (book == null || (side == Side.BUY ? !book.hasAsk() : !book.hasBid())) {
            return;
        }
        long position = state.position(settings.id(), settings.instrument()).netQuantity(); // its own, not the desk's
        long tick = Values.tick(state, settings.venue(), settings.instrument(), book.bestAskPrice(),
                settings.tickSize());
        long room = side == Side.BUY ? settings.maxPosition() - position : settings.maxPosition() + position;
        long quantity = Math.min(settings.quantity(), room);
        if (quantity <= 0) {
            LOG.debug("Momentum taker {}: {} signal ignored at the position limit", settings.id(), side);
            return;
        }
        long price = side == Side.BUY
                ? Values.ceilToTick(book.bestAskPrice() + Values.bps(book.bestAskPrice(), settings.slippageBps()),
                        tick)
                : Values.floorToTick(book.bestBidPrice() - Values.bps(book.bestBidPrice(), settings.slippageBps()),
                        tick);
        if (price <= 0) {
            return;
        }
        context.submit(settings.venue(), settings.instrument(), side, OrderType.LIMIT, TimeInForce.IOC, price,
                quantity);
        cooldownUntilNanos = now + settings.cooldownNanos();
        LOG.info("Momentum taker {}: {} {} IOC @ {}", settings.id(), side, Fixed.format(quantity),
                Fixed.format(price));
    }
}
