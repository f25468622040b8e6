package io.livestack.risk.internal;

import io.livestack.api.intent.CancelOrder;
import io.livestack.api.intent.Intent;
import io.livestack.api.intent.ReplaceOrder;
import io.livestack.api.intent.SubmitOrder;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.VenueId;
import io.livestack.api.risk.LimitUsage;
import io.livestack.api.risk.RejectReason;
import io.livestack.api.risk.RiskCheck;
import io.livestack.api.risk.RiskDecision;
import io.livestack.api.risk.RiskStage;
import io.livestack.api.state.BookView;
import io.livestack.api.state.OrderView;
import io.livestack.api.state.StateView;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The risk stage. Built-in checks, in this order (the first failing one rejects):
 * <ol>
 * <li>INVALID_QUANTITY / INVALID_PRICE: quantity ≤ 0, limit price ≤ 0;</li>
 * <li>MAX_ORDER_QUANTITY;</li>
 * <li>NO_REFERENCE_PRICE: a market order (or, with {@code limitOrdersRequireReference}, a limit order) without a
 * reference price: the mid of the order venue's book, else that book's last trade, else the instrument's mark (the
 * latest mid/last of any venue);</li>
 * <li>PRICE_BAND: a limit price more than {@code priceBandBps} away from the reference (both directions);</li>
 * <li>MAX_ORDER_NOTIONAL: price × quantity, market orders valued at the reference;</li>
 * <li>MAX_POSITION: worst case = net position + every open order's leaves on the same side (with
 * {@code countOpenOrdersInPosition}) + this order's leaves; refused when |worst case| exceeds the limit AND this
 * order makes it larger than it was without the order — an order that reduces the exposure always passes;</li>
 * <li>MAX_OPEN_ORDERS (new orders only);</li>
 * <li>SELF_CROSS: the order would trade against our own resting order of the opposite side on the same instrument
 * and venue (a buy at or above our resting sell, a sell at or below our resting buy; market orders cross any;
 * a pending replace price counts too);</li>
 * <li>ORDER_RATE (submits and replaces) / CANCEL_RATE (cancels): sliding one-second windows on event time;</li>
 * <li>then every registered {@link RiskCheck} (by service ranking, then name); one that rejects, throws or answers
 * null rejects with CUSTOM_CHECK naming it (fail closed).</li>
 * </ol>
 * An intent counts against the rate windows only once everything accepted it. Limits are one immutable
 * {@link RiskLimits} swapped whole on a configuration change; a malformed change is refused and the previous limits
 * stay in force.
 */
@Component(service = RiskStage.class, immediate = true, configurationPid = RiskLimits.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = RiskConfig.class)
public final class RiskStageComponent implements RiskStage {

