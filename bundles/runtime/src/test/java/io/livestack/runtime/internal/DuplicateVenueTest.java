package io.livestack.runtime.internal;

import static io.livestack.testkit.TestEvents.BTC;
import static io.livestack.testkit.TestEvents.SIM;
import static io.livestack.testkit.TestEvents.order;
import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.event.Command;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.record.MetadataRecord;
import io.livestack.api.record.OrderRecord;
import io.livestack.testkit.RecordingVenue;
import io.livestack.testkit.TestEvents;
import org.junit.jupiter.api.Test;

/**
 * One adapter per venue id: a second venue adapter service for a venue that an adapter serves (another adapter
 * bundle) is refused, the first stays bound and in use, and the refused one's going changes nothing.
 */
class DuplicateVenueTest {

    private static final String FIX_BUNDLE = "io.livestack.venue.fix";
    private static final String SIM_BUNDLE = "io.livestack.venue.sim";

    /** SIM served by the adapter of {@value #FIX_BUNDLE}, with an open order and LOGGED_ON. */
    private static TestChain servedByTheFixBundle() {
        TestChain chain = new TestChain();
        chain.binder.bindSink(chain.sink);
        chain.binder.bindVenue(chain.sim, chain.sim.properties(), FIX_BUNDLE, "0.1.0");
        chain.binder.bindRisk(chain.risk);
        chain.binder.bindExecution(chain.execution);
        chain.binder.bindHost(chain.host);
        chain.binder.bindState(chain.state);
        chain.step();
        chain.state.putOrder(order("O1", SIM, OrderStatus.NEW));
        chain.publish(TestEvents.session(SIM, VenueSessionState.LOGGED_ON));
        chain.step();
        return chain;
    }

    @Test
    void aSecondAdapterForAServedVenueIsRefusedAndTheFirstStaysInUse() {
        try (TestChain chain = servedByTheFixBundle()) {
            RecordingVenue second = new RecordingVenue(SIM, BTC);

            chain.binder.bindVenue(second, second.properties(), SIM_BUNDLE, "0.2.0");

            assertThat(chain.agent.stages().venues().get(SIM)).as("the first adapter stays bound")
                    .isSameAs(chain.sim);
            assertThat(chain.runtime.counters()).containsEntry("venues.refused", 1L);
            assertThat(chain.sink.of(MetadataRecord.class)).filteredOn(m -> m.detail().contains("refused"))
                    .singleElement().satisfies(m -> {
                        assertThat(m.kind()).isEqualTo(MetadataRecord.Kind.VENUE);
                        assertThat(m.subject()).isEqualTo("SIM");
                        assertThat(m.detail()).contains("bundle " + SIM_BUNDLE + " 0.2.0")
                                .contains("bundle " + FIX_BUNDLE + " 0.1.0").contains("stays bound");
                    });

            chain.run(new Command.StartSession());
            assertThat(chain.sim.connects.get()).as("the session connects the venue's adapter").isEqualTo(1);
            assertThat(second.connects.get()).as("never the refused one").isZero();
        }
    }

    @Test
    void theRefusedAdapterGoingLeavesTheVenueAvailable() {
        try (TestChain chain = servedByTheFixBundle()) {
            RecordingVenue second = new RecordingVenue(SIM, BTC);
            chain.binder.bindVenue(second, second.properties(), SIM_BUNDLE, "0.2.0");

            chain.binder.unbindVenue(second, second.properties());
            chain.step();

            assertThat(chain.state.venueStates().get(SIM)).isEqualTo(VenueSessionState.LOGGED_ON);
            assertThat(chain.state.order(ClientOrderId.of("O1")).venueAvailable()).isTrue();
            assertThat(chain.sink.of(OrderRecord.class)).as("no venue-unavailable order event").isEmpty();
            assertThat(chain.agent.stages().venues().get(SIM)).isSameAs(chain.sim);
        }
    }

    @Test
    void theFirstAdapterGoingStillMakesTheVenueUnavailableAndTheRefusedOneIsNotTakenInstead() {
        try (TestChain chain = servedByTheFixBundle()) {
            RecordingVenue second = new RecordingVenue(SIM, BTC);
            chain.binder.bindVenue(second, second.properties(), SIM_BUNDLE, "0.2.0");

            chain.binder.unbindVenue(chain.sim, chain.sim.properties());
            chain.step();

            assertThat(chain.state.venueStates().get(SIM)).isEqualTo(VenueSessionState.UNAVAILABLE);
            assertThat(chain.agent.stages().venues()).doesNotContainKey(SIM);
        }
    }

    @Test
    void anAdapterForTheVenueAfterTheFirstWentIsBound() {
        try (TestChain chain = servedByTheFixBundle()) {
            chain.binder.unbindVenue(chain.sim, chain.sim.properties());
            RecordingVenue next = new RecordingVenue(SIM, BTC);

            chain.binder.bindVenue(next, next.properties(), SIM_BUNDLE, "0.2.0");

            assertThat(chain.agent.stages().venues().get(SIM)).isSameAs(next);
            assertThat(chain.runtime.counters()).containsEntry("venues.refused", 0L);
        }
    }
}
