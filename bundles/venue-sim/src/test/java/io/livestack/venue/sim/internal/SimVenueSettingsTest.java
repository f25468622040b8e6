package io.livestack.venue.sim.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.VenueId;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimVenueSettingsTest {

    private static SimVenueConfig config(Map<String, Object> overrides) {
        return (SimVenueConfig) Proxy.newProxyInstance(SimVenueConfig.class.getClassLoader(),
                new Class<?>[] { SimVenueConfig.class }, (p, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return SimVenueConfig.class;
                    }
                    return overrides.containsKey(method.getName()) ? overrides.get(method.getName())
                            : method.getDefaultValue();
                });
    }

    @Test
    void parsesInstrumentsWithTheirInitialPrices() {
        SimVenueSettings s = SimVenueSettings.from(config(Map.of("venue", "SIM", "instruments",
                " BTC-USD:50000 , ETH-USD:3000.5")));
        assertThat(s.venue()).isEqualTo(VenueId.of("SIM"));
        assertThat(s.instruments()).containsExactly(Map.entry(InstrumentId.of("BTC-USD"), Fixed.of(50_000)),
                Map.entry(InstrumentId.of("ETH-USD"), Fixed.parse("3000.5")));
        assertThat(s.liquidityPerLevel()).isEqualTo(Fixed.parse("0.5"));
    }

    @Test
    void requiresAVenueId() {
        assertThatThrownBy(() -> SimVenueSettings.from(config(Map.of()))).hasMessageContaining("venue is required");
    }

    @Test
    void refusesBadValuesNamingTheKeyAndTheValue() {
        assertThatThrownBy(() -> SimVenueSettings.from(config(Map.of("venue", "SIM", "instruments",
                "BTC-USD")))).hasMessageContaining("instruments").hasMessageContaining("BTC-USD");
        assertThatThrownBy(() -> SimVenueSettings.from(config(Map.of("venue", "SIM", "instruments",
                "BTC-USD:cheap")))).hasMessageContaining("instruments").hasMessageContaining("cheap");
        assertThatThrownBy(() -> SimVenueSettings.from(config(Map.of("venue", "SIM", "tickSize", "-1"))))
                .hasMessageContaining("tickSize").hasMessageContaining("-1");
        assertThatThrownBy(() -> SimVenueSettings.from(config(Map.of("venue", "SIM", "depthLevels", 0))))
                .hasMessageContaining("depthLevels").hasMessageContaining("0");
        assertThatThrownBy(() -> SimVenueSettings.from(config(Map.of("venue", "SIM",
                "marketDataIntervalMillis", 1L)))).hasMessageContaining("marketDataIntervalMillis");
        assertThatThrownBy(() -> SimVenueSettings.from(config(Map.of("venue", "SIM", "instruments",
                "A:1,A:2")))).hasMessageContaining("twice");
    }

    @Test
    void theAccountIsOptionalAndRefusedWhenInvalidNamingKeyAndValue() {
        assertThat(SimVenueComponent.account(config(Map.of("venue", "SIM")))).isNull();
        assertThat(SimVenueComponent.account(config(Map.of("venue", "SIM", "account", " ACC-1 ")))).isEqualTo("ACC-1");
        assertThatThrownBy(() -> SimVenueComponent.account(config(Map.of("venue", "SIM", "account", "a b"))))
                .hasMessageStartingWith("account: 'a b' is not a valid account");
    }
}
