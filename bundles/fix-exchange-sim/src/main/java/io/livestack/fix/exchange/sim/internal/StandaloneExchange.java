package io.livestack.fix.exchange.sim.internal;

import io.livestack.api.model.Fixed;
import io.livestack.fix.exchange.sim.ExchangeControl.ClientFill;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The FIX exchange simulator as a process of its own, outside any Karaf: a venue that outlives a crash of the Live
 * Stack (the kill -9 tests) and can be run beside a distribution by hand. Classpath: this bundle, livestack-api,
 * QuickFIX/J (core and the message jars), MINA, SLF4J.
 * <pre>
 *   java -cp ... io.livestack.fix.exchange.sim.internal.StandaloneExchange SETTINGS.cfg [key=value ...]
 * </pre>
 * The settings are those of {@code etc/livestack.fixsim.cfg}; {@code key=value} arguments override them. Data
 * (FIX stores and logs) go under {@code storeDir}/{@code logDir}, by default {@code ./fixsim-data}. It prints
 * {@code LISTENING <port>} once the acceptor listens, then answers commands on standard input, one per line, each
 * answer ending with a line {@code END}:
 * <ul>
 * <li>{@code fills CLIENT}: {@code FILL execId clOrdId symbol side quantity price} per fill reported to CLIENT;</li>
 * <li>{@code orders CLIENT}: {@code ORDER clOrdId symbol side leavesQty} per order of CLIENT still open;</li>
 * <li>{@code quit} (or end of input): closes the acceptor and exits.</li>
 * </ul>
 * An unknown command is answered {@code ERROR unknown command: ...}; a settings file that cannot be read or a bad
 * value exits with status 2 and the reason on standard error.
 */
public final class StandaloneExchange {

    private StandaloneExchange() {
    }

    public static void main(String[] args) throws Exception {
        FixExchange exchange;
        try {
            exchange = new FixExchange(settings(args), Clock.systemUTC());
            exchange.start();
        } catch (IOException | IllegalArgumentException | quickfix.ConfigError e) {
            System.err.println("fixsim: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println("LISTENING " + exchange.port());
        System.out.flush();
        try {
            serve(exchange, new InputStreamReader(System.in, StandardCharsets.UTF_8), System.out);
        } finally {
            exchange.close();
        }
    }

    static SimSettings settings(String[] args) throws IOException {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: StandaloneExchange SETTINGS.cfg [key=value ...]");
        }
        Properties file = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
            file.load(r);
        }
        Map<String, Object> p = new HashMap<>();
        file.forEach((k, v) -> p.put(k.toString(), v.toString().trim()));
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("argument " + args[i] + ": expected key=value");
            }
            p.put(args[i].substring(0, eq).trim(), args[i].substring(eq + 1).trim());
        }
        return SimSettings.parse(p, Path.of("fixsim-data").toAbsolutePath());
    }

    /** Answers the commands read from {@code in} until {@code quit} or its end. */
    static void serve(FixExchange exchange, Reader in, PrintStream out) throws IOException {
        BufferedReader lines = new BufferedReader(in);
        String line;
        while ((line = lines.readLine()) != null) {
            String[] words = line.trim().split("\\s+");
            switch (words[0]) {
                case "" -> {
                    continue;
                }
                case "quit" -> {
                    return;
                }
                case "fills" -> {
                    if (words.length == 2) {
                        for (ClientFill f : exchange.fills(words[1])) {
                            out.println("FILL " + f.execId() + " " + f.clOrdId() + " " + f.symbol() + " " + f.side()
                                    + " " + Fixed.format(f.quantity()) + " " + Fixed.format(f.price()));
                        }
                    } else {
                        out.println("ERROR usage: fills CLIENT");
                    }
                }
                case "orders" -> {
                    if (words.length == 2) {
                        exchange.openOrders(words[1]).forEach(o -> out.println("ORDER " + o));
                    } else {
                        out.println("ERROR usage: orders CLIENT");
                    }
                }
                default -> out.println("ERROR unknown command: " + line.trim());
            }
            out.println("END");
            out.flush();
        }
    }
}
