package io.livestack.testkit;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of a test's own, plain Java (JUnit adapters wrap it: bundles/storage's JUnit 5 extension,
 * the itests' JUnit 4 rule). {@link #start} runs {@code initdb} into {@code <directory>/data}, starts the server with
 * {@code pg_ctl} on a free loopback port (Unix socket in {@code <directory>}, log in {@code <directory>/server.log},
 * {@code fsync=off}: the server is thrown away) and sets up the database and user as docs/storage.md tells an
 * operator to (database {@value #DATABASE}, a non-superuser {@value #USER} with a password, scram-sha-256 over TCP,
 * {@code GRANT ALL ON SCHEMA public}). {@link #close} stops the server and deletes its data directory (the log
 * stays); a failed start stops what it started before it throws. A server left running in {@code <directory>} by a
 * killed earlier run is stopped first.
 *
 * <p>The server binaries come from Debian's {@code postgresql} package ({@code /usr/lib/postgresql/<version>/bin},
 * the highest version; Debian does not put them on the PATH), else from the PATH. Without them {@link #start} FAILS
 * with a message saying to run {@code .ci/run} or install PostgreSQL: a skipped PostgreSQL test would prove nothing.
 * PostgreSQL refuses to run as root: as root, initdb and pg_ctl run as the {@code postgres} user (created by the
 * Debian package) through {@code runuser}, in a directory owned by that user; when that user cannot reach
 * {@code <directory>} (a clone inside a private home) or the socket path would be too long, a fresh directory under
 * {@code java.io.tmpdir} (else {@code /tmp}) is used instead and deleted afterwards (its log copied to
 * {@code <directory>}).
 *
 * <p>Connecting needs the PostgreSQL JDBC driver ({@code org.postgresql:postgresql}) on the caller's class path;
 * this class only uses {@link DriverManager}.
 */
public final class ThrowawayPostgres implements AutoCloseable {

    public static final String DATABASE = "livestack";
    public static final String USER = "livestack";
    public static final String PASSWORD = "livestack-test";
    public static final String HOST = "127.0.0.1";
    private static final String SUPERUSER = "postgres";
    private static final String SUPERUSER_PASSWORD = "postgres-test";
    /** The server's OS account when the tests run as root. */
    private static final String SERVER_OS_USER = "postgres";
    private static final Path DEBIAN_VERSIONS = Path.of("/usr/lib/postgresql");
    /** sun_path holds 108 bytes with the terminating NUL. */
    private static final int MAX_SOCKET_PATH = 107;
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);
    private static final int START_ATTEMPTS = 3;
    private static final int CONNECT_TIMEOUT_SECONDS = 10;

    private final Path bin;
    private final List<String> asServerUser;
    private final Path target;
    private Path base;
    private boolean baseIsTemporary;
    private boolean running;
    private int port;

    private ThrowawayPostgres(Path bin, List<String> asServerUser, Path target) {
        this.bin = bin;
        this.asServerUser = asServerUser;
        this.target = target;
    }

    /**
     * Starts a fresh server in {@code directory} (deleted and created again; e.g. {@code target/postgres}) for
     * {@code whatFor} (named in the error when the binaries are missing, e.g. the test class).
     *
     * @throws AssertionError when the server cannot be set up, saying why (binaries missing, pg_ctl's output and the
     *         server's log, ...)
     */
    public static ThrowawayPostgres start(Path directory, String whatFor) throws IOException, SQLException {
        Path bin = binaries().orElseThrow(() -> new AssertionError("PostgreSQL server binaries (initdb, pg_ctl) not "
                + "found under " + DEBIAN_VERSIONS + "/*/bin or on the PATH. " + whatFor + " starts a throwaway "
                + "PostgreSQL server of its own: run .ci/run (it installs Debian's postgresql package) or install "
                + "PostgreSQL (apt-get install postgresql)."));
        List<String> asServerUser = new UnixSystem().getUid() == 0
                ? List.of(runuser(), "-u", SERVER_OS_USER, "--") : List.of();
        ThrowawayPostgres server = new ThrowawayPostgres(bin, asServerUser, directory.toAbsolutePath());
        try {
            server.prepareDirectory();
            server.initdb();
            server.startServer();
            server.createDatabaseAndUser();
        } catch (IOException | SQLException | RuntimeException | AssertionError e) {
            try {
                server.close();
            } catch (IOException | RuntimeException | AssertionError stopFailed) {
                e.addSuppressed(stopFailed);
            }
            throw e;
        }
        return server;
    }

    /** The TCP port the server listens on (on {@value #HOST}). */
    public int port() {
        requireRunning();
        return port;
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/livestack}. */
    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    /** A new connection to the {@value #DATABASE} database as the {@value #USER} user. */
    public Connection connect() throws SQLException {
        return connect(DATABASE, USER, PASSWORD);
    }

    /** The server's log (in {@code <directory>} after {@link #close()}). */
    public Path log() {
        return (base != null ? base : target).resolve("server.log");
    }

    /** Stops the server (fast, else immediate) and deletes its data directory; the log stays. Idempotent. */
    @Override
    public void close() throws IOException {
        try {
            if (running) {
                Result stopped = exec(command(List.of(pgCtl(), "stop", "-D", data().toString(), "-m", "fast", "-w",
                        "-t", "60")));
                if (stopped.exitCode() != 0) {
                    run(List.of(pgCtl(), "stop", "-D", data().toString(), "-m", "immediate", "-w", "-t", "30"));
                }
                running = false;
            }
        } finally {
            if (base != null && !running) {
                if (baseIsTemporary) {
                    Path log = base.resolve("server.log");
                    if (Files.exists(log)) {
                        Files.copy(log, target.resolve("server.log"), StandardCopyOption.REPLACE_EXISTING);
                    }
                    deleteRecursively(base);
                } else {
                    deleteRecursively(data()); // ~40 MB; server.log stays for reading
                }
                base = null;
            }
        }
    }

    @Override
    public String toString() {
        return "PostgreSQL " + (running ? "at " + jdbcUrl() : "(stopped)") + ", log " + log();
    }

    // ------------------------------------------------------------------------------------------ set-up

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + port() + "/" + database;
    }

    private Connection connect(String database, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        try {
            return DriverManager.getConnection(jdbcUrl(database), properties);
        } catch (SQLException e) {
            if ("08001".equals(e.getSQLState()) && e.getMessage() != null
                    && e.getMessage().startsWith("No suitable driver")) {
                throw new SQLException("no JDBC driver for " + jdbcUrl(database) + ": the PostgreSQL JDBC driver "
                        + "(org.postgresql:postgresql) must be on the test class path", e.getSQLState(), e);
            }
            throw e;
        }
    }

    private void requireRunning() {
        if (!running) {
            throw new IllegalStateException("the PostgreSQL server is not running");
        }
    }

    private static Optional<Path> binaries() throws IOException {
        if (Files.isDirectory(DEBIAN_VERSIONS)) {
            try (Stream<Path> versions = Files.list(DEBIAN_VERSIONS)) {
                Optional<Path> newest = versions.map(v -> v.resolve("bin")).filter(ThrowawayPostgres::hasServer)
                        .max(Comparator.comparingInt(ThrowawayPostgres::majorVersion));
                if (newest.isPresent()) {
                    return newest;
                }
            }
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .filter(s -> !s.isBlank()).map(Path::of).filter(ThrowawayPostgres::hasServer).findFirst();
    }

    private static boolean hasServer(Path dir) {
        return Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("pg_ctl"));
    }

    private static int majorVersion(Path binDir) {
        try {
            return Integer.parseInt(binDir.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String runuser() {
        return Stream.of("/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser").filter(p -> Files.isExecutable(
                Path.of(p))).findFirst().orElseThrow(() -> new AssertionError("running as root: PostgreSQL refuses "
                        + "to run as root and runuser (util-linux) is not there to run it as '" + SERVER_OS_USER
                        + "'"));
    }

    private void prepareDirectory() throws IOException {
        stopLeftover(target.resolve("data"));
        deleteRecursively(target);
        Files.createDirectories(target);
        giveToServerUser(target);
        if (usable(target)) {
            base = target;
            return;
        }
        List<Path> tried = new ArrayList<>(List.of(target));
        for (Path parent : List.of(Path.of(System.getProperty("java.io.tmpdir")), Path.of("/tmp"))) {
            if (!Files.isDirectory(parent)) {
                continue;
            }
            Path candidate = Files.createTempDirectory(parent, "livestack-postgres").toAbsolutePath();
            giveToServerUser(candidate);
            if (usable(candidate)) {
                base = candidate;
                baseIsTemporary = true;
                return;
            }
            deleteRecursively(candidate);
            tried.add(candidate);
        }
        throw new AssertionError("none of " + tried + " can hold the PostgreSQL server's files (reachable by the "
                + "server's user '" + SERVER_OS_USER + "' and short enough for a Unix socket path)");
    }

    /** A server left running by an earlier run that was killed before it could stop it. */
    private void stopLeftover(Path data) {
        if (Files.exists(data.resolve("postmaster.pid"))) {
            try {
                run(List.of(pgCtl(), "stop", "-D", data.toString(), "-m", "immediate", "-w", "-t", "30"));
            } catch (RuntimeException | AssertionError e) {
                // not running any more: the directory is simply deleted
            }
        }
    }

    private void giveToServerUser(Path dir) throws IOException {
        if (asServerUser.isEmpty()) {
            return;
        }
        UserPrincipal owner;
        try {
            owner = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(SERVER_OS_USER);
        } catch (UserPrincipalNotFoundException e) {
            throw new AssertionError("running as root: PostgreSQL refuses to run as root and there is no '"
                    + SERVER_OS_USER + "' user to run it as (Debian's postgresql package creates it: run .ci/run "
                    + "or apt-get install postgresql)", e);
        }
        Files.setOwner(dir, owner);
    }

    private boolean usable(Path dir) {
        if (dir.resolve(".s.PGSQL.65535").toString().getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
            return false;
        }
        List<String> probe = new ArrayList<>(asServerUser);
        probe.addAll(List.of("test", "-w", dir.toString()));
        return exec(probe).exitCode() == 0;
    }

    private void initdb() throws IOException {
        Path passwordFile = base.resolve("superuser.pw");
        Files.writeString(passwordFile, SUPERUSER_PASSWORD + "\n");
        giveToServerUser(passwordFile);
        try {
            run(List.of(bin.resolve("initdb").toString(), "-D", data().toString(), "-U", SUPERUSER,
                    "--pwfile=" + passwordFile, "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8",
                    "--locale=C", "--no-sync"));
        } finally {
            Files.deleteIfExists(passwordFile);
        }
    }

    private void startServer() throws IOException {
        Path log = base.resolve("server.log");
        for (int attempt = 1;; attempt++) {
            port = freeLoopbackPort();
            // fsync=off: a throwaway server (durability is not what these tests are about), a second less per run
            String options = "-p " + port + " -c listen_addresses=" + HOST + " -c fsync=off -k '" + base + "'";
            Result started = exec(command(List.of(pgCtl(), "start", "-D", data().toString(), "-l", log.toString(),
                    "-w", "-t", "60", "-o", options)));
            if (started.exitCode() == 0) {
                running = true;
                return;
            }
            String text = Files.exists(log) ? Files.readString(log) : "";
            if (attempt == START_ATTEMPTS || !text.contains("could not bind")) {
                throw new AssertionError("pg_ctl start failed (exit " + started.exitCode() + "):\n"
                        + started.output() + "\n" + log + ":\n" + text);
            }
            // the port was taken between choosing it and the server binding it: another port
        }
    }

    /** The operator's steps of docs/storage.md ("PostgreSQL instead of H2", step 1), as the superuser. */
    private void createDatabaseAndUser() throws SQLException {
        try (Connection c = connect("postgres", SUPERUSER, SUPERUSER_PASSWORD); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + DATABASE);
            st.execute("CREATE USER " + USER + " PASSWORD '" + PASSWORD + "'");
            st.execute("GRANT ALL ON DATABASE " + DATABASE + " TO " + USER);
        }
        try (Connection c = connect(DATABASE, SUPERUSER, SUPERUSER_PASSWORD); Statement st = c.createStatement()) {
            st.execute("GRANT ALL ON SCHEMA public TO " + USER);
        }
    }

    private Path data() {
        return base.resolve("data");
    }

    private String pgCtl() {
        return bin.resolve("pg_ctl").toString();
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private List<String> command(List<String> command) {
        List<String> full = new ArrayList<>(asServerUser);
        full.addAll(command);
        return full;
    }

    /** Runs a PostgreSQL program as the server's user; fails with its output unless it exits with 0. */
    private void run(List<String> command) {
        Result result = exec(command(command));
        if (result.exitCode() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed (exit " + result.exitCode() + "):\n"
                    + result.output());
        }
    }

    private record Result(int exitCode, String output) {
    }

    private Result exec(List<String> command) {
        try {
            Path output = Files.createTempFile("livestack-postgres-cmd", ".out");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).directory(base == null ? null : base.toFile());
                builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
                Process process = builder.start();
                if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError(String.join(" ", command) + " did not finish within " + COMMAND_TIMEOUT
                            + ":\n" + Files.readString(output));
                }
                return new Result(process.exitValue(), Files.readString(output));
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
