package io.livestack.itests.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The FIX exchange simulator in a JVM of its own ({@code StandaloneExchange}), so that it outlives every crash of
 * the Live Stack: a venue with its own account of what it executed. Started from the test's classpath (the simulator
 * bundle, QuickFIX/J, MINA, SLF4J, livestack-api are on it), asked over its standard input.
 */
public final class ExternalFixExchange implements AutoCloseable {

    static final Duration ANSWER = Duration.ofSeconds(30);
    static final String MAIN = "io.livestack.fix.exchange.sim.internal.StandaloneExchange";

    private final Process process;
    private final BufferedReader out;
    private final PrintWriter in;
    private final int port;

    private ExternalFixExchange(Process process, BufferedReader out, int port) {
        this.process = process;
        this.out = out;
        this.in = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
        this.port = port;
    }

    /**
     * Starts it with the settings file {@code cfg} (the distribution's etc/livestack.fixsim.cfg) and overrides
     * ({@code key=value}); its data and {@code stderr} go under {@code dir}.
     */
    public static ExternalFixExchange start(Path cfg, Path dir, List<String> overrides) throws Exception {
        Files.createDirectories(dir);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"), MAIN, cfg.toString()));
        command.add("storeDir=" + dir.resolve("store"));
        command.add("logDir=" + dir.resolve("log"));
        command.addAll(overrides);
        Process p = new ProcessBuilder(command).directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("stderr.txt").toFile())).start();
        BufferedReader first = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return first.readLine();
            } catch (IOException e) {
                return null;
            }
        }).get(ANSWER.toSeconds(), TimeUnit.SECONDS);
        if (line == null || !line.startsWith("LISTENING ")) {
            p.destroyForcibly();
            throw new AssertionError("the external FIX exchange did not start (" + line + "), see "
                    + dir.resolve("stderr.txt") + ": " + Files.readString(dir.resolve("stderr.txt")));
        }
        return new ExternalFixExchange(p, first, Integer.parseInt(line.substring(10).trim()));
    }

    public int port() {
        return port;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** Every fill the venue reported to {@code client}: "execId clOrdId symbol side quantity price". */
    public List<String> fills(String client) throws Exception {
        return ask("fills " + client, "FILL ");
    }

    /** The client's orders still open at the venue: "clOrdId symbol side leavesQty". */
    public List<String> openOrders(String client) throws Exception {
        return ask("orders " + client, "ORDER ");
    }

    private synchronized List<String> ask(String command, String prefix) throws Exception {
        if (!process.isAlive()) {
            throw new AssertionError("the external FIX exchange died (exit " + process.exitValue() + ")");
        }
        in.println(command);
        return CompletableFuture.supplyAsync(() -> {
            List<String> lines = new ArrayList<>();
            try {
                String line;
                while ((line = out.readLine()) != null && !line.equals("END")) {
                    if (!line.startsWith(prefix)) {
                        throw new IllegalStateException("the exchange answered '" + line + "' to " + command);
                    }
                    lines.add(line.substring(prefix.length()));
                }
                if (line == null) {
                    throw new IllegalStateException("the exchange closed its output");
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return lines;
        }).get(ANSWER.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            in.println("quit");
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
