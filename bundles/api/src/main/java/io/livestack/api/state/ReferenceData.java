package io.livestack.api.state;

import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.VenueId;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The instrument reference data in force ({@code etc/livestack.refdata.cfg}, live-reloadable, applied in the order
 * of events): every instrument's {@link InstrumentSpec} (per venue where a venue differs), the reporting currency, the
 * conversion rates to it, and whether an instrument without reference data may trade.
 *
 * @param reportingCurrency        the currency P&amp;L and exposure are reported in
 * @param refuseUnknownInstruments true: risk refuses an order for an instrument without reference data
 * @param rates                    currency → value of one unit in the reporting currency, fixed-point (the
 *                                 reporting currency itself is 1)
 * @param specs                    the specs, instrument defaults (venue null) and per-venue ones
 */
public record ReferenceData(String reportingCurrency, boolean refuseUnknownInstruments, Map<String, Long> rates,
        List<InstrumentSpec> specs) {

    /** Nothing configured: every instrument may trade, P&amp;L in its own currency. */
    public static final ReferenceData NONE = new ReferenceData("", false, Map.of(), List.of());

    public ReferenceData {
        reportingCurrency = reportingCurrency == null ? "" : reportingCurrency;
        rates = Collections.unmodifiableMap(new TreeMap<>(rates));
        specs = List.copyOf(specs);
    }

    /**
     * The spec for {@code instrument} at {@code venue}: the venue's own, else the instrument's, else null. A scan of
     * the list: on the processing thread use {@link StateView#instrumentSpec}, which the state keeps indexed.
     */
    public InstrumentSpec spec(VenueId venue, InstrumentId instrument) {
        InstrumentSpec general = null;
        for (InstrumentSpec s : specs) {
            if (s.instrument().equals(instrument)) {
                if (venue != null && venue.equals(s.venue())) {
                    return s;
                }
                if (s.venue() == null) {
                    general = s;
                }
            }
        }
        return general;
    }
}
