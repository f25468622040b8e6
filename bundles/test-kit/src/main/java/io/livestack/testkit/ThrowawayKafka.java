package io.livestack.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Kafka broker for a test or a benchmark, in KRaft mode (broker and controller in one process), from Kafka's
 * own server jars — the class path the {@code itests/kafka-broker} module resolved into {@code broker.classpath}
 * (system property {@value #CLASSPATH_PROPERTY}). No Docker: {@code java -cp ... kafka.Kafka server.properties} after
 * {@code kafka.tools.StorageTool format}, on free ports, its data and logs ({@code broker-N.log}) in its own folder
 * (emptied first). {@link #stop()} and {@link #start()} make an outage (same ports, same data: the topics and their
 * messages survive); {@link #close()} stops it for good.
 */
public final class ThrowawayKafka implements AutoCloseable {

    public static final String CLASSPATH_PROPERTY = "livestack.itest.kafkaClasspath";
    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration STOP = Duration.ofSeconds(30);
    /** What the broker logs once it serves clients. */
    private static final String STARTED = "Transition from STARTING to STARTED";

    private final Path directory;
    private final int port;
    private final int controllerPort;
    private Process process;
    private int starts;

    private ThrowawayKafka(Path directory) throws IOException {
        this.directory = directory.toAbsolutePath();
        this.port = freePort();
        this.controllerPort = freePort();
    }

    /** Formats a new broker's storage in {@code directory} (emptied first) and starts it on free ports. */
    public static ThrowawayKafka start(Path directory) throws IOException, InterruptedException {
        ThrowawayKafka kafka = new ThrowawayKafka(directory);
        kafka.format();
        kafka.start();
        return kafka;
    }

    /** host:port for the clients. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    private void format() throws IOException, InterruptedException {
        deleteTree(directory);
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("server.properties"), String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + directory.resolve("data"),
                "num.partitions=3",
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0", ""), StandardCharsets.UTF_8);
        byte[] id = new byte[16];
        new SecureRandom().nextBytes(id);
        String clusterId = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        Process format = java(List.of("kafka.tools.StorageTool", "format", "-t", clusterId, "-c",
                directory.resolve("server.properties").toString()), directory.resolve("format.log"));
        if (!format.waitFor(START.toSeconds(), TimeUnit.SECONDS) || format.exitValue() != 0) {
            format.destroyForcibly();
            throw new IllegalStateException("formatting the broker's storage failed: "
                    + Files.readString(directory.resolve("format.log")));
        }
    }

    /** Starts the broker (again, after {@link #stop()}) and waits until it serves clients. */
    public synchronized void start() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the broker is running");
        }
        starts++;
        Path log = directory.resolve("broker-" + starts + ".log");
        process = java(List.of("kafka.Kafka", directory.resolve("server.properties").toString()), log);
        Process p = process;
        Await.until("the Kafka broker on port " + port + " started (" + log + ")", START, Duration.ofMillis(200),
                () -> {
                    if (!p.isAlive()) {
                        throw new IllegalStateException("the broker exited with " + p.exitValue() + ": see " + log);
                    }
                    return logSays(log, STARTED) && accepts(port);
                });
    }

    /** Stops the broker (a clean shutdown, as an operator's restart would) and waits until it is gone. */
    public synchronized void stop() {
        Process p = process;
        process = null;
        if (p == null) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(STOP.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(STOP.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public String toString() {
        return "Kafka broker " + bootstrapServers() + " in " + directory;
    }

    private Process java(List<String> args, Path log) throws IOException {
        String classpathFile = System.getProperty(CLASSPATH_PROPERTY);
        if (classpathFile == null || !Files.isRegularFile(Path.of(classpathFile))) {
            throw new IllegalStateException("no broker class path: system property " + CLASSPATH_PROPERTY + " = "
                    + classpathFile + " (built by the itests/kafka-broker module)");
        }
        String classpath = Files.readString(Path.of(classpathFile)).trim();
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xms128m", "-Xmx384m",
                "-XX:+UseSerialGC", "-Djava.io.tmpdir=" + directory, "-cp", classpath));
        command.addAll(args);
        return new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
    }

    private static boolean logSays(Path log, String text) {
        try {
            return Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
