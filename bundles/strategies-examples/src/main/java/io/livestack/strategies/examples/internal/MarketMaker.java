package io.livestack.strategies.examples.internal;

import io.livestack.api.event.Event;
import io.livestack.api.event.ExecutionReport;
import io.livestack.api.event.MarketDataEvent;
import io.livestack.api.event.OrderCancelRejected;
import io.livestack.api.event.Sequenced;
import io.livestack.api.event.VenueSessionEvent;
import io.livestack.api.intent.Intent;
import io.livestack.api.intent.SubmitOrder;
import io.livestack.api.model.ClientOrderId;
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
 * A quoting market maker: keeps one bid and one ask around the mid of one instrument at one venue.
 * <ul>
 * <li>Prices: {@code fair = mid - skew}, bid = fair - spread/2 rounded down to the tick, ask = fair + spread/2
 * rounded up. The skew is {@code skewBps} of the mid at the position limit, proportionally less below it, against
 * the position (long: both quotes lower, so the ask is more likely to be hit).</li>
 * <li>Sizes: {@code quantity}, shrunk so that a full fill cannot take its own position (not the desk's: other
 * strategies may trade the instrument too) beyond {@code maxPosition}; a
 * side with nothing left is not quoted (its quote is canceled).</li>
 * <li>Requote: once a quote is acknowledged and has no request pending, it is replaced when the mid moved more than
 * {@code requoteThresholdBps} from the mid it was placed at, or when its size must shrink. A quote that is done
 * (filled, canceled, rejected) is placed again at the next event.</li>
 * <li>Quotes only while the venue is LOGGED_ON and the book is two-sided (and, after the venue dropped while the
 * strategy ran, only once the book was updated again); after a refused intent it neither
 * places nor moves quotes for {@code rejectBackoffMillis} (event time), so a refusal cannot turn into a storm
 * (cancels still go). On start it cancels any open order it still owns (left over from a previous instance); on
 * stop it cancels its quotes.</li>
 * </ul>
 * Everything runs on the processing thread; the mutable fields are confined to it.
 */
@Component(name = MarketMaker.FACTORY_PID, service = Strategy.class, configurationPid = MarketMaker.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = "livestack.strategy.kind=" + MarketMaker.KIND)
@Designate(ocd = MarketMakerConfig.class, factory = true)
public final class MarketMaker implements Strategy {

    static final String FACTORY_PID = "livestack.strategy.marketmaker";
    static final String KIND = "marketmaker";

    private static final Logger LOG = LoggerFactory.getLogger(MarketMaker.class);

    /** Our quote on one side: the order's handle and the mid it was priced from. */
    private static final class Quote {
        final Side side;
        ClientOrderId handle;
        long quotedMid;

        Quote(Side side) {
            this.side = side;
        }

        void clear() {
            handle = null;
            quotedMid = 0;
        }
    }

    private final MarketMakerSettings settings;
    private final Quote bid = new Quote(Side.BUY);
    private final Quote ask = new Quote(Side.SELL);
    private long quietUntilNanos;
    /**
     * Sequence number of the last session event of our venue other than LOGGED_ON: the book in the state is stale
     * (from before the venue dropped) until it has been updated after that; 0 when none was seen.
     */
    private long staleBookUntilSeq;

    @Activate
    public MarketMaker(MarketMakerConfig config) {
        this(MarketMakerSettings.from(config));
        LOG.info("Market maker {} configured: {}", settings.id(), settings);
    }

    MarketMaker(MarketMakerSettings settings) {
        this.settings = settings;
    }

    @Override
    public void onStart(StrategyContext context) {
        bid.clear();
        ask.clear();
        quietUntilNanos = 0;
        staleBookUntilSeq = 0;
        cancelAll(context);
        requote(context);
    }

    @Override
    public void onEvent(Sequenced sequenced, StrategyContext context) {
        if (sequenced.event() instanceof VenueSessionEvent session && session.venue().equals(settings.venue())
                && session.state() != VenueSessionState.LOGGED_ON) {
            staleBookUntilSeq = sequenced.seq();
        }
        if (concernsMe(sequenced.event())) {
            requote(context);
        }
    }

    @Override
    public void onRejected(Intent intent, RejectReason reason, String detail, StrategyContext context) {
        if (intent instanceof SubmitOrder submit) {
            forget(bid, submit.clientOrderId());
            forget(ask, submit.clientOrderId());
        }
        quietUntilNanos = context.now() + settings.rejectBackoffNanos();
        LOG.info("Market maker {}: {} refused ({} {}); quiet for {} ms", settings.id(),
                intent.getClass().getSimpleName(), reason, detail, settings.rejectBackoffNanos() / 1_000_000);
    }

