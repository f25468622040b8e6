package io.livestack.state.internal;

import static io.livestack.api.model.Fixed.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.VenueId;
import io.livestack.api.state.InstrumentSpec;
import io.livestack.api.state.ReferenceData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ReferenceDataParserTest {

    private static final InstrumentId BTC = InstrumentId.of("BTC-USD");

    @Test
    void readsInstrumentsWithVenueOverridesRatesAndFlags() {
        Map<String, String> text = new TreeMap<>();
        text.put("reportingCurrency", "USD");
        text.put("refuseUnknownInstruments", "true");
        text.put("fx.EUR", "1.08");
        text.put("instrument.BTC-USD.tickSize", "0.01");
        text.put("instrument.BTC-USD.ticks", "0:0.01, 1000:0.5");
        text.put("instrument.BTC-USD.lotSize", "0.001");
        text.put("instrument.BTC-USD.minQuantity", "0.001");
        text.put("instrument.BTC-USD.maxQuantity", "10");
        text.put("instrument.BTC-USD.currency", "USD");
        text.put("instrument.BTC-USD.pricePrecision", "2");
        text.put("instrument.BTC-USD.venue.FIXSIM.symbol", "XBTUSD");
        text.put("instrument.BTC-USD.venue.FIXSIM.maxQuantity", "5");
        text.put("retention.closedOrdersMillis", "1000"); // the state's own: not reference data

        ReferenceData data = ReferenceDataParser.parse(text);

        assertThat(data.reportingCurrency()).isEqualTo("USD");
        assertThat(data.refuseUnknownInstruments()).isTrue();
        assertThat(data.rates()).containsExactly(Map.entry("EUR", parse("1.08")));
        InstrumentSpec own = data.spec(VenueId.of("SIM"), BTC);
        assertThat(own).isEqualTo(new InstrumentSpec(BTC, null, "BTC-USD", parse("0.01"),
                List.of(new InstrumentSpec.TickStep(0, parse("0.01")),
                        new InstrumentSpec.TickStep(parse("1000"), parse("0.5"))),
                parse("0.001"), parse("0.001"), parse("10"), parse("1"), "USD", 2));
        InstrumentSpec fixsim = data.spec(VenueId.of("FIXSIM"), BTC);
        assertThat(fixsim.venueSymbol()).isEqualTo("XBTUSD");
        assertThat(fixsim.maxQuantity()).isEqualTo(parse("5"));
        assertThat(fixsim.lotSize()).as("the instrument's own where the venue has none").isEqualTo(parse("0.001"));
    }

    @Test
    void nothingConfiguredIsNone() {
        assertThat(ReferenceDataParser.parse(Map.of("service.pid", "livestack.state"))).isEqualTo(ReferenceData.NONE);
    }

    @Test
    void refusesMalformedContentNamingEveryBadKeyAndValue() {
        Map<String, String> text = new TreeMap<>();
        text.put("refuseUnknownInstruments", "maybe");
        text.put("fx.EUR", "abc");
        text.put("fx.GBP", "0");
        text.put("instrument.BTC-USD.tickSize", "-0.01");
        text.put("instrument.BTC-USD.lotSize", "lots");
        text.put("instrument.BTC-USD.colour", "red");
        text.put("instrument.BTC-USD.ticks", "1000:0.5,0:0.01");
        text.put("instrument.BTC-USD.pricePrecision", "12");
        text.put("instrument.BTC-USD.minQuantity", "5");
        text.put("instrument.BTC-USD.maxQuantity", "1");
        text.put("instrument.ETH-USD.venue.SIM.multiplier", "0");

        assertThatThrownBy(() -> ReferenceDataParser.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("refuseUnknownInstruments = 'maybe' is not true or false")
                .hasMessageContaining("fx.EUR = 'abc' is not a decimal number")
                .hasMessageContaining("fx.GBP = '0' is not a positive rate")
                .hasMessageContaining("instrument.BTC-USD.tickSize = '-0.01' is negative")
                .hasMessageContaining("instrument.BTC-USD.lotSize = 'lots' is not a decimal number")
                .hasMessageContaining("instrument.BTC-USD.colour = 'red' has an unknown field 'colour'")
                .hasMessageContaining("instrument.BTC-USD.ticks = '1000:0.5,0:0.01' is not sorted by price")
                .hasMessageContaining("instrument.BTC-USD.pricePrecision = '12' is not a whole number from 0 to 8")
                .hasMessageContaining("instrument.BTC-USD.minQuantity = '5' is above maxQuantity 1")
                .hasMessageContaining("instrument.ETH-USD.venue.SIM.multiplier = '0' is not a positive multiplier");
    }

    @Test
    void theShippedReferenceDataIsValidAndCoversTheDemoInstruments() throws IOException {
        Path file = Path.of("../../config/livestack.refdata.cfg");
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        Map<String, String> text = new TreeMap<>();
        properties.forEach((k, v) -> text.put(k.toString(), v.toString()));

        ReferenceData data = ReferenceDataParser.parse(text);

        assertThat(data.refuseUnknownInstruments()).isTrue();
        assertThat(data.reportingCurrency()).isEqualTo("USD");
        for (String venue : List.of("SIM", "FIXSIM")) {
            InstrumentSpec btc = data.spec(VenueId.of(venue), BTC);
            assertThat(btc).as(venue).isNotNull();
            assertThat(btc.onTick(parse("50000.01"))).isTrue();
            assertThat(btc.onLot(parse("0.01"))).isTrue();
        }
        assertThat(data.spec(VenueId.of("SIM"), InstrumentId.of("ETH-USD"))).isNotNull();
    }
}
