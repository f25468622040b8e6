package io.livestack.journal;

import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.VenueId;
import io.livestack.api.state.InstrumentSpec;
import io.livestack.api.state.ReferenceData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The binary form of {@link ReferenceData} (in the state's snapshot section): reporting currency (string), refuse
 * unknown instruments (boolean), the rates (count, then currency and rate each), the specs (count, then each spec's
 * fields in declaration order, its tick table as count and steps). Exact.
 */
final class ReferenceDataCodec {

    private ReferenceDataCodec() {
    }

    static void write(WireOut out, ReferenceData data) {
        out.string(data.reportingCurrency());
        out.bool(data.refuseUnknownInstruments());
        out.i32(data.rates().size());
        for (Map.Entry<String, Long> e : data.rates().entrySet()) {
            out.string(e.getKey());
            out.i64(e.getValue());
        }
        out.i32(data.specs().size());
        for (InstrumentSpec s : data.specs()) {
            out.id(s.instrument());
            out.id(s.venue());
            out.string(s.venueSymbol());
            out.i64(s.tickSize());
            out.i32(s.ticks().size());
            for (InstrumentSpec.TickStep step : s.ticks()) {
                out.i64(step.fromPrice());
                out.i64(step.tick());
            }
            out.i64(s.lotSize());
            out.i64(s.minQuantity());
            out.i64(s.maxQuantity());
            out.i64(s.multiplier());
            out.string(s.currency());
            out.i32(s.pricePrecision());
        }
    }

    static ReferenceData read(WireIn in) {
        String reporting = in.string();
        boolean refuse = in.bool();
        int n = EventCodec.count(in, 12);
        Map<String, Long> rates = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            rates.put(in.requiredString("currency"), in.i64());
        }
        n = EventCodec.count(in, 60);
        List<InstrumentSpec> specs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            InstrumentId instrument = in.id(InstrumentId::new);
            VenueId venue = in.id(VenueId::new);
            String symbol = in.string();
            long tickSize = in.i64();
            int m = EventCodec.count(in, 16);
            List<InstrumentSpec.TickStep> ticks = new ArrayList<>(m);
            for (int j = 0; j < m; j++) {
                ticks.add(new InstrumentSpec.TickStep(in.i64(), in.i64()));
            }
            specs.add(new InstrumentSpec(instrument, venue, symbol, tickSize, ticks, in.i64(), in.i64(), in.i64(),
                    in.i64(), in.string(), in.i32()));
        }
        return new ReferenceData(reporting, refuse, rates, specs);
    }
}
