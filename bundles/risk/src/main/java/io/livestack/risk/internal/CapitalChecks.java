package io.livestack.risk.internal;

import io.livestack.api.model.Fixed;
import io.livestack.api.model.TradingState;
import io.livestack.api.risk.RejectReason;
import io.livestack.api.risk.RiskDecision;
import io.livestack.api.state.InstrumentSpec;
import io.livestack.api.state.PnlView;
import io.livestack.api.state.PositionView;
import io.livestack.api.state.StateView;

/**
 * Credit and capital thresholds (SEC 15c3-5 (c)(1)(i)) of the desk, the order's account and its strategy, each
 * against its own limit, from the scope's {@link PnlView} (reporting currency):
 * <ul>
 * <li>MAX_GROSS_EXPOSURE: gross exposure + this order's value over {@code maxGrossExposure};</li>
 * <li>MAX_NET_EXPOSURE: |net exposure ± this order's value| over {@code maxNetExposure} and larger than before;</li>
 * <li>MAX_LOSS: the scope's net P&amp;L below −{@code maxLoss}, or its P&amp;L since the start of the trading day
 * ({@link DailyBaselines}) below −{@code maxDailyLoss}: with {@code lossAction=HALTED} every new order and replace of
 * the scope is refused, with REDUCING those that do not reduce the scope's position in the instrument.</li>
 * </ul>
 * An order that reduces the scope's position in its instrument (the other side, no larger than the position) passes
 * the exposure limits. The order's value is price × leaves × the instrument's multiplier (reference data; 1 without).
 * Only the scopes with one of these limits are looked at. Stateless.
 */
final class CapitalChecks {

    private static final PnlView.Scope[] SCOPES = PnlView.Scope.values();

    private CapitalChecks() {
    }

    static RiskDecision check(RiskLimits l, RiskOrder o, long price, InstrumentSpec spec, StateView state,
            DailyBaselines day, Breaches breaches, long now) {
        if (!l.grossExposure.configured() && !l.netExposure.configured() && !l.loss.configured()
                && !l.dailyLoss.configured()) {
            return null;
        }
        long value = -1;
        RiskDecision refused = null;
        String strategy = o.strategy().value();
        String account = o.account().value();
        for (PnlView.Scope scope : SCOPES) {
            String id = scope == PnlView.Scope.DESK ? "*" : scope == PnlView.Scope.ACCOUNT ? account : strategy;
            long gross = limit(l.grossExposure, scope, o);
            long net = limit(l.netExposure, scope, o);
            long loss = limit(l.loss, scope, o);
            long daily = limit(l.dailyLoss, scope, o);
            if (gross == ScopedLimit.NONE && net == ScopedLimit.NONE && loss == ScopedLimit.NONE
                    && daily == ScopedLimit.NONE) {
                continue;
            }
            if (value < 0) {
                value = orderValue(o, price, spec);
            }
            PnlView pnl = state.pnl(scope, id);
            // whether the order reduces the scope's position: looked up only when a limit would refuse it
            if ((loss != ScopedLimit.NONE || daily != ScopedLimit.NONE) && lossBroken(pnl, loss, daily, day)
                    && (l.lossAction == TradingState.HALTED || !reduces(o, position(scope, o, state)))) {
                refused = loss(l, pnl, loss, daily, day, breaches, now);
            }
            if (refused == null && gross != ScopedLimit.NONE
                    && saturatingAdd(pnl.grossExposure(), value) > gross && !reduces(o, position(scope, o, state))) {
                String label = label(scope, id);
                String detail = "gross exposure " + Fixed.format(pnl.grossExposure()) + " + this order "
                        + Fixed.format(value) + " exceeds max gross exposure " + Fixed.format(gross) + " (" + label
                        + ")";
                breaches.record(RiskLimits.MAX_GROSS_EXPOSURE, label, now, detail);
                refused = RiskDecision.reject(RejectReason.MAX_GROSS_EXPOSURE, detail);
            }
            if (refused == null && net != ScopedLimit.NONE) {
                long projected = saturatingAdd(pnl.netExposure(), o.side().sign() * value);
                if (Math.abs(projected) > net && Math.abs(projected) > Math.abs(pnl.netExposure())
                        && !reduces(o, position(scope, o, state))) {
                    String label = label(scope, id);
                    String detail = "net exposure " + Fixed.format(pnl.netExposure()) + " with this order "
                            + o.side() + " " + Fixed.format(value) + " is " + Fixed.format(projected)
                            + ", over max net exposure " + Fixed.format(net) + " (" + label + ")";
                    breaches.record(RiskLimits.MAX_NET_EXPOSURE, label, now, detail);
                    refused = RiskDecision.reject(RejectReason.MAX_NET_EXPOSURE, detail);
                }
            }
            if (refused != null) {
                return refused;
            }
        }
        return null;
    }

