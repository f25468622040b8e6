package io.livestack.risk.internal;

import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.risk.RejectReason;
import io.livestack.api.risk.RiskDecision;
import io.livestack.api.state.OrderView;
import io.livestack.api.state.StateView;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * MAX_POSITION, MAX_OPEN_ORDERS and SELF_CROSS, from one pass over our open orders in the instrument (and one over
 * every open order when an open-order limit is set per strategy, account or venue):
 * <ul>
 * <li>max position, worst case (net + the same side's open leaves with {@code countOpenOrdersInPosition} + this
 * order's leaves; refused when over the limit AND larger than before — reducing always passes): the desk's position in
 * the instrument against the desk or instrument limit; the strategy's own position
 * ({@link StateView#position(io.livestack.api.model.StrategyId, InstrumentId)}) and its open orders against its
 * strategy limit; the account's likewise;</li>
 * <li>max open orders (new orders only): the desk's count, the instrument's, the strategy's, the account's, the
 * venue's, each against its own limit (the open orders are counted per strategy, account and venue only when the
 * desk's count reaches the smallest of those limits: below it none of them can be reached);</li>
 * <li>self-cross: the order would trade against our own resting order of the other side at the same venue.</li>
 * </ul>
 * Keeps the desk position each instrument had at its last check, for display. Processing thread, usage any thread.
 */
final class PositionChecks {

    /** Net and worst-case desk position of an instrument at its last check. */
    record PositionUsage(long net, long worstCase) {
    }

    private final Map<InstrumentId, PositionUsage> positionUsage = new ConcurrentHashMap<>();
    private volatile int lastOpenOrderCount;

    RiskDecision check(RiskLimits l, RiskOrder o, long price, StateView state, Breaches breaches, long now) {
        InstrumentId instrument = o.instrument();
        Side side = o.side();
        Collection<OrderView> open = state.openOrders(instrument);
        OrderScopes scopes = o.scopes();
        long strategyMax = l.position.strategy(scopes);
        long accountMax = l.position.account(scopes);
        boolean byStrategy = strategyMax != ScopedLimit.NONE;
        boolean byAccount = accountMax != ScopedLimit.NONE;
        long sameSide = 0;
        long strategySameSide = 0;
        long accountSameSide = 0;
        OrderView crossed = null;
        for (OrderView resting : open) {
            if (o.existing() != null && resting.clientOrderId().equals(o.existing().clientOrderId())) {
                continue;
            }
            if (resting.side() == side) {
                long leaves = resting.leavesQuantity();
                sameSide += leaves;
                if (byStrategy && resting.strategy().equals(o.strategy())) {
                    strategySameSide += leaves;
                }
                if (byAccount && resting.account().equals(o.account())) {
                    accountSameSide += leaves;
                }
            } else if (crossed == null && resting.venue().equals(o.venue())
                    && Prices.crosses(side, o.type(), price, resting)) {
                crossed = resting;
            }
        }
        long leaves = o.leaves();
        long net = state.position(instrument).netQuantity();
        long max = l.position.deskOrInstrument(scopes);
        long worstCase = worstCase(l, net, sameSide, side, leaves);
        positionUsage.put(instrument, new PositionUsage(net, worstCase));
        RiskDecision refused = position(l, o, LimitsParser.Scope.INSTRUMENT, net, sameSide, max, breaches, now);
        if (refused == null && byStrategy) {
            refused = position(l, o, LimitsParser.Scope.STRATEGY,
                    state.position(o.strategy(), instrument).netQuantity(), strategySameSide, strategyMax,
                    breaches, now);
        }
        if (refused == null && byAccount) {
            refused = position(l, o, LimitsParser.Scope.ACCOUNT,
                    state.position(o.account(), instrument).netQuantity(), accountSameSide, accountMax, breaches,
                    now);
        }
        if (refused != null) {
            return refused;
        }
        if (o.existing() == null) {
            refused = openOrders(l, o, open.size(), state, breaches, now);
            if (refused != null) {
                return refused;
            }
        }
        if (l.selfCrossCheck && crossed != null) {
            return RiskDecision.reject(RejectReason.SELF_CROSS, side + " " + (o.type() == OrderType.MARKET ? "MKT"
                    : Fixed.format(price)) + " would cross our resting " + crossed.side() + " "
                    + (crossed.type() == OrderType.MARKET ? "MKT" : Fixed.format(crossed.price())) + " order "
                    + crossed.clientOrderId() + " on " + instrument + " at " + o.venue());
        }
        return null;
    }

    private static long worstCase(RiskLimits l, long net, long sameSide, Side side, long leaves) {
        long before = net + side.sign() * (l.countOpenOrdersInPosition ? sameSide : 0);
        return before + side.sign() * leaves;
    }

    private static RiskDecision position(RiskLimits l, RiskOrder o, LimitsParser.Scope kind, long net, long sameSide,
            long max, Breaches breaches, long now) {
        Side side = o.side();
        long before = net + side.sign() * (l.countOpenOrdersInPosition ? sameSide : 0);
        long worstCase = before + side.sign() * o.leaves();
        if (Math.abs(worstCase) <= max || Math.abs(worstCase) <= Math.abs(before)) {
            return null;
        }
        String scope = switch (kind) {
            case STRATEGY -> "strategy:" + o.strategy();
            case ACCOUNT -> "account:" + o.account();
            default -> l.position.instrument(o.scopes()) != ScopedLimit.NONE ? "instrument:" + o.instrument() : "desk";
        };
        String detail = "projected position " + Fixed.format(worstCase) + " (net " + Fixed.format(net)
                + (l.countOpenOrdersInPosition ? ", open same side " + Fixed.format(sameSide) : "") + ", this order "
                + side + " " + Fixed.format(o.leaves()) + ") exceeds max position " + Fixed.format(max) + " for "
                + o.instrument() + " (" + scope + ")";
        breaches.record(RiskLimits.MAX_POSITION, scope, now, detail);
        return RiskDecision.reject(RejectReason.MAX_POSITION, detail);
    }

    private RiskDecision openOrders(RiskLimits l, RiskOrder o, int inInstrument, StateView state, Breaches breaches,
            long now) {
        int count = state.openOrderCount();
        lastOpenOrderCount = count;
        ScopedLimit limit = l.openOrders;
        if (count >= limit.desk) {
            return openOrders(count, limit.desk, "desk", breaches, now);
        }
        if (!limit.scoped) {
            return null;
        }
        OrderScopes scopes = o.scopes();
        long byInstrument = limit.instrument(scopes);
        if (inInstrument >= byInstrument) {
            return openOrders(inInstrument, byInstrument, "instrument:" + o.instrument(), breaches, now);
        }
        long byStrategy = limit.strategy(scopes);
        long byAccount = limit.account(scopes);
        long byVenue = limit.venue(scopes);
        if (count < Math.min(byStrategy, Math.min(byAccount, byVenue))) {
            return null; // the desk's count bounds every scope's: none can be at its limit, no need to count
        }
        int strategies = 0;
        int accounts = 0;
        int venues = 0;
        for (OrderView resting : state.openOrders()) {
            if (resting.strategy().equals(o.strategy())) {
                strategies++;
            }
            if (resting.account().equals(o.account())) {
                accounts++;
            }
            if (resting.venue().equals(o.venue())) {
                venues++;
            }
        }
        if (strategies >= byStrategy) {
            return openOrders(strategies, byStrategy, "strategy:" + o.strategy(), breaches, now);
        }
        if (accounts >= byAccount) {
            return openOrders(accounts, byAccount, "account:" + o.account(), breaches, now);
        }
        if (venues >= byVenue) {
            return openOrders(venues, byVenue, "venue:" + o.venue(), breaches, now);
        }
        return null;
    }

    private static RiskDecision openOrders(int count, long max, String scope, Breaches breaches, long now) {
        String detail = count + " open orders, limit " + max + " (" + scope + ")";
        breaches.record(RiskLimits.MAX_OPEN_ORDERS, scope, now, detail);
        return RiskDecision.reject(RejectReason.MAX_OPEN_ORDERS, detail);
    }

    int lastOpenOrderCount() {
        return lastOpenOrderCount;
    }

    Map<InstrumentId, PositionUsage> positionUsage() {
        return Map.copyOf(positionUsage);
    }
}
