package io.livestack.state.internal;

import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.VenueId;
import io.livestack.api.state.InstrumentSpec;
import io.livestack.api.state.ReferenceData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the reference data ({@code etc/livestack.refdata.cfg}, PID {@value #PID}) from configuration text:
 * <pre>
 * reportingCurrency = USD
 * refuseUnknownInstruments = true
 * fx.EUR = 1.08                                  (value of one EUR in the reporting currency)
 * instrument.BTC-USD.tickSize = 0.01
 * instrument.BTC-USD.venue.FIXSIM.symbol = XBTUSD  (a venue's own value; the others are the instrument's)
 * </pre>
 * Fields: symbol, tickSize, ticks ("fromPrice:tick,fromPrice:tick", sorted), lotSize, minQuantity, maxQuantity,
 * multiplier (default 1), currency, pricePrecision (0–8, default 8). Decimals are text. Keys that are none of these
 * (the state's own, the framework's) are not reference data and are left alone. Content that is not valid is refused
 * as a whole, with a message that names every bad key and value.
 */
final class ReferenceDataParser {

    static final String PID = "livestack.refdata";
    static final String REPORTING_CURRENCY = "reportingCurrency";
    static final String REFUSE_UNKNOWN = "refuseUnknownInstruments";
    private static final String FX = "fx.";
    private static final String INSTRUMENT = "instrument.";
    private static final String VENUE = ".venue.";
    private static final List<String> FIELDS = List.of("symbol", "tickSize", "ticks", "lotSize", "minQuantity",
            "maxQuantity", "multiplier", "currency", "pricePrecision");

    private final List<String> problems = new ArrayList<>();

    private ReferenceDataParser() {
    }

    /** Whether {@code key} belongs to the reference data. */
    static boolean isReferenceData(String key) {
        return key.equals(REPORTING_CURRENCY) || key.equals(REFUSE_UNKNOWN) || key.startsWith(FX)
                || key.startsWith(INSTRUMENT);
    }

    /** The reference data in {@code properties}; {@link ReferenceData#NONE} when it has none. */
    static ReferenceData parse(Map<String, String> properties) {
        return new ReferenceDataParser().read(properties);
    }

    private ReferenceData read(Map<String, String> properties) {
        String reporting = "";
        boolean refuse = false;
        Map<String, Long> rates = new TreeMap<>();
        // instrument → venue ("" for the instrument's own) → field → value
        Map<String, Map<String, Map<String, String>>> fields = new TreeMap<>();
        for (Map.Entry<String, String> e : new TreeMap<>(properties).entrySet()) {
            String key = e.getKey();
            String value = e.getValue() == null ? "" : e.getValue().trim();
            if (key.equals(REPORTING_CURRENCY)) {
                reporting = currency(key, value);
            } else if (key.equals(REFUSE_UNKNOWN)) {
                if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                    problem(key, value, "is not true or false");
                }
                refuse = value.equalsIgnoreCase("true");
            } else if (key.startsWith(FX)) {
                int before = problems.size();
                String ccy = currency(key, key.substring(FX.length()));
                long rate = decimal(key, value);
                if (ccy.isEmpty() && problems.size() == before) {
                    problem(key, value, "names no currency (fx.<currency>)");
                } else if (problems.size() == before && rate <= 0) {
                    problem(key, value, "is not a positive rate");
                }
                rates.put(ccy, rate);
            } else if (key.startsWith(INSTRUMENT)) {
                instrumentKey(key, value, fields);
            }
        }
        List<InstrumentSpec> specs = new ArrayList<>();
        for (Map.Entry<String, Map<String, Map<String, String>>> instrument : fields.entrySet()) {
            Map<String, String> own = instrument.getValue().getOrDefault("", Map.of());
            for (Map.Entry<String, Map<String, String>> venue : instrument.getValue().entrySet()) {
                Map<String, String> merged = new LinkedHashMap<>(own);
                merged.putAll(venue.getValue());
                InstrumentSpec spec = spec(instrument.getKey(), venue.getKey(), merged);
                if (spec != null) {
                    specs.add(spec);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(PID + " refused: " + String.join("; ", problems));
        }
        if (reporting.isEmpty() && !refuse && rates.isEmpty() && specs.isEmpty()) {
            return ReferenceData.NONE;
        }
        return new ReferenceData(reporting, refuse, rates, specs);
    }

    /** instrument.ID.field or instrument.ID.venue.VENUE.field, into {@code fields}. */
    private void instrumentKey(String key, String value, Map<String, Map<String, Map<String, String>>> fields) {
        String rest = key.substring(INSTRUMENT.length());
        int dot = rest.lastIndexOf('.');
        if (dot <= 0) {
            problem(key, value, "is not instrument.<id>.<field> or instrument.<id>.venue.<venue>.<field>");
            return;
        }
        String field = rest.substring(dot + 1);
        String id = rest.substring(0, dot);
        String venue = "";
        int at = id.lastIndexOf(VENUE);
        if (at > 0) {
            venue = id.substring(at + VENUE.length());
            id = id.substring(0, at);
        }
        if (!FIELDS.contains(field)) {
            problem(key, value, "has an unknown field '" + field + "' (one of " + String.join(", ", FIELDS) + ")");
            return;
        }
        fields.computeIfAbsent(id, k -> new TreeMap<>()).computeIfAbsent(venue, k -> new TreeMap<>())
                .put(field, value);
    }

    private InstrumentSpec spec(String id, String venue, Map<String, String> f) {
        String prefix = INSTRUMENT + id + (venue.isEmpty() ? "" : VENUE + venue) + ".";
        InstrumentId instrument;
        VenueId venueId;
        try {
            instrument = new InstrumentId(id);
            venueId = venue.isEmpty() ? null : new VenueId(venue);
        } catch (IllegalArgumentException e) {
            problem(prefix + "*", id + (venue.isEmpty() ? "" : " at " + venue), e.getMessage());
            return null;
        }
        long tickSize = size(prefix + "tickSize", f.get("tickSize"), 0);
        List<InstrumentSpec.TickStep> ticks = ticks(prefix + "ticks", f.get("ticks"));
        long lotSize = size(prefix + "lotSize", f.get("lotSize"), 0);
        long minQuantity = size(prefix + "minQuantity", f.get("minQuantity"), 0);
        long maxQuantity = size(prefix + "maxQuantity", f.get("maxQuantity"), 0);
        if (maxQuantity > 0 && minQuantity > maxQuantity) {
            problem(prefix + "minQuantity", f.get("minQuantity"), "is above maxQuantity " + f.get("maxQuantity"));
        }
        long multiplier = size(prefix + "multiplier", f.get("multiplier"), Fixed.SCALE);
        if (f.containsKey("multiplier") && multiplier == 0) {
            problem(prefix + "multiplier", f.get("multiplier"), "is not a positive multiplier");
        }
        String currency = f.containsKey("currency") ? currency(prefix + "currency", f.get("currency")) : "";
        int precision = precision(prefix + "pricePrecision", f.get("pricePrecision"));
        return new InstrumentSpec(instrument, venueId, f.get("symbol"), tickSize, ticks, lotSize, minQuantity,
                maxQuantity, multiplier, currency, precision);
    }

    /** A decimal ≥ 0, {@code absent} when not given. */
    private long size(String key, String value, long absent) {
        if (value == null) {
            return absent;
        }
        long v = decimal(key, value);
        if (v < 0) {
            problem(key, value, "is negative");
            return absent;
        }
        return v;
    }

    private long decimal(String key, String value) {
        try {
            return Fixed.parse(value);
        } catch (IllegalArgumentException e) {
            problem(key, value, "is not a decimal number");
            return 0;
        }
    }

    private List<InstrumentSpec.TickStep> ticks(String key, String value) {
        List<InstrumentSpec.TickStep> steps = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return steps;
        }
        long previous = Long.MIN_VALUE;
        for (String step : value.split(",")) {
            String[] parts = step.trim().split(":");
            if (parts.length != 2) {
                problem(key, value, "step '" + step.trim() + "' is not fromPrice:tick");
                return List.of();
            }
            long from;
            long tick;
            try {
                from = Fixed.parse(parts[0]);
                tick = Fixed.parse(parts[1]);
            } catch (IllegalArgumentException e) {
                problem(key, value, "step '" + step.trim() + "' is not two decimal numbers");
                return List.of();
            }
            if (from < 0 || tick <= 0) {
                problem(key, value, "step '" + step.trim() + "' needs a price ≥ 0 and a tick > 0");
                return List.of();
            }
            if (from <= previous) {
                problem(key, value, "is not sorted by price (step '" + step.trim() + "')");
                return List.of();
            }
            previous = from;
            steps.add(new InstrumentSpec.TickStep(from, tick));
        }
        return steps;
    }

    private int precision(String key, String value) {
        if (value == null) {
            return Fixed.DECIMALS;
        }
        try {
            int p = Integer.parseInt(value.trim());
            if (p >= 0 && p <= Fixed.DECIMALS) {
                return p;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        problem(key, value, "is not a whole number from 0 to " + Fixed.DECIMALS);
        return Fixed.DECIMALS;
    }

    private String currency(String key, String value) {
        String v = value == null ? "" : value.trim();
        if (!v.isEmpty() && !v.matches("[A-Za-z0-9]{1,12}")) {
            problem(key, value, "is not a currency code");
            return "";
        }
        return v;
    }

    private void problem(String key, String value, String what) {
        problems.add(key + " = '" + value + "' " + what);
    }
}
