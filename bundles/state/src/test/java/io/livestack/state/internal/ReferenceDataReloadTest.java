package io.livestack.state.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.event.ConfigurationEvent;
import io.livestack.api.event.Event;
import io.livestack.api.runtime.EventIntake;
import io.livestack.api.state.ReferenceData;
import io.livestack.api.state.StateSnapshot;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A change of the reference data travels as a configuration event and takes effect when the chain hands it back. */
class ReferenceDataReloadTest {

    private static final StateConfiguration DEFAULTS = new StateConfiguration() {
        @Override
        public Class<? extends Annotation> annotationType() {
            return StateConfiguration.class;
        }

        @Override
        public long retention_closedOrdersMillis() {
            return 1000;
        }

        @Override
        public long retention_executionsMillis() {
            return 2000;
        }
    };

    /** The events given to the intake. */
    private static final class Intake implements EventIntake {
        final List<Event> events = new ArrayList<>();

        @Override
        public void publish(Event event) {
            events.add(event);
        }

        @Override
        public boolean offer(Event event, long timeout, TimeUnit unit) {
            return events.add(event);
        }

        @Override
        public int queueDepth() {
            return events.size();
        }
    }

    private final Intake intake = new Intake();

    @Test
    void aChangeIsPublishedWithTheRetentionAndAppliedWhenHandedBack() {
        InMemoryStateStore store = new InMemoryStateStore(DEFAULTS, Map.of("service.pid", "livestack.state"));
        store.bindIntake(intake);

        store.modified(DEFAULTS, Map.of("reportingCurrency", "EUR", "component.name", "x"));

        assertThat(store.referenceData()).as("not before the chain hands it back").isEqualTo(ReferenceData.NONE);
        ConfigurationEvent event = (ConfigurationEvent) intake.events.get(0);
        assertThat(event.pid()).isEqualTo(StateConfiguration.PID);
        assertThat(event.properties()).containsExactly(Map.entry("reportingCurrency", "EUR"),
                Map.entry("retention.closedOrdersMillis", "1000"), Map.entry("retention.executionsMillis", "2000"));
        store.configure(event.properties());
        assertThat(store.referenceData().reportingCurrency()).isEqualTo("EUR");
    }

    @Test
    void aChangeThatIsNotValidIsNotPublished() {
        InMemoryStateStore store = new InMemoryStateStore(DEFAULTS, Map.of("reportingCurrency", "USD"));
        store.bindIntake(intake);

        store.modified(DEFAULTS, Map.of("instrument.X.tickSize", "-1"));

        assertThat(intake.events).isEmpty();
        assertThat(store.referenceData().reportingCurrency()).isEqualTo("USD");
    }

    @Test
    void aRestoreWhoseReferenceDataDiffersFromTheConfiguredOnePublishesTheConfiguredOneAgain() {
        InMemoryStateStore before = new InMemoryStateStore(DEFAULTS, Map.of("reportingCurrency", "USD"));
        StateSnapshot snapshot = before.snapshot();
        InMemoryStateStore store = new InMemoryStateStore(DEFAULTS, Map.of("reportingCurrency", "EUR"));
        store.bindIntake(intake);

        store.restore(snapshot);

        assertThat(store.referenceData().reportingCurrency()).as("the snapshot's").isEqualTo("USD");
        assertThat(((ConfigurationEvent) intake.events.get(0)).properties()).containsEntry("reportingCurrency", "EUR");

        intake.events.clear();
        InMemoryStateStore same = new InMemoryStateStore(DEFAULTS, Map.of("reportingCurrency", "USD"));
        same.bindIntake(intake);
        same.restore(snapshot);
        assertThat(intake.events).as("the same: nothing to do").isEmpty();
    }

    @Test
    void theReferenceDataFileReachesTheStoreThroughItsOwnComponentAndARetentionChangeKeepsIt() {
        InMemoryStateStore store = new InMemoryStateStore(DEFAULTS, Map.of("service.pid", "livestack.state"));

        new ReferenceDataComponent(store, Map.of("service.pid", "livestack.refdata", "reportingCurrency", "USD",
                "instrument.BTC-USD.tickSize", "0.01", "felix.fileinstall.filename", "file:/etc/x.cfg",
                "$000.target", "(component.name=io.livestack.state.internal.InMemoryStateStore)"));
        assertThat(store.referenceData().reportingCurrency()).as("no runtime: at once").isEqualTo("USD");
        assertThat(store.referenceData().specs()).hasSize(1);

        store.bindIntake(intake);
        store.modified(DEFAULTS, Map.of("retention.closedOrdersMillis", "5000"));
        ConfigurationEvent event = (ConfigurationEvent) intake.events.get(0);
        assertThat(event.properties()).as("the retention change carries the reference data in force")
                .containsEntry("reportingCurrency", "USD").containsEntry("instrument.BTC-USD.tickSize", "0.01");
    }

    @Test
    void aReferenceDataFileWithAnUnknownKeyOrABadValueIsRefusedAndTheOneInForceStays() {
        InMemoryStateStore store = new InMemoryStateStore(DEFAULTS, Map.of());
        ReferenceDataComponent component = new ReferenceDataComponent(store, Map.of("reportingCurrency", "USD"));

        component.modified(Map.of("reportingCurrency", "EUR", "reportingCurency", "EUR"));
        assertThat(store.referenceData().reportingCurrency()).as("a misspelt key").isEqualTo("USD");
        component.modified(Map.of("reportingCurrency", "EUR", "instrument.X.lotSize", "-1"));
        assertThat(store.referenceData().reportingCurrency()).as("a negative lot").isEqualTo("USD");
        component.modified(Map.of("reportingCurrency", "EUR"));
        assertThat(store.referenceData().reportingCurrency()).isEqualTo("EUR");
        component.deactivate(ReferenceDataComponent.CONFIGURATION_DELETED);
        assertThat(store.referenceData()).as("the file is gone").isEqualTo(ReferenceData.NONE);
    }

    @Test
    void theStateAnswersForAnInstrumentAtAVenueAsTheReferenceDataDoes() {
        InMemoryStateStore store = new InMemoryStateStore(DEFAULTS, Map.of("instrument.X.tickSize", "0.01",
                "instrument.X.venue.V1.tickSize", "0.5", "instrument.Y.venue.V1.tickSize", "1"));
        io.livestack.api.model.VenueId v1 = io.livestack.api.model.VenueId.of("V1");
        io.livestack.api.model.VenueId v2 = io.livestack.api.model.VenueId.of("V2");
        for (String instrument : List.of("X", "Y", "Z")) {
            io.livestack.api.model.InstrumentId i = io.livestack.api.model.InstrumentId.of(instrument);
            for (io.livestack.api.model.VenueId v : java.util.Arrays.asList(v1, v2, null)) {
                assertThat(store.instrumentSpec(v, i)).as(instrument + " at " + v)
                        .isEqualTo(store.referenceData().spec(v, i));
            }
        }
        assertThat(store.instrumentSpec(v1, io.livestack.api.model.InstrumentId.of("X")).tickSize())
                .isEqualTo(io.livestack.api.model.Fixed.parse("0.5"));
    }
}
