package io.livestack.risk.internal;

import io.livestack.api.intent.CancelOrder;
import io.livestack.api.event.BindingEvent;
import io.livestack.api.event.ConfigurationEvent;
import io.livestack.api.intent.Intent;
import io.livestack.api.intent.ReplaceOrder;
import io.livestack.api.intent.SubmitOrder;
import com.codahale.metrics.MetricRegistry;
import io.livestack.api.model.AccountId;
import io.livestack.api.model.Fixed;
import io.livestack.api.record.FillRecord;
import io.livestack.api.risk.RiskAction;
import io.livestack.api.telemetry.Health;
import io.livestack.api.telemetry.HealthIndicator;
import io.livestack.api.model.OrderType;
import io.livestack.api.risk.LimitUsage;
import io.livestack.api.risk.RejectReason;
import io.livestack.api.risk.RiskCheck;
import io.livestack.api.risk.RiskDecision;
import io.livestack.api.risk.RiskSnapshot;
import io.livestack.api.risk.RiskStage;
import io.livestack.api.runtime.Configurable;
import io.livestack.api.runtime.EventIntake;
import io.livestack.api.state.OrderView;
import io.livestack.api.state.StateView;
import java.util.List;
import java.util.Map;
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
 * The risk stage: what an intent asks for, checked against the limits. It reads the state, never changes it, and
 * owns these rules (the first failing one refuses):
 * <ol>
 * <li>INVALID_QUANTITY / INVALID_PRICE: quantity ≤ 0, limit price ≤ 0;</li>
 * <li>then the {@link LimitChecks}: reference data (NO_REFERENCE_DATA, OFF_TICK, OFF_LOT, QUANTITY_OUT_OF_RANGE);
 * MAX_ORDER_QUANTITY; NO_REFERENCE_PRICE (a market order — or, with {@code limitOrdersRequireReference}, a limit
 * order — without a reference price: the mid of the order venue's book, else that book's last trade, else the
 * instrument's mark); PRICE_BAND; PRICE_COLLAR; MAX_ORDER_NOTIONAL (market orders valued at the reference);
 * MAX_POSITION (worst case, desk/instrument, strategy, account; reducing always passes); MAX_OPEN_ORDERS (new orders
 * only, per scope); SELF_CROSS; MAX_GROSS_EXPOSURE / MAX_NET_EXPOSURE / MAX_LOSS (desk, account, strategy);
 * DUPLICATE_ORDER; ORDER_RATE / CANCEL_RATE (the desk, one-second windows on event time) and MESSAGE_RATE (per venue
 * and per strategy);</li>
 * <li>then every registered {@link RiskCheck} ({@link CustomChecks}).</li>
 * </ol>
 * Every scoped limit is the most restrictive of its values at the order's scopes ({@link ScopedLimit}). After the
 * fact ({@link #onFill}, {@link #review}): the repeated-execution throttle and the loss limits ask the chain for
 * {@link RiskAction}s, once per breach. Whether an order exists or is still open is execution control's rule, not
 * this stage's: a replace of an unknown or closed order has nothing to check here and passes on (execution control
 * refuses it). An intent counts against the windows only once everything accepted it. Limits are one immutable
 * {@link RiskLimits} swapped whole on a configuration change; a malformed change is refused and the previous limits
 * stay in force. Also the "risk" {@link HealthIndicator} ({@link RiskHealth}) and, with a {@code MetricRegistry}, the
 * limits' metrics ({@link RiskMetrics}).
 */
@Component(service = {RiskStage.class, HealthIndicator.class}, immediate = true, configurationPid = RiskLimits.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = RiskConfig.class)
public final class RiskStageComponent implements RiskStage, Configurable, HealthIndicator {

    private static final Logger LOG = LoggerFactory.getLogger(RiskStageComponent.class);
    /** The configuration's persistent identity. */
    static final String CONFIGURATION_PID = RiskLimits.PID;

    private final CustomChecks custom = new CustomChecks();
    private final Breaches breaches = new Breaches();
    private final LimitChecks checks = new LimitChecks(custom, breaches);
    private final RiskMetrics metrics = new RiskMetrics();
    private volatile UsageFacts facts = UsageFacts.NONE;
    private volatile RiskLimits limits;
    private volatile String lastConfigError;
    private volatile EventIntake intake;

    @Activate
    public RiskStageComponent(Map<String, Object> properties) {
        this.limits = RiskLimits.parse(properties);
        breaches.listener(metrics);
        LOG.info("Risk limits in force: {}", limits);
    }

    /**
     * A live configuration change, all or nothing: checked now (a bad one is refused here, the limits in force stay);
     * with the runtime's intake there it is published and takes effect when the chain hands it back
     * ({@link #configure}), so that it is journaled at its place; without it, at once.
     */
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
        EventIntake target = intake;
        if (target != null) {
            target.publish(new ConfigurationEvent(System.currentTimeMillis() * 1_000_000L, CONFIGURATION_PID,
                    text(properties)));
            LOG.info("Risk limits changed: in force once the chain takes the change in");
            return;
        }
        apply(parsed);
    }

    private void apply(RiskLimits parsed) {
        limits = parsed;
        checks.reconfigured();
        lastConfigError = null;
        LOG.info("Risk limits changed, now in force: {}", parsed);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindIntake(EventIntake target) {
        intake = target;
        for (CustomChecks.Entry e : custom.registered()) {
            target.publish(binding(e, true));
        }
    }

    void unbindIntake(EventIntake target) {
        if (intake == target) {
            intake = null;
        }
    }

    @Reference(name = "metricRegistry", service = MetricRegistry.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "unbindMetricRegistry")
    void bindMetricRegistry(MetricRegistry registry) {
        metrics.bind(registry, breaches);
    }

    void unbindMetricRegistry(MetricRegistry registry) {
        metrics.unbind(registry);
    }

    @Override
    public String configurationPid() {
        return CONFIGURATION_PID;
    }

    /** The whole configuration, as the chain hands it back (processing thread): all or nothing. */
    @Override
    public void configure(Map<String, String> properties) {
        RiskLimits parsed;
        try {
            parsed = RiskLimits.parse(properties);
        } catch (IllegalArgumentException e) {
            lastConfigError = e.getMessage();
            throw e;
        }
        if (!parsed.toString().equals(limits.toString())) {
            apply(parsed);
        }
    }

    /** The configuration as text (what is journaled), without the framework's own keys. */
    static Map<String, String> text(Map<String, ?> properties) {
        Map<String, String> out = new java.util.TreeMap<>();
        properties.forEach((k, v) -> {
            if (v != null && !k.startsWith("service.") && !k.startsWith("component.") && !k.startsWith("felix.")
                    && !k.startsWith(".")) {
                out.put(k, v.toString());
            }
        });
        return out;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindRiskCheck(RiskCheck check, Map<String, Object> properties) {
        CustomChecks.Entry e = custom.bind(check, properties);
        EventIntake target = intake;
        if (target != null) {
            target.publish(binding(e, true));
        }
    }

    void unbindRiskCheck(RiskCheck check) {
        CustomChecks.Entry e = custom.unbind(check);
        EventIntake target = intake;
        if (target != null && e != null) {
            target.publish(binding(e, false));
        }
    }

    /**
     * A check's binding as the chain sequences it (journaled): the check runs from the event that binds it. Its
     * generation is its service id; its bundle and version name the build.
     */
    private static BindingEvent binding(CustomChecks.Entry e, boolean bound) {
        org.osgi.framework.Bundle bundle = org.osgi.framework.FrameworkUtil.getBundle(e.check().getClass());
        return new BindingEvent(System.currentTimeMillis() * 1_000_000L, BindingEvent.Kind.RISK_CHECK, e.name(),
                bound, e.serviceId(), bundle == null ? "" : bundle.getSymbolicName(),
                bundle == null ? "" : bundle.getVersion().toString(),
                bound ? Map.of("service.ranking", Integer.toString(e.ranking())) : Map.of());
    }

    @Override
    public void checksBound(java.util.Set<String> names) {
        custom.bound(names);
    }

    @Override
    public RiskDecision check(Intent intent, StateView state, long nowNanos) {
        RiskLimits l = limits; // one consistent set for the whole check
        if (intent instanceof SubmitOrder submit) {
            RiskDecision values = values(submit.type(), submit.price(), submit.quantity());
            if (values != null) {
                return values;
            }
            AccountId account = submit.account() == null ? AccountId.DEFAULT : submit.account();
            return checks.order(l, new RiskOrder(intent, null, submit.strategy(), account, submit.venue(),
                    submit.instrument(), submit.side(), submit.type(), submit.price(), submit.quantity(),
                    l.scopes(submit.strategy(), account, submit.instrument(), submit.venue())), state, nowNanos);
        }
        if (intent instanceof ReplaceOrder replace) {
            OrderView order = state.order(replace.clientOrderId());
            if (order == null || !order.isOpen()) {
                return RiskDecision.ACCEPT; // nothing to check against: execution control refuses it
            }
            RiskDecision values = values(order.type(), replace.newPrice(), replace.newQuantity());
            return values != null ? values : checks.order(l, new RiskOrder(intent, order, order.strategy(),
                    order.account(), order.venue(), order.instrument(), order.side(), order.type(),
                    replace.newPrice(), replace.newQuantity(), l.scopes(order.strategy(), order.account(),
                    order.instrument(), order.venue())), state, nowNanos);
        }
        if (intent instanceof CancelOrder cancel) {
            OrderView order = l.messages.scoped ? state.order(cancel.clientOrderId()) : null;
            return checks.cancel(l, order == null ? null : order.venue(), cancel.strategy(), nowNanos);
        }
        throw new IllegalArgumentException("unsupported intent " + intent);
    }

    /** Quantity positive, and a limit price positive. */
    private static RiskDecision values(OrderType type, long price, long quantity) {
        if (quantity <= 0) {
            return RiskDecision.reject(RejectReason.INVALID_QUANTITY,
                    "quantity " + Fixed.format(quantity) + " must be positive");
        }
        if (type == OrderType.LIMIT && price <= 0) {
            return RiskDecision.reject(RejectReason.INVALID_PRICE,
                    "limit price " + Fixed.format(price) + " must be positive");
        }
        return null;
    }

    @Override
    public void onFill(FillRecord fill, long nowNanos) {
        checks.onFill(limits, fill, nowNanos);
    }

    @Override
    public List<RiskAction> review(StateView state, long nowNanos) {
        RiskLimits l = limits;
        List<RiskAction> actions = checks.review(l, state, nowNanos);
        if (facts.due(nowNanos)) {
            facts = UsageFacts.take(state, checks.day(), nowNanos);
            if (metrics.bound()) {
                metrics.refresh(limits());
            }
        }
        for (RiskAction a : actions) {
            LOG.warn("Risk limit {} broke: {} to {} ({})", a.limit(), a.scope(), a.state(), a.detail());
        }
        return actions;
    }

    @Override
    public String name() {
        return RiskHealth.NAME;
    }

    @Override
    public Health health() {
        return RiskHealth.of(breaches, checks.losses().latches(), lastConfigError);
    }

    @Override
    public RiskSnapshot snapshot() {
        return checks.snapshot();
    }

    @Override
    public void restore(RiskSnapshot snapshot) {
        checks.restore(snapshot);
    }

    /** The trading day of the limits in force (any thread). */
    @Override
    public io.livestack.api.model.TradingDay tradingDay() {
        return limits.tradingDay;
    }

    @Override
    public List<LimitUsage> limits() {
        return RiskUsage.of(limits, checks, custom, lastConfigError, facts);
    }
}
