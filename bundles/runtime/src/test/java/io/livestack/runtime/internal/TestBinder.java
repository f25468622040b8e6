package io.livestack.runtime.internal;

import io.livestack.api.event.BindingEvent;
import io.livestack.api.record.ExecutionRecordSink;
import io.livestack.api.risk.RiskStage;
import io.livestack.api.runtime.ExecutionStage;
import io.livestack.api.runtime.StrategyHostStage;
import io.livestack.api.state.StateStore;
import io.livestack.api.venue.VenueAdapter;
import io.livestack.runtime.internal.chain.StageBinder;
import java.util.Map;

/**
 * Binds and unbinds stages as Declarative Services would call the runtime component, for tests; a binding of a
 * stage or venue is an input the chain processes, so each change is followed by {@code settle} (the test steps the
 * chain: what it publishes next comes after the binding).
 */
final class TestBinder {

    private final StageBinder binder;
    private final Runnable settle;

    TestBinder(StageBinder binder, Runnable settle) {
        this.binder = binder;
        this.settle = settle;
    }

    void bindState(StateStore s) {
        binder.bindState(s);
        settle.run();
    }

    void unbindState(StateStore s) {
        binder.unbindState(s);
        settle.run();
    }

    void bindSink(ExecutionRecordSink s) {
        binder.bindSink(s);
        settle.run();
    }

    void bindHost(StrategyHostStage h) {
        binder.bind(BindingEvent.Kind.STRATEGY_HOST, "strategy-host", h, "", "", Map.of());
        settle.run();
    }

    void bindRisk(RiskStage r) {
        binder.bind(BindingEvent.Kind.RISK, "risk", r, "", "", Map.of());
        settle.run();
    }

    void unbindRisk(RiskStage r) {
        binder.unbind(BindingEvent.Kind.RISK, r);
        settle.run();
    }

    void bindExecution(ExecutionStage x) {
        binder.bind(BindingEvent.Kind.EXECUTION, "execution", x, "", "", Map.of());
        settle.run();
    }

    void unbindExecution(ExecutionStage x) {
        binder.unbind(BindingEvent.Kind.EXECUTION, x);
        settle.run();
    }

    void bindVenue(VenueAdapter adapter, Map<String, Object> properties) {
        bindVenue(adapter, properties, "", "");
    }

    /** As the adapter of that bundle. */
    void bindVenue(VenueAdapter adapter, Map<String, Object> properties, String bundle, String version) {
        Object id = properties.get(VenueAdapter.VENUE_PROPERTY);
        binder.bind(BindingEvent.Kind.VENUE, id != null ? id.toString() : adapter.venueId().value(), adapter, bundle,
                version, properties);
        settle.run();
    }

    /** The venue's service properties changed, as Declarative Services tells the runtime component. */
    void updateVenue(VenueAdapter adapter, Map<String, Object> properties) {
        Object id = properties.get(VenueAdapter.VENUE_PROPERTY);
        binder.rebind(BindingEvent.Kind.VENUE, id != null ? id.toString() : adapter.venueId().value(), adapter, "",
                "", properties);
        settle.run();
    }

    void unbindVenue(VenueAdapter adapter, Map<String, Object> properties) {
        binder.unbind(BindingEvent.Kind.VENUE, adapter);
        settle.run();
    }
}
