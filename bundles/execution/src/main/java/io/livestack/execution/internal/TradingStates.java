package io.livestack.execution.internal;

import io.livestack.api.model.TradingScope;
import io.livestack.api.model.TradingState;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trading states per scope and the kill switch latch, persisted to a small properties file on every change
 * (written to a temporary file, forced to disk, then atomically moved over the old one) and read back at start, so a
 * restart comes back exactly as it was left — in particular HALTED after a kill.
 * <p>
 * A missing file means a first start: everything ACTIVE. A file that cannot be read or parsed fails closed: the kill
 * switch comes up engaged (global HALTED) until an operator resumes.
 * <p>
 * Written on the processing thread, read from any thread.
 */
final class TradingStates {

    private static final Logger LOG = LoggerFactory.getLogger(TradingStates.class);
    private static final String KILL = "killSwitch";
    private static final String KILL_REASON = "killReason";
    private static final String STATE_PREFIX = "state.";

    private final Path file;
    private final Map<TradingScope, TradingState> states = new ConcurrentHashMap<>();
    private volatile boolean killEngaged;
    private volatile String killReason = "";

    TradingStates(Path file) {
        this.file = file;
        states.put(TradingScope.GLOBAL, TradingState.ACTIVE);
        load();
    }

    private void load() {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (NoSuchFileException e) {
            LOG.info("No trading state file {} yet: trading states ACTIVE, kill switch released", file);
            return;
        } catch (IOException | IllegalArgumentException e) {
            failClosed("trading state file " + file + " cannot be read: " + e);
            return;
        }
        try {
            Map<TradingScope, TradingState> loaded = new LinkedHashMap<>();
            for (String key : properties.stringPropertyNames()) {
                if (key.startsWith(STATE_PREFIX)) {
                    loaded.put(TradingScope.parse(key.substring(STATE_PREFIX.length())),
                            TradingState.valueOf(properties.getProperty(key).trim()));
                } else if (!key.equals(KILL) && !key.equals(KILL_REASON)) {
                    throw new IllegalArgumentException("unknown key '" + key + "'");
                }
            }
            String kill = properties.getProperty(KILL, "false").trim();
            if (!kill.equals("true") && !kill.equals("false")) {
                throw new IllegalArgumentException(KILL + "='" + kill + "' is not true or false");
            }
            states.putAll(loaded);
            killEngaged = Boolean.parseBoolean(kill);
            killReason = properties.getProperty(KILL_REASON, "");
            if (killEngaged) {
                states.put(TradingScope.GLOBAL, TradingState.HALTED);
                LOG.warn("Kill switch is engaged (from {}): {}. Trading stays HALTED until resume.", file, killReason);
            }
            LOG.info("Trading states restored from {}: {}", file, snapshot());
        } catch (IllegalArgumentException e) {
            failClosed("trading state file " + file + " is malformed: " + e.getMessage());
        }
    }

    private void failClosed(String why) {
        LOG.error("{} -- failing closed: kill switch engaged, global trading HALTED until resume", why);
        states.put(TradingScope.GLOBAL, TradingState.HALTED);
        killEngaged = true;
        killReason = why;
    }

    TradingState get(TradingScope scope) {
        return states.getOrDefault(scope, TradingState.ACTIVE);
    }

    TradingState global() {
        return get(TradingScope.GLOBAL);
    }

    boolean killEngaged() {
        return killEngaged;
    }

    String killReason() {
        return killReason;
    }

    /** Sets a scope's state and persists; returns the persistence error, or null. */
    String set(TradingScope scope, TradingState state) {
        states.put(scope, state);
        return save();
    }

    String engageKill(String reason) {
        killEngaged = true;
        killReason = reason == null ? "" : reason;
        states.put(TradingScope.GLOBAL, TradingState.HALTED);
        return save();
    }

    String releaseKill() {
        killEngaged = false;
        killReason = "";
        states.put(TradingScope.GLOBAL, TradingState.ACTIVE);
        return save();
    }

    /** Replaces every state and the kill switch with a snapshot's. */
    void restore(Map<TradingScope, TradingState> snapshotStates, boolean kill, String reason) {
        states.clear();
        states.put(TradingScope.GLOBAL, TradingState.ACTIVE);
        states.putAll(snapshotStates);
        killEngaged = kill;
        killReason = reason == null ? "" : reason;
        if (kill) {
            states.put(TradingScope.GLOBAL, TradingState.HALTED);
        }
        save();
    }

    /** Every explicitly set scope, global first then by name. */
    Map<TradingScope, TradingState> snapshot() {
        Map<TradingScope, TradingState> out = new LinkedHashMap<>();
        states.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<TradingScope, TradingState> e) -> e.getKey().kind())
                        .thenComparing(e -> e.getKey().id()))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private String save() {
        Properties properties = new Properties();
        properties.setProperty(KILL, Boolean.toString(killEngaged));
        properties.setProperty(KILL_REASON, killReason);
        states.forEach((scope, state) -> properties.setProperty(STATE_PREFIX + scope, state.name()));
        try {
            Writer text = new StringWriter();
            properties.store(text, "Live Stack trading states and kill switch (written by execution control)");
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = dir.resolve(file.getFileName() + ".tmp");
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(StandardCharsets.UTF_8.encode(text.toString()));
                channel.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return null;
        } catch (IOException | RuntimeException e) {
            LOG.error("Could not persist trading states to {}; they hold in memory only", file, e);
            return "not persisted to " + file + ": " + e;
        }
    }
}
