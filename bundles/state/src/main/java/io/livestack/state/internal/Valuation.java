package io.livestack.state.internal;

import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.VenueId;
import io.livestack.api.state.InstrumentSpec;
import io.livestack.api.state.ReferenceData;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference data in force and what position accounting takes from it: an instrument's contract multiplier and
 * quote currency, and amounts converted to the reporting currency. An amount in the reporting currency, in an empty
 * currency, or with no reporting currency configured is taken as it is. An amount in a currency without a configured
 * rate is counted at 1 (rather than dropped or refused: a fill happened and its P&amp;L must show), logged as a WARN
 * once per currency, and the currency is listed by {@link #unconverted()}. Processing thread (reads: any).
 */
final class Valuation {

    private static final Logger LOG = LoggerFactory.getLogger(Valuation.class);

    private ReferenceData data = ReferenceData.NONE;
    /** Per instrument: its own spec (no venue), else the first venue's. */
    private final Map<InstrumentId, InstrumentSpec> general = new HashMap<>();
    /** Per instrument: its own spec (no venue). */
    private final Map<InstrumentId, InstrumentSpec> own = new HashMap<>();
    /** Per instrument and venue: the venue's own spec (the lookups of the hot path: no scan of the list). */
    private final Map<InstrumentId, Map<VenueId, InstrumentSpec>> byVenue = new HashMap<>();
    private final Set<String> unconverted = Collections.synchronizedSet(new TreeSet<>());

    ReferenceData data() {
        return data;
    }

    void use(ReferenceData referenceData) {
        data = referenceData;
        general.clear();
        own.clear();
        byVenue.clear();
        for (InstrumentSpec spec : referenceData.specs()) {
            if (spec.venue() == null) {
                general.put(spec.instrument(), spec);
                own.put(spec.instrument(), spec);
            } else {
                byVenue.computeIfAbsent(spec.instrument(), i -> new HashMap<>()).put(spec.venue(), spec);
            }
        }
        for (InstrumentSpec spec : referenceData.specs()) {
            general.putIfAbsent(spec.instrument(), spec);
        }
    }

    /** The spec at the venue (null: the instrument's own), else the instrument's, else null. */
    InstrumentSpec spec(VenueId venue, InstrumentId instrument) {
        InstrumentSpec spec = venue == null ? null : venueSpec(venue, instrument);
        return spec != null ? spec : general.get(instrument);
    }

    /** What {@link ReferenceData#spec} answers: the venue's own spec, else the instrument's own, else null. */
    InstrumentSpec exactSpec(VenueId venue, InstrumentId instrument) {
        InstrumentSpec spec = venue == null ? null : venueSpec(venue, instrument);
        return spec != null ? spec : own.get(instrument);
    }

    private InstrumentSpec venueSpec(VenueId venue, InstrumentId instrument) {
        Map<VenueId, InstrumentSpec> venues = byVenue.get(instrument);
        return venues == null ? null : venues.get(venue);
    }

    /** The contract multiplier, fixed-point; 1 without reference data (or a multiplier of 0). */
    long multiplier(VenueId venue, InstrumentId instrument) {
        InstrumentSpec spec = spec(venue, instrument);
        return spec == null || spec.multiplier() <= 0 ? Fixed.SCALE : spec.multiplier();
    }

    /** The quote currency ("" when unknown: taken as the reporting currency). */
    String currency(VenueId venue, InstrumentId instrument) {
        InstrumentSpec spec = spec(venue, instrument);
        return spec == null ? "" : spec.currency();
    }

    /** {@code amount} (fixed-point, in {@code currency}) in the reporting currency (see the class comment). */
    long toReporting(long amount, String currency) {
        String reporting = data.reportingCurrency();
        if (amount == 0 || currency == null || currency.isEmpty() || reporting.isEmpty()
                || currency.equals(reporting)) {
            return amount;
        }
        Long rate = data.rates().get(currency);
        if (rate == null) {
            if (unconverted.add(currency)) {
                LOG.warn("No rate for currency {} to the reporting currency {} (reference data fx.{}): its amounts "
                        + "are counted at 1", currency, reporting, currency);
            }
            return amount;
        }
        return Fixed.multiply(amount, rate);
    }

    /** {@code value} × the multiplier (exact when it is 1). */
    static long times(long value, long multiplier) {
        return multiplier == Fixed.SCALE ? value : Fixed.multiply(value, multiplier);
    }

    /** The currencies met without a rate (counted at 1), sorted. */
    Set<String> unconverted() {
        synchronized (unconverted) {
            return Set.copyOf(unconverted);
        }
    }
}
