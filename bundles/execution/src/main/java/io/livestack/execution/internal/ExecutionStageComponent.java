package io.livestack.execution.internal;

import com.codahale.metrics.MetricRegistry;
import io.livestack.api.event.Command;
import io.livestack.api.event.ExecutionReport;
import io.livestack.api.event.OrderCancelRejected;
import io.livestack.api.event.VenueSessionEvent;
import io.livestack.api.intent.CancelOrder;
import io.livestack.api.intent.ReplaceOrder;
import io.livestack.api.intent.SubmitOrder;
import io.livestack.api.model.TradingScope;
import io.livestack.api.model.TradingState;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.runtime.CommandResult;
import io.livestack.api.runtime.Configurable;
import io.livestack.api.runtime.ExecutionContext;
import io.livestack.api.runtime.ExecutionOutcome;
import io.livestack.api.runtime.ExecutionSnapshot;
import io.livestack.api.runtime.ExecutionStage;
import io.livestack.api.state.OrderView;
import io.livestack.api.venue.VenueAdapter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Execution control: the order lifecycle state machine, trading states, the kill switch and routing to venues.
 * Orders live in the state stage; this stage alone decides their transitions and alone sends to venues. Its parts:
 * {@link OrderEntry} (new orders, cancels, replaces, through the {@link TradingGate}), {@link ReportHandlers} (what a
 * venue's report does to an order, with {@link StatusReconciliation}, {@link SynthesizedFills} and
 * {@link UnknownOrders}), {@link KillSwitch} (kill, resume, trading states, kept by {@link TradingStates}). The
 * trading states and the kill switch (and the bookkeeping of {@link BookedFills}, {@link SynthesizedFills} and
 * {@link StuckRequests}) live in memory and survive a restart through the runtime's journal and snapshots
 * ({@link #snapshot()}, {@link #restore}). The settings in force are held here and read by those parts at each use;
 * {@link #configure} replaces them. Processing thread only, except the read-only trading-state accessors and the
 * counters.
 */
@Component(service = ExecutionStage.class, immediate = true, configurationPid = ExecutionSettings.PID)
@Designate(ocd = ExecutionConfig.class)
public final class ExecutionStageComponent implements ExecutionStage, Configurable {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutionStageComponent.class);

    private final TradingStates tradingStates = new TradingStates();
    private volatile ExecutionSettings settings;
    private final ExecutionCounters counters = new ExecutionCounters();
    private final OrderEntry entry;
    private final ReportHandlers reports;
    private final KillSwitch killSwitch;
    private final VenueResolution resolution;
    private final StuckRequests stuck;
    private final SynthesizedFills synthesized = new SynthesizedFills();
    private final BookedFills bookedFills = new BookedFills();

    @Activate
    public ExecutionStageComponent(ExecutionConfig config, Map<String, Object> properties) {
        this(ExecutionSettings.from(config, properties));
    }

    public ExecutionStageComponent(ExecutionSettings settings) {
        this.settings = settings;
        this.stuck = new StuckRequests(this::settings, counters);
        this.entry = new OrderEntry(new TradingGate(tradingStates), counters, stuck);
        this.reports = new ReportHandlers(counters, synthesized,
                new StatusReconciliation(this::settings, synthesized, counters),
                new UnknownOrders(this::settings, counters), new TradeCorrections(bookedFills, counters));
        this.killSwitch = new KillSwitch(this::settings, tradingStates, entry);
        this.resolution = new VenueResolution(entry);
        LOG.info("Execution control active: {}; trading states {}", settings, tradingStates.snapshot());
    }

    /** The settings in force. */
    ExecutionSettings settings() {
        return settings;
    }

    @Override
    public String configurationPid() {
        return ExecutionSettings.PID;
    }

    /**
     * The whole configuration, as the chain hands it back (processing thread): the four booleans must read true or
     * false (absent: true); a bad value is refused naming key and value, and the settings in force stay.
     */
    @Override
    public void configure(Map<String, String> properties) {
        ExecutionSettings parsed = ExecutionSettings.parse(properties);
        if (!parsed.equals(settings)) {
            LOG.info("Execution settings changed: {} (were {})", parsed, settings);
            settings = parsed;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindMetricRegistry(MetricRegistry registry) {
        counters.bind(registry);
    }

    void unbindMetricRegistry(MetricRegistry registry) {
        counters.unbind(registry);
    }

    @Override
    public ExecutionOutcome submit(SubmitOrder intent, ExecutionContext ctx) {
        return entry.submit(intent, ctx);
    }

    @Override
    public ExecutionOutcome cancel(CancelOrder intent, ExecutionContext ctx) {
        return entry.cancel(intent, ctx);
    }

    @Override
    public ExecutionOutcome replace(ReplaceOrder intent, ExecutionContext ctx) {
        return entry.replace(intent, ctx);
    }

    @Override
    public void onExecutionReport(ExecutionReport report, ExecutionContext ctx) {
        reports.onExecutionReport(report, ctx);
    }

    @Override
    public void onCancelRejected(OrderCancelRejected reject, ExecutionContext ctx) {
        reports.onCancelRejected(reject, ctx);
    }

    @Override
    public void onSentOrderRecovered(io.livestack.api.event.SentOrderRecovered order, ExecutionContext ctx) {
        entry.recovered(order, ctx);
    }

    /** After a (re)logon the venue reconciles its open orders; a venue back while the kill switch holds is swept. */
    @Override
    public void onVenueSession(VenueSessionEvent event, ExecutionContext ctx) {
        if (event.state() == VenueSessionState.RECONCILING) {
            VenueAdapter adapter = ctx.venue(event.venue());
            if (adapter != null) {
                List<OrderView> open = new ArrayList<>();
                for (OrderView order : ctx.state().openOrders()) {
                    if (order.venue().equals(event.venue())) {
                        open.add(order);
                    }
                }
                LOG.info("Reconciling {} open orders with venue {}", open.size(), event.venue());
                adapter.reconcile(open);
            }
        } else if (event.state() == VenueSessionState.LOGGED_ON) {
            killSwitch.onLoggedOn(event.venue(), ctx);
        }
    }

    @Override
    public void onTimer(long token, ExecutionContext ctx) {
        stuck.onTimer(ctx);
    }

    @Override
    public CommandResult onCommand(Command command, String user, ExecutionContext ctx) {
        if (command instanceof Command.ResolveVenue resolve) {
            return resolution.resolve(resolve, user, ctx);
        }
        return killSwitch.onCommand(command, user, ctx);
    }

    @Override
    public TradingState tradingState(TradingScope scope) {
        TradingState global = tradingStates.global();
        return scope.kind() == TradingScope.Kind.GLOBAL ? global : global.mostRestrictive(tradingStates.get(scope));
    }

    @Override
    public Map<TradingScope, TradingState> tradingStates() {
        return tradingStates.snapshot();
    }

    @Override
    public ExecutionSnapshot snapshot() {
        return new ExecutionSnapshot(tradingStates.snapshot(), tradingStates.killEngaged(), tradingStates.killReason(),
                synthesized.snapshot(), bookedFills.snapshot(), stuck.snapshot());
    }

    @Override
    public void restore(ExecutionSnapshot snapshot) {
        tradingStates.restore(snapshot.tradingStates(), snapshot.killSwitchEngaged(), snapshot.killReason());
        synthesized.restore(snapshot.synthesizedOutstanding());
        bookedFills.restore(snapshot.bookedFills());
        stuck.restore(snapshot.stuckChecks());
    }

    @Override
    public boolean killSwitchEngaged() {
        return tradingStates.killEngaged();
    }

    /** Counters for telemetry: duplicates ignored, reports for unknown orders, overfills, synthesized fills. */
    public long duplicateReports() {
        return counters.duplicates.get();
    }

    public long unknownOrderReports() {
        return counters.unknownOrderReports.get();
    }

    public long overfills() {
        return counters.overfills.get();
    }

    public long synthesizedFills() {
        return counters.synthesizedFills.get();
    }
}