    private static final Logger LOG = LoggerFactory.getLogger(RiskStageComponent.class);
    private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10_000);

    private volatile RiskLimits limits;
    private volatile String lastConfigError;
    private volatile List<CheckEntry> checks = List.of();
    private final RateWindow orderWindow = new RateWindow();
    private final RateWindow cancelWindow = new RateWindow();
    private volatile int lastOpenOrderCount;
    private final Map<InstrumentId, PositionUsage> positionUsage = new ConcurrentHashMap<>();

    /** A registered extra check with what orders it. */
    private record CheckEntry(RiskCheck check, String name, int ranking, long serviceId) {
    }

    /** Net and worst-case position of an instrument at its last check, for {@link #limits()}. */
    private record PositionUsage(long net, long worstCase) {
    }

    @Activate
    public RiskStageComponent(Map<String, Object> properties) {
        this.limits = RiskLimits.parse(properties);
        LOG.info("Risk limits in force: {}", limits);
    }

    /** A live configuration change: all or nothing. */
    @Modified
    void modified(Map<String, Object> properties) {
        RiskLimits parsed;
        try {
            parsed = RiskLimits.parse(properties);
        } catch (IllegalArgumentException e) {
            lastConfigError = e.getMessage();
            LOG.error("{} -- keeping the previous risk limits: {}", e.getMessage(), limits);
            throw e;
        }
        limits = parsed;
        lastConfigError = null;
        LOG.info("Risk limits changed, now in force: {}", parsed);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindRiskCheck(RiskCheck check, Map<String, Object> properties) {
        String name;
        try {
            name = check.name();
        } catch (RuntimeException e) {
            name = check.getClass().getName();
        }
        Object ranking = properties.get(Constants.SERVICE_RANKING);
        Object id = properties.get(Constants.SERVICE_ID);
        CheckEntry entry = new CheckEntry(check, name == null ? check.getClass().getName() : name,
                ranking instanceof Integer r ? r : 0, id instanceof Long l ? l : 0L);
        synchronized (this) {
            List<CheckEntry> updated = new ArrayList<>(checks);
            updated.add(entry);
            updated.sort(Comparator.comparingInt(CheckEntry::ranking).reversed().thenComparing(CheckEntry::name)
                    .thenComparingLong(CheckEntry::serviceId));
            checks = List.copyOf(updated);
        }
        LOG.info("Risk check '{}' added", entry.name());
    }

    void unbindRiskCheck(RiskCheck check) {
        synchronized (this) {
            List<CheckEntry> updated = new ArrayList<>(checks);
            updated.removeIf(e -> e.check() == check);
            checks = List.copyOf(updated);
        }
    }

    // ------------------------------------------------------------------------------------------------ checks

    @Override
    public RiskDecision check(Intent intent, StateView state, long nowNanos) {
        RiskLimits l = limits; // one consistent set for the whole check
        if (intent instanceof SubmitOrder submit) {
            if (submit.quantity() <= 0) {
                return RiskDecision.reject(RejectReason.INVALID_QUANTITY,
                        "quantity " + Fixed.format(submit.quantity()) + " must be positive");
            }
            if (submit.type() == OrderType.LIMIT && submit.price() <= 0) {
                return RiskDecision.reject(RejectReason.INVALID_PRICE,
                        "limit price " + Fixed.format(submit.price()) + " must be positive");
            }
            return checkOrder(l, intent, null, state, nowNanos, submit.venue(), submit.instrument(), submit.side(),
                    submit.type(), submit.price(), submit.quantity());
        }
        if (intent instanceof ReplaceOrder replace) {
            OrderView order = state.order(replace.clientOrderId());
            if (order == null) {
                return RiskDecision.reject(RejectReason.UNKNOWN_ORDER, "no order " + replace.clientOrderId());
            }
            if (!order.isOpen()) {
                return RiskDecision.reject(RejectReason.ORDER_NOT_OPEN,
                        "order " + replace.clientOrderId() + " is " + order.status());
            }
            if (replace.newQuantity() <= 0) {
                return RiskDecision.reject(RejectReason.INVALID_QUANTITY,
                        "quantity " + Fixed.format(replace.newQuantity()) + " must be positive");
            }
            if (order.type() == OrderType.LIMIT && replace.newPrice() <= 0) {
                return RiskDecision.reject(RejectReason.INVALID_PRICE,
                        "limit price " + Fixed.format(replace.newPrice()) + " must be positive");
            }
            return checkOrder(l, intent, order, state, nowNanos, order.venue(), order.instrument(), order.side(),
                    order.type(), replace.newPrice(), replace.newQuantity());
        }
        if (intent instanceof CancelOrder) {
            cancelWindow.advance(nowNanos, l.maxCancelsPerSecond);
            if (cancelWindow.full()) {
                return RiskDecision.reject(RejectReason.CANCEL_RATE, cancelWindow.count() + " cancels in the last "
                        + "second, limit " + l.maxCancelsPerSecond + " per second");
            }
            cancelWindow.add(nowNanos);
            return RiskDecision.ACCEPT;
        }
        return RiskDecision.reject(RejectReason.CUSTOM_CHECK, "risk", "unsupported intent " + intent);
    }

    /** {@code existing} is the order a replace changes (null for a new order). */
    private RiskDecision checkOrder(RiskLimits l, Intent intent, OrderView existing, StateView state, long now,
            VenueId venue, InstrumentId instrument, Side side, OrderType type, long limitPrice, long quantity) {
        long maxQuantity = l.maxOrderQuantity(instrument);
        if (quantity > maxQuantity) {
            return RiskDecision.reject(RejectReason.MAX_ORDER_QUANTITY, "quantity " + Fixed.format(quantity)
                    + " exceeds max order quantity " + Fixed.format(maxQuantity) + " for " + instrument);
        }

        long reference = referencePrice(state, venue, instrument);
        long price;
        if (type == OrderType.MARKET) {
            if (reference <= 0) {
                return RiskDecision.reject(RejectReason.NO_REFERENCE_PRICE, "market order for " + instrument + " at "
                        + venue + " has no reference price (no book, trade or mark)");
            }
            price = reference;
        } else {
            price = limitPrice;
            if (reference <= 0) {
                if (l.limitOrdersRequireReference) {
                    return RiskDecision.reject(RejectReason.NO_REFERENCE_PRICE, "limit order for " + instrument
                            + " at " + venue + " has no reference price (no book, trade or mark)");
                }
            } else {
                long band = l.priceBandBps(instrument);
                if (outsideBand(price, reference, band)) {
                    return RiskDecision.reject(RejectReason.PRICE_BAND, "limit price " + Fixed.format(price)
                            + " deviates " + deviationBps(price, reference) + " bps from reference "
                            + Fixed.format(reference) + ", band " + band + " bps for " + instrument);
                }
            }
        }

        long maxNotional = l.maxOrderNotional(instrument);
        long notional;
        try {
            notional = Fixed.multiply(price, quantity);
        } catch (ArithmeticException e) {
            notional = Long.MAX_VALUE;
        }
        if (notional > maxNotional) {
            return RiskDecision.reject(RejectReason.MAX_ORDER_NOTIONAL, "notional " + Fixed.format(notional) + " ("
                    + Fixed.format(quantity) + " x " + Fixed.format(price) + ") exceeds max order notional "
                    + Fixed.format(maxNotional) + " for " + instrument);
        }

        // one pass over our open orders in the instrument: same-side exposure and self-cross
        Collection<OrderView> open = state.openOrders(instrument);
        long sameSideLeaves = 0;
        OrderView crossed = null;
        for (OrderView o : open) {
            if (existing != null && o.clientOrderId().equals(existing.clientOrderId())) {
                continue;
            }
            if (o.side() == side) {
                sameSideLeaves += o.leavesQuantity();
            } else if (crossed == null && o.venue().equals(venue) && crosses(side, type, price, o)) {
                crossed = o;
            }
        }

        long net = state.position(instrument).netQuantity();
        long maxPosition = l.maxPosition(instrument);
        long leaves = existing == null ? quantity : Math.max(0, quantity - existing.filledQuantity());
        long before = net + side.sign() * (l.countOpenOrdersInPosition ? sameSideLeaves : 0);
        long worstCase = before + side.sign() * leaves;
        positionUsage.put(instrument, new PositionUsage(net, worstCase));
        if (Math.abs(worstCase) > maxPosition && Math.abs(worstCase) > Math.abs(before)) {
            return RiskDecision.reject(RejectReason.MAX_POSITION, "projected position " + Fixed.format(worstCase)
                    + " (net " + Fixed.format(net) + (l.countOpenOrdersInPosition ? ", open same side "
                    + Fixed.format(sameSideLeaves) : "") + ", this order " + side + " " + Fixed.format(leaves)
                    + ") exceeds max position " + Fixed.format(maxPosition) + " for " + instrument);
        }

        if (existing == null) {
            int openCount = state.openOrderCount();
            lastOpenOrderCount = openCount;
            if (openCount >= l.maxOpenOrders) {
                return RiskDecision.reject(RejectReason.MAX_OPEN_ORDERS, openCount + " open orders, limit "
                        + l.maxOpenOrders);
            }
        }

        if (l.selfCrossCheck && crossed != null) {
            return RiskDecision.reject(RejectReason.SELF_CROSS, side + " " + (type == OrderType.MARKET ? "MKT"
                    : Fixed.format(price)) + " would cross our resting " + crossed.side() + " "
                    + (crossed.type() == OrderType.MARKET ? "MKT" : Fixed.format(crossed.price())) + " order "
                    + crossed.clientOrderId() + " on " + instrument + " at " + venue);
        }

        orderWindow.advance(now, l.maxOrdersPerSecond);
        if (orderWindow.full()) {
            return RiskDecision.reject(RejectReason.ORDER_RATE, orderWindow.count() + " orders in the last second, "
                    + "limit " + l.maxOrdersPerSecond + " per second");
        }

        RiskDecision custom = runCustomChecks(intent, state, now);
        if (custom != null) {
            return custom;
        }
        orderWindow.add(now);
        return RiskDecision.ACCEPT;
    }

    private RiskDecision runCustomChecks(Intent intent, StateView state, long now) {
        for (CheckEntry entry : checks) {
            RiskDecision decision;
            try {
                decision = entry.check().check(intent, state, now);
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("Risk check '{}' threw; rejecting {}", entry.name(), intent, e);
                return RiskDecision.reject(RejectReason.CUSTOM_CHECK, entry.name(),
                        "risk check '" + entry.name() + "' failed: " + e);
            }
            if (decision == null) {
                return RiskDecision.reject(RejectReason.CUSTOM_CHECK, entry.name(),
                        "risk check '" + entry.name() + "' gave no decision");
            }
            if (!decision.accepted()) {
                String detail = decision.detail() == null ? "" : decision.detail();
                if (decision.reason() != null && decision.reason() != RejectReason.CUSTOM_CHECK) {
                    detail = decision.reason() + ": " + detail;
                }
                return RiskDecision.reject(RejectReason.CUSTOM_CHECK, entry.name(), detail);
            }
        }
        return null;
    }

    /** Mid of the venue's book, else its last trade, else the instrument's mark (any venue), else 0. */
    static long referencePrice(StateView state, VenueId venue, InstrumentId instrument) {
        BookView book = state.book(venue, instrument);
        if (book != null) {
            if (book.hasBid() && book.hasAsk()) {
                return book.midPrice();
            }
            if (book.lastTradePrice() > 0) {
                return book.lastTradePrice();
            }
        }
        return state.position(instrument).markPrice();
    }

    /** |price − reference| × 10000 > band × reference, exactly (128-bit when needed). */
    static boolean outsideBand(long price, long reference, long bandBps) {
        long deviation = Math.abs(price - reference);
        long hiL = Math.multiplyHigh(deviation, 10_000L);
        long hiR = Math.multiplyHigh(bandBps, reference);
        if (hiL == 0 && hiR == 0) {
            long lhs = deviation * 10_000L;
            long rhs = bandBps * reference;
            if (lhs >= 0 && rhs >= 0) {
                return lhs > rhs;
            }
        }
        return BigInteger.valueOf(deviation).multiply(TEN_THOUSAND)
                .compareTo(BigInteger.valueOf(bandBps).multiply(BigInteger.valueOf(reference))) > 0;
    }

    private static String deviationBps(long price, long reference) {
        return BigDecimal.valueOf(Math.abs(price - reference)).multiply(BigDecimal.valueOf(10_000))
                .divide(BigDecimal.valueOf(reference), 2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** Whether a new order (side, type, price) would trade against our resting order {@code resting}. */
    private static boolean crosses(Side side, OrderType type, long price, OrderView resting) {
        if (type == OrderType.MARKET || resting.type() == OrderType.MARKET) {
            return true;
        }
        if (crossesAt(side, price, resting.price())) {
            return true;
        }
        return resting.status() == OrderStatus.PENDING_REPLACE && resting.pendingPrice() > 0
                && crossesAt(side, price, resting.pendingPrice());
    }

    private static boolean crossesAt(Side side, long price, long restingPrice) {
        return side == Side.BUY ? price >= restingPrice : price <= restingPrice;
    }

    // ------------------------------------------------------------------------------------------------ display

    @Override
    public List<LimitUsage> limits() {
        RiskLimits l = limits;
        List<LimitUsage> out = new ArrayList<>();
        Map<InstrumentId, PositionUsage> usage = new TreeMap<>(positionUsage);
        for (Map.Entry<String, String> e : l.describe().entrySet()) {
            String key = e.getKey();
            out.add(new LimitUsage(key, e.getValue(), usage(key, l, usage)));
        }
        List<CheckEntry> registered = checks;
        out.add(new LimitUsage("customChecks", Integer.toString(registered.size()),
                String.join(", ", registered.stream().map(CheckEntry::name).toList())));
        String error = lastConfigError;
        if (error != null) {
            out.add(new LimitUsage("configError", "refused, previous limits in force", error));
        }
        return List.copyOf(out);
    }

    private String usage(String key, RiskLimits l, Map<InstrumentId, PositionUsage> positions) {
        switch (key) {
            case RiskLimits.MAX_OPEN_ORDERS:
                return lastOpenOrderCount + " open";
            case RiskLimits.MAX_ORDERS_PER_SECOND:
                return orderWindow.count() + " in window";
            case RiskLimits.MAX_CANCELS_PER_SECOND:
                return cancelWindow.count() + " in window";
            case RiskLimits.MAX_POSITION:
                // instruments without an override of their own
                return positions.entrySet().stream()
                        .filter(p -> l.maxPosition(p.getKey()) == l.maxPosition)
                        .map(p -> describe(p.getKey(), p.getValue()))
                        .reduce((a, b) -> a + "; " + b).orElse("-");
            default:
                if (key.startsWith(RiskLimits.MAX_POSITION + ".")) {
                    InstrumentId instrument = InstrumentId.of(key.substring(RiskLimits.MAX_POSITION.length() + 1));
                    PositionUsage p = positions.get(instrument);
                    return p == null ? "-" : describe(instrument, p);
                }
                if (key.startsWith(RiskLimits.MAX_ORDER_QUANTITY) || key.startsWith(RiskLimits.MAX_ORDER_NOTIONAL)
                        || key.startsWith(RiskLimits.PRICE_BAND_BPS)) {
                    return "per order";
                }
                return "";
        }
    }

    private static String describe(InstrumentId instrument, PositionUsage p) {
        return instrument + " net " + Fixed.format(p.net()) + ", worst case " + Fixed.format(p.worstCase());
    }
}
