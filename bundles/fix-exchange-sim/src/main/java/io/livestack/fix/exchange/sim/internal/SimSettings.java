package io.livestack.fix.exchange.sim.internal;

import io.livestack.api.model.Fixed;
import io.livestack.fix.exchange.sim.ExchangeControl;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The validated simulator configuration (see {@link SimConfig}); bad values fail naming the key and the value. */
public record SimSettings(
        String bindAddress,
        int port,
        String compId,
        Set<String> clients,
        List<SimDialect> dialects,
        String password,
        Map<String, SymbolSpec> symbols,
        int spreadTicks,
        int depth,
        long makerQuantity,
        int walkIntervalMs,
        int walkMaxStepTicks,
        long seed,
        Path storeDir,
        Path logDir,
        boolean validateIncoming,
        SimTls tls,
        SimFaults faults,
        SimSessionRules sessionRules) {

    static final String DEFAULT_BIND = "127.0.0.1";
    static final int DEFAULT_PORT = 9878;
    static final String DEFAULT_COMP_ID = "FIXSIM";
    static final String DEFAULT_BEGIN_STRINGS = "FIX.4.2,FIX.4.4,FIXT.1.1";
    static final String DEFAULT_SYMBOLS = "BTC-USD:30000:0.5";
    static final String DEFAULT_TICK = "0.01";
    static final int DEFAULT_SPREAD_TICKS = 2;
    static final int DEFAULT_DEPTH = 5;
    static final String DEFAULT_MAKER_QUANTITY = "1";
    static final int DEFAULT_WALK_INTERVAL_MS = 1000;
    static final int DEFAULT_WALK_STEP = 2;
    static final long DEFAULT_SEED = 42;

    /** One traded symbol: initial mid and tick, fixed-point. */
    public record SymbolSpec(String symbol, long initialPrice, long tick) {
    }

    public SimSettings {
        clients = Collections.unmodifiableSet(new LinkedHashSet<>(clients));
        dialects = List.copyOf(dialects);
        symbols = Collections.unmodifiableMap(new LinkedHashMap<>(symbols));
    }

    public boolean acceptsAnyClient() {
        return clients.contains("*");
    }

    public static SimSettings parse(Map<String, ?> p, Path defaultDataDir) {
        String bind = str(p, "bindAddress", DEFAULT_BIND);
        if (bind.isEmpty()) {
            throw bad("bindAddress", bind, "expected an address, e.g. 127.0.0.1");
        }
        int port = integer(p, "port", DEFAULT_PORT, 0, 65535);
        String compId = str(p, "compId", DEFAULT_COMP_ID);
        if (compId.isEmpty() || compId.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            throw bad("compId", compId, "expected printable characters without spaces, or *");
        }
        Set<String> clients = new LinkedHashSet<>();
        for (String c : str(p, "clients", "*").split("[,\\s]+")) {
            if (!c.isEmpty()) {
                clients.add(c);
            }
        }
        if (clients.isEmpty()) {
            throw bad("clients", "", "list at least one client CompID, or *");
        }
        List<SimDialect> dialects = new ArrayList<>();
        for (String b : str(p, "beginStrings", DEFAULT_BEGIN_STRINGS).split("[,\\s]+")) {
            if (b.isEmpty()) {
                continue;
            }
            SimDialect d = SimDialect.forBeginString(b);
            if (d == null) {
                throw bad("beginStrings", b, "expected FIX.4.2, FIX.4.4 or FIXT.1.1");
            }
            if (!dialects.contains(d)) {
                dialects.add(d);
            }
        }
        if (dialects.isEmpty()) {
            throw bad("beginStrings", "", "list at least one FIX version");
        }
        Object pw = p.get("password");
        String password = pw == null ? "" : pw instanceof char[] chars ? new String(chars) : pw.toString();
        long defaultTick = decimal("tick", str(p, "tick", DEFAULT_TICK));
        if (defaultTick <= 0) {
            throw bad("tick", str(p, "tick", DEFAULT_TICK), "must be positive");
        }
        Map<String, SymbolSpec> symbols = new LinkedHashMap<>();
        for (String spec : str(p, "symbols", DEFAULT_SYMBOLS).split("[,\\s]+")) {
            if (spec.isEmpty()) {
                continue;
            }
            String[] parts = spec.split(":");
            if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty()) {
                throw bad("symbols", spec, "expected SYMBOL:initialPrice[:tick]");
            }
            long price = decimal("symbols", parts[1]);
            long tick = parts.length == 3 ? decimal("symbols", parts[2]) : defaultTick;
            if (price <= 0 || tick <= 0) {
                throw bad("symbols", spec, "price and tick must be positive");
            }
            symbols.put(parts[0], new SymbolSpec(parts[0], price, tick));
        }
        if (symbols.isEmpty()) {
            throw bad("symbols", "", "list at least one SYMBOL:initialPrice");
        }
        int spread = integer(p, "spreadTicks", DEFAULT_SPREAD_TICKS, 1, 1000);
        int depth = integer(p, "depth", DEFAULT_DEPTH, 1, 100);
        long makerQty = decimal("makerQuantity", str(p, "makerQuantity", DEFAULT_MAKER_QUANTITY));
        if (makerQty <= 0) {
            throw bad("makerQuantity", str(p, "makerQuantity", DEFAULT_MAKER_QUANTITY), "must be positive");
        }
        int walkInterval = integer(p, "walkIntervalMs", DEFAULT_WALK_INTERVAL_MS, 0, 3_600_000);
        int walkStep = integer(p, "walkMaxStepTicks", DEFAULT_WALK_STEP, 0, 1000);
        long seed;
        Object seedValue = p.get("seed");
        try {
            seed = seedValue == null || seedValue.toString().isBlank() ? DEFAULT_SEED
                    : seedValue instanceof Number n ? n.longValue() : Long.parseLong(seedValue.toString().trim());
        } catch (NumberFormatException e) {
            throw bad("seed", seedValue, "expected a whole number");
        }
        String store = str(p, "storeDir", "");
        Path storeDir = store.isEmpty() ? defaultDataDir : Path.of(store);
        String log = str(p, "logDir", "");
        Path logDir = log.isEmpty() ? storeDir.resolve("log") : Path.of(log);
        Object validate = p.get("validateIncoming");
        boolean validateIncoming = validate == null || !"false".equalsIgnoreCase(validate.toString().trim());
        SimTls tls = SimTls.parse(p, SimSettings::bad);
        SimFaults faults = SimFaults.parse(p, (key, value) -> bad(key, value, switch (key) {
            case "idPrefix" -> "expected up to 16 letters or digits";
            case "silentOn" -> "expected cancel and/or replace, comma separated";
            default -> "expected true or false";
        }));
        return new SimSettings(bind, port, compId, clients, dialects, password, symbols, spread, depth, makerQty,
                walkInterval, walkStep, seed, storeDir, logDir, validateIncoming, tls, faults,
                SimSessionRules.parse(p, SimSettings::bad));
    }

    @Override
    public String toString() {
        return "SimSettings[" + bindAddress + ":" + port + ", compId=" + compId + ", clients=" + clients
                + ", versions=" + dialects + ", password=" + (password.isEmpty() ? "" : "********") + ", symbols="
                + symbols.keySet() + ", spread=" + spreadTicks + " ticks, depth=" + depth + ", makerQuantity="
                + Fixed.format(makerQuantity) + ", walk=" + walkIntervalMs + "ms/" + walkMaxStepTicks
                + " ticks, seed=" + seed + ", store=" + storeDir + ", tls=" + tls + ", sessionRules=" + sessionRules + "]";
    }

    private static IllegalArgumentException bad(String key, Object value, String why) {
        return new IllegalArgumentException(
                ExchangeControl.PID + ": key '" + key + "' has the bad value '" + value + "': " + why);
    }

    private static String str(Map<String, ?> p, String key, String defaultValue) {
        Object v = p.get(key);
        return v == null ? defaultValue : v.toString().trim();
    }

    private static int integer(Map<String, ?> p, String key, int defaultValue, int min, int max) {
        Object v = p.get(key);
        if (v == null || v.toString().isBlank()) {
            return defaultValue;
        }
        long value;
        try {
            value = v instanceof Number n ? n.longValue() : Long.parseLong(v.toString().trim());
        } catch (NumberFormatException e) {
            throw bad(key, v, "expected a whole number from " + min + " to " + max);
        }
        if (value < min || value > max) {
            throw bad(key, v, "expected a whole number from " + min + " to " + max);
        }
        return (int) value;
    }

    private static long decimal(String key, String text) {
        try {
            return Fixed.parse(text);
        } catch (IllegalArgumentException e) {
            throw bad(key, text, e.getMessage());
        }
    }
}