    private static boolean lossBroken(PnlView pnl, long loss, long daily, DailyBaselines day) {
        return loss != ScopedLimit.NONE && pnl.net() < -loss
                || daily != ScopedLimit.NONE && pnl.net() - day.baseline(pnl.scope(), pnl.id()) < -daily;
    }

    private static RiskDecision loss(RiskLimits l, PnlView pnl, long loss, long daily, DailyBaselines day,
            Breaches breaches, long now) {
        String label = null;
        String limit = null;
        String detail = null;
        if (loss != ScopedLimit.NONE && pnl.net() < -loss) {
            label = label(pnl.scope(), pnl.id());
            limit = RiskLimits.MAX_LOSS;
            detail = "net P&L " + Fixed.format(pnl.net()) + " is below -" + Fixed.format(loss) + " (maxLoss, "
                    + label + ")";
        } else if (daily != ScopedLimit.NONE) {
            long today = pnl.net() - day.baseline(pnl.scope(), pnl.id());
            if (today < -daily) {
                label = label(pnl.scope(), pnl.id());
                limit = RiskLimits.MAX_DAILY_LOSS;
                detail = "P&L since the start of the trading day " + Fixed.format(today) + " is below -"
                        + Fixed.format(daily) + " (maxDailyLoss, " + label + ")";
            }
        }
        if (limit == null) {
            return null;
        }
        detail += l.lossAction == TradingState.HALTED ? ": no new orders" : ": only orders that reduce the position";
        breaches.record(limit, label, now, detail);
        return RiskDecision.reject(RejectReason.MAX_LOSS, detail);
    }

    static long limit(ScopedLimit limit, PnlView.Scope scope, RiskOrder o) {
        return switch (scope) {
            case DESK -> limit.desk;
            case ACCOUNT -> limit.account(o.scopes());
            case STRATEGY -> limit.strategy(o.scopes());
        };
    }

    static String label(PnlView.Scope scope, String id) {
        return switch (scope) {
            case DESK -> "desk";
            case ACCOUNT -> "account:" + id;
            case STRATEGY -> "strategy:" + id;
        };
    }

    private static PositionView position(PnlView.Scope scope, RiskOrder o, StateView state) {
        return switch (scope) {
            case DESK -> state.position(o.instrument());
            case ACCOUNT -> state.position(o.account(), o.instrument());
            case STRATEGY -> state.position(o.strategy(), o.instrument());
        };
    }

    /** The other side of the position and no larger than it. */
    static boolean reduces(RiskOrder o, PositionView position) {
        long net = position.netQuantity();
        return net != 0 && Long.signum(net) != o.side().sign() && o.leaves() <= Math.abs(net);
    }

    private static long orderValue(RiskOrder o, long price, InstrumentSpec spec) {
        long value = OrderValueChecks.value(price, o.leaves());
        if (spec != null && spec.multiplier() > 0) {
            value = OrderValueChecks.value(value, spec.multiplier());
        }
        return value;
    }

    private static long saturatingAdd(long a, long b) {
        long r = a + b;
        if (((a ^ r) & (b ^ r)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return r;
    }
}
