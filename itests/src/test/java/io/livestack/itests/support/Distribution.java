package io.livestack.itests.support;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.livestack.testkit.Await;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The real distribution as an operator runs it, outside any container: unpacked from the assembly's tar.gz under
 * {@code target/<dir>/<stamp>}, started with {@code bin/start}, stopped with {@code bin/stop}, killed with SIGKILL
 * (the Karaf JVM named by {@code karaf.pid}), and driven over SSH as the operator. Every wait has a deadline.
 */
public final class Distribution implements AutoCloseable {

    public static final Duration BOOT = Duration.ofMinutes(3);
    static final Duration SSH_TIMEOUT = Duration.ofSeconds(30);
    static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(60);

    private final Path home;
    private int ssh;
    private int http;

    private Distribution(Path home) {
        this.home = home;
    }

    /**
     * Unpacks the distribution under {@code target/<directory>}; SSH, HTTP and JMX on free ports (on loopback: the
     * shipped default).
     */
    public static Distribution unpack(String directory) throws Exception {
        Path tarGz = Path.of(System.getProperty("livestack.distribution",
                "../karaf-assembly/target/livestack-assembly-0.1.0-SNAPSHOT.tar.gz"));
        assertTrue("the distribution " + tarGz + " (build karaf-assembly first)", Files.isRegularFile(tarGz));
        Path target = Path.of("target", directory).toAbsolutePath()
                .resolve(Long.toString(System.currentTimeMillis(), 36));
        Files.createDirectories(target);
        run(target, List.of("tar", "-xzf", tarGz.toAbsolutePath().toString()), PROCESS_TIMEOUT);
        Path home;
        try (Stream<Path> dirs = Files.list(target)) {
            home = dirs.filter(d -> Files.isRegularFile(d.resolve("bin/start"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no bin/start under " + target));
        }
        Distribution d = new Distribution(home);
        int[] ports = LivestackTestSupport.freePorts(4);
        d.http = ports[0];
        d.ssh = ports[1];
        setProperty(d.etc("org.ops4j.pax.web.cfg"), "org.osgi.service.http.port", Integer.toString(ports[0]));
        setProperty(d.etc("org.apache.karaf.shell.cfg"), "sshPort", Integer.toString(d.ssh));
        setProperty(d.etc("org.apache.karaf.management.cfg"), "rmiRegistryPort", Integer.toString(ports[2]));
        setProperty(d.etc("org.apache.karaf.management.cfg"), "rmiServerPort", Integer.toString(ports[3]));
        // as in the Pax Exam tests: the demo's FIX strategy does not trade on the machine-wide demo port 9878
        setProperty(d.etc("livestack.strategy.momentum-mom-fix.cfg"), "livestack.strategy.autoStart", "false");
        return d;
    }

    public Path home() {
        return home;
    }

    /** The HTTP port (Karaf's HTTP service: /livestack/metrics, /livestack/health, the web console). */
    public int httpPort() {
        return http;
    }

    public Path etc(String name) {
        return home.resolve("etc").resolve(name);
    }

    public Path log() {
        return home.resolve("data/log/karaf.log");
    }

    public void start() throws Exception {
        start(Map.of());
    }

    /** bin/start with these environment variables added (e.g. a secret a .cfg reads with {@code $[env:NAME]}). */
    public void start(Map<String, String> environment) throws Exception {
        run(home, List.of("bin/start"), PROCESS_TIMEOUT, environment);
        Await.value("karaf.pid written by the started Karaf", BOOT, this::karafProcess, Optional::isPresent);
    }

    /** The SSH port. */
    public int sshPort() {
        return ssh;
    }

    /** bin/stop, then waits for the JVM to end. */
    public void stop() throws Exception {
        ProcessHandle karaf = karafProcess().orElseThrow(() -> new AssertionError("no Karaf runs"));
        run(home, List.of("bin/stop"), PROCESS_TIMEOUT);
        karaf.onExit().get(BOOT.toSeconds(), TimeUnit.SECONDS);
    }

    /** SIGKILL to the Karaf JVM; returns once it is gone. */
    public void killNine() throws Exception {
        ProcessHandle karaf = karafProcess().orElseThrow(() -> new AssertionError("no Karaf process for karaf.pid"));
        assertTrue("karaf.pid names the Karaf JVM: " + karaf.info(),
                karaf.info().commandLine().orElse("").contains("org.apache.karaf.main.Main"));
        assertTrue("SIGKILL sent", karaf.destroyForcibly());
        karaf.onExit().get(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** The live JVM named by karaf.pid (written by Karaf's launcher at start). */
    public Optional<ProcessHandle> karafProcess() {
        Path pid = home.resolve("karaf.pid");
        try {
            if (!Files.isRegularFile(pid)) {
                return Optional.empty();
            }
            String text = Files.readString(pid).trim();
            return text.isEmpty() ? Optional.empty()
                    : ProcessHandle.of(Long.parseLong(text)).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** One shell command over SSH as the operator; its whole output. */
    public String shell(String command) {
        return shell(command, SSH_TIMEOUT);
    }

    /** ... waiting at most {@code timeout} for it. */
    public String shell(String command, Duration timeout) {
        return shellAs("operator", command, timeout);
    }

    /** One shell command over SSH as one of the demo users (the password is the user name). */
    public String shellAs(String user, String command, Duration timeout) {
        try {
            return SshShell.execute(ssh, user, user, command, timeout).all();
        } catch (Exception e) {
            throw new IllegalStateException("ssh '" + command + "' as " + user + " failed: " + e, e);
        }
    }

    /** The value of one row of {@code livestack:status}, or null. */
    public String status(String property) {
        return table(shell("livestack:status")).stream().filter(r -> r.get(0).equals(property))
                .map(r -> r.get(1)).findFirst().orElse(null);
    }

    public String logSince(long offset) {
        try {
            byte[] all = Files.readAllBytes(log());
            return offset >= all.length ? "" : new String(all, (int) offset, all.length - (int) offset,
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    public long logSize() throws IOException {
        return Files.isRegularFile(log()) ? Files.size(log()) : 0;
    }

    /** Kills what still runs; deletes the unpacked tree unless {@code -Dlivestack.itest.keep=true}. */
    @Override
    public void close() throws Exception {
        karafProcess().ifPresent(p -> {
            p.destroyForcibly();
            p.onExit().orTimeout(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
        });
        if (!Boolean.getBoolean("livestack.itest.keep")) {
            deleteTree(home.getParent());
        }
    }

    /** The header cells of a ShellTable (the line before its separator), trimmed; empty when there is none. */
    public static List<String> header(String output) {
        List<String> lines = output.lines().collect(Collectors.toList());
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).matches("^-+(\\+-+)+$")) {
                List<String> cells = new ArrayList<>();
                for (String cell : lines.get(i - 1).split("\\|", -1)) {
                    cells.add(cell.trim());
                }
                return cells;
            }
        }
        return List.of();
    }

    /** The rows of a ShellTable, each by its column's header (read tables by header name, not position). */
    public static List<java.util.Map<String, String>> rows(String output) {
        List<String> header = header(output);
        return table(output).stream().map(cells -> {
            java.util.Map<String, String> row = new java.util.TreeMap<>();
            for (int i = 0; i < header.size() && i < cells.size(); i++) {
                row.put(header.get(i), cells.get(i));
            }
            return row;
        }).collect(Collectors.toList());
    }

    /** The rows of a ShellTable (header and separator skipped), cells trimmed. */
    public static List<List<String>> table(String output) {
        List<String> lines = output.lines().collect(Collectors.toList());
        int separator = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches("^-+(\\+-+)+$")) {
                separator = i;
                break;
            }
        }
        List<List<String>> rows = new ArrayList<>();
        if (separator < 0) {
            return rows;
        }
        for (String line : lines.subList(separator + 1, lines.size())) {
            if (!line.contains("|")) {
                continue;
            }
            List<String> cells = new ArrayList<>();
            for (String cell : line.split("\\|", -1)) {
                cells.add(cell.trim());
            }
            rows.add(cells);
        }
        return rows;
    }

    /** The value of {@code key} in a .cfg file (the last line setting it), or null. */
    public static String property(Path cfg, String key) throws IOException {
        Pattern line = Pattern.compile("^\\s*" + Pattern.quote(key) + "\\s*[=:]\\s*(.*?)\\s*$");
        String value = null;
        for (String l : Files.readAllLines(cfg)) {
            Matcher m = line.matcher(l);
            if (m.matches()) {
                value = m.group(1);
            }
        }
        return value;
    }

    /** Sets {@code key = value} in a .cfg file: the existing line replaced, else appended. */
    public static void setProperty(Path cfg, String key, String value) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(cfg));
        Pattern line = Pattern.compile("^\\s*" + Pattern.quote(key) + "\\s*[=:].*$");
        boolean replaced = false;
        for (int i = 0; i < lines.size(); i++) {
            if (line.matcher(lines.get(i)).matches()) {
                lines.set(i, key + " = " + value);
                replaced = true;
            }
        }
        if (!replaced) {
            lines.add(key + " = " + value);
        }
        Files.write(cfg, lines);
    }

    static void run(Path dir, List<String> command, Duration timeout) throws Exception {
        run(dir, command, timeout, Map.of());
    }

    static void run(Path dir, List<String> command, Duration timeout, Map<String, String> environment)
            throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("commands.out").toFile()));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().putAll(environment);
        Process p = pb.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not end within " + timeout);
        }
        assertEquals(command + " exit code (see " + dir.resolve("commands.out") + ")", 0, p.exitValue());
    }

    static void deleteTree(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).collect(Collectors.toList())) {
                Files.deleteIfExists(p);
            }
        }
    }
}