    @Override
    public void onStop(StrategyContext context) {
        cancelAll(context);
        bid.clear();
        ask.clear();
    }

    private boolean concernsMe(Event event) {
        if (event instanceof MarketDataEvent md) {
            return md.venue().equals(settings.venue()) && md.instrument().equals(settings.instrument());
        }
        if (event instanceof ExecutionReport report) {
            return report.venue().equals(settings.venue());
        }
        if (event instanceof OrderCancelRejected reject) {
            return reject.venue().equals(settings.venue());
        }
        if (event instanceof VenueSessionEvent session) {
            return session.venue().equals(settings.venue());
        }
        return false;
    }

    private void requote(StrategyContext context) {
        StateView state = context.state();
        forgetIfDone(bid, state);
        forgetIfDone(ask, state);
        if (state.venueState(settings.venue()) != VenueSessionState.LOGGED_ON) {
            return;
        }
        BookView book = state.book(settings.venue(), settings.instrument());
        if (book == null || !book.hasBid() || !book.hasAsk()
                || (staleBookUntilSeq > 0 && book.lastUpdateSeq() <= staleBookUntilSeq)) {
            return;
        }
        long mid = book.midPrice();
        if (mid <= 0) {
            return;
        }
        long position = state.position(settings.id(), settings.instrument()).netQuantity(); // its own, not the desk's
        long max = settings.maxPosition();
        long skew = Values.mulDiv(Values.bps(mid, settings.skewBps()), Math.max(-max, Math.min(max, position)), max);
        long fair = mid - skew;
        long halfSpread = Values.mulDiv(mid, settings.spreadBps(), 2 * Values.BPS);
        long tick = Values.tick(state, settings.venue(), settings.instrument(), mid, settings.tickSize());
        long bidPrice = Values.floorToTick(fair - halfSpread, tick);
        long askPrice = Values.ceilToTick(fair + halfSpread, tick);
        long bidSize = Math.max(0, Math.min(settings.quantity(), max - position));
        long askSize = Math.max(0, Math.min(settings.quantity(), max + position));
        boolean quiet = context.now() < quietUntilNanos;
        quote(bid, bidPrice > 0 ? bidSize : 0, bidPrice, mid, quiet, state, context);
        quote(ask, askSize, askPrice, mid, quiet, state, context);
    }

    private void quote(Quote quote, long size, long price, long mid, boolean quiet, StateView state,
            StrategyContext context) {
        if (quote.handle == null) {
            if (size > 0 && !quiet) {
                quote.handle = context.submit(settings.venue(), settings.instrument(), quote.side, OrderType.LIMIT,
                        TimeInForce.DAY, price, size);
                quote.quotedMid = mid;
                LOG.debug("Market maker {} quotes {} {} @ {}", settings.id(), quote.side, Fixed.format(size),
                        Fixed.format(price));
            }
            return;
        }
        OrderView order = state.order(quote.handle);
        if (order == null) {
            quote.clear();
            return;
        }
        if (order.pendingClientOrderId() != null || order.status() == OrderStatus.PENDING_NEW
                || order.status() == OrderStatus.PENDING_CANCEL || order.status() == OrderStatus.PENDING_REPLACE) {
            return; // a request is in flight: decide again when the venue answered
        }
        if (size <= 0) {
            context.cancel(quote.handle);
            return;
        }
        if (quiet) {
            return; // after a refusal: no new prices for a while either
        }
        boolean moved = Values.movedMoreThan(mid, quote.quotedMid, settings.requoteThresholdBps());
        boolean tooBig = order.leavesQuantity() > size;
        if ((moved || tooBig) && (price != order.price() || tooBig)) {
            context.replace(quote.handle, price, order.filledQuantity() + size);
            quote.quotedMid = mid;
        }
    }

    /** Forget a quote whose order is done (or unknown), so that it is placed again. */
    private static void forgetIfDone(Quote quote, StateView state) {
        if (quote.handle != null) {
            OrderView order = state.order(quote.handle);
            if (order == null || !order.isOpen()) {
                quote.clear();
            }
        }
    }

    private static void forget(Quote quote, ClientOrderId handle) {
        if (handle.equals(quote.handle)) {
            quote.clear();
        }
    }

    private void cancelAll(StrategyContext context) {
        for (OrderView order : context.openOrders()) {
            if (order.status() != OrderStatus.PENDING_CANCEL) {
                context.cancel(order.clientOrderId());
            }
        }
    }
}
