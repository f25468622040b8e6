package io.livestack.storage.internal;

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
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A PostgreSQL server of the test class's own (register it with {@code @RegisterExtension static}): before the
 * first test it runs {@code initdb} into {@code target/postgres/data}, starts the server with {@code pg_ctl} on a
 * free loopback port (Unix socket in {@code target/postgres}, log in {@code target/postgres/server.log}) and sets
 * up the database and user as docs/storage.md tells an operator to (a non-superuser {@code livestack} with
 * password, scram-sha-256 over TCP); after the last test (also when a test or the start failed) it stops the
 * server and deletes its data directory (the log stays). A server left running by a killed earlier run is stopped
 * first.
 *
 * <p>The server binaries come from Debian's {@code postgresql} package ({@code /usr/lib/postgresql/<version>/bin},
 * the highest version; Debian does not put them on the PATH), else from the PATH. Without them the test FAILS
 * with a message saying to run {@code .ci/run} or install PostgreSQL: a skipped portability test would prove
 * nothing. PostgreSQL refuses to run as root: as root, initdb and pg_ctl run as the {@code postgres} user (created
 * by the Debian package) through {@code runuser}, in a directory owned by that user; when that user cannot reach
 * {@code target/} (a clone inside a private home) or the socket path would be too long, a fresh directory under
 * {@code java.io.tmpdir} is used instead and deleted afterwards (its log copied to {@code target/postgres}).
 */
final class ThrowawayPostgres implements BeforeAllCallback, AfterAllCallback {

    static final String DATABASE = "livestack";
    static final String USER = "livestack";
    private static final String PASSWORD = "livestack-test";
    private static final String SUPERUSER = "postgres";
    private static final String SUPERUSER_PASSWORD = "postgres-test";
    /** The server's OS account when the tests run as root. */
    private static final String SERVER_OS_USER = "postgres";
    private static final Path DEBIAN_VERSIONS = Path.of("/usr/lib/postgresql");
    /** sun_path holds 108 bytes with the terminating NUL. */
    private static final int MAX_SOCKET_PATH = 107;
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);
    private static final int START_ATTEMPTS = 3;

    private Path bin;
    private List<String> asServerUser = List.of();
    private Path target;
    private Path base;
    private boolean baseIsTemporary;
    private boolean running;
    private int port;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        bin = binaries().orElseThrow(() -> new AssertionError("PostgreSQL server binaries (initdb, pg_ctl) not "
                + "found under " + DEBIAN_VERSIONS + "/*/bin or on the PATH. " + context.getDisplayName()
                + " starts a throwaway PostgreSQL server of its own: run .ci/run (it installs Debian's postgresql "
                + "package) or install PostgreSQL (apt-get install postgresql)."));
        if (new UnixSystem().getUid() == 0) {
            asServerUser = List.of(runuser(), "-u", SERVER_OS_USER, "--");
        }
        try {
            prepareDirectory();
            initdb();
            start();
            createDatabaseAndUser();
        } catch (Exception | AssertionError e) {
            try {
                stop();
            } catch (Exception | AssertionError stopFailed) {
                e.addSuppressed(stopFailed);
            }
            throw e;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        stop();
    }

    /** The {@code livestack} database as the {@code livestack} user. */
    DataSource dataSource() {
        return dataSource(DATABASE, USER, PASSWORD);
    }

    /** The same, its search path set to {@code schema} (created when missing), for a test of its own. */
    DataSource dataSource(String schema) throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
        }
        PGSimpleDataSource ds = (PGSimpleDataSource) dataSource();
        ds.setCurrentSchema(schema);
        return ds;
    }

    private Path log() {
        return base.resolve("server.log");
    }

    private DataSource dataSource(String database, String user, String password) {
        if (!running) {
            throw new IllegalStateException("the PostgreSQL server is not running");
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"127.0.0.1"});
        ds.setPortNumbers(new int[] {port});
        ds.setDatabaseName(database);
        ds.setUser(user);
        ds.setPassword(password);
        ds.setConnectTimeout(10);
        return ds;
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

    private void prepareDirectory() throws Exception {
        target = Path.of("target", "postgres").toAbsolutePath();
        stopLeftover(target.resolve("data"));
        deleteRecursively(target);
        Files.createDirectories(target);
        giveToServerUser(target);
        if (usable(target)) {
            base = target;
            return;
        }
        base = Files.createTempDirectory("livestack-postgres").toAbsolutePath();
        baseIsTemporary = true;
        giveToServerUser(base);
        if (!usable(base)) {
            throw new AssertionError("neither " + target + " nor " + base + " can hold the PostgreSQL server's "
                    + "files (reachable by the server's user '" + SERVER_OS_USER + "' and short enough for a Unix "
                    + "socket path)");
        }
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
        run(List.of(bin.resolve("initdb").toString(), "-D", data().toString(), "-U", SUPERUSER,
                "--pwfile=" + passwordFile, "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8",
                "--locale=C", "--no-sync"));
    }

    private void start() throws IOException {
        for (int attempt = 1;; attempt++) {
            port = freeLoopbackPort();
            // fsync=off: a throwaway server (durability is not what this test is about), a second less per run
            String options = "-p " + port + " -c listen_addresses=127.0.0.1 -c fsync=off -k '" + base + "'";
            Result started = exec(command(List.of(pgCtl(), "start", "-D", data().toString(), "-l", log().toString(),
                    "-w", "-t", "60", "-o", options)));
            if (started.exitCode() == 0) {
                running = true;
                return;
            }
            String log = Files.exists(log()) ? Files.readString(log()) : "";
            if (attempt == START_ATTEMPTS || !log.contains("could not bind")) {
                throw new AssertionError("pg_ctl start failed (exit " + started.exitCode() + "):\n"
                        + started.output() + "\n" + log() + ":\n" + log);
            }
            // the port was taken between choosing it and the server binding it: another port
        }
    }

    /** The operator's steps of docs/storage.md ("PostgreSQL instead of H2", step 1), as the superuser. */
    private void createDatabaseAndUser() throws SQLException {
        try (Connection c = dataSource("postgres", SUPERUSER, SUPERUSER_PASSWORD).getConnection();
                Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + DATABASE);
            st.execute("CREATE USER " + USER + " PASSWORD '" + PASSWORD + "'");
            st.execute("GRANT ALL ON DATABASE " + DATABASE + " TO " + USER);
        }
        try (Connection c = dataSource(DATABASE, SUPERUSER, SUPERUSER_PASSWORD).getConnection();
                Statement st = c.createStatement()) {
            st.execute("GRANT ALL ON SCHEMA public TO " + USER);
        }
    }

    private void stop() throws IOException {
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
            if (baseIsTemporary) {
                if (Files.exists(log())) {
                    Files.copy(log(), target.resolve("server.log"), StandardCopyOption.REPLACE_EXISTING);
                }
                deleteRecursively(base);
            } else if (base != null && !running) {
                deleteRecursively(data()); // ~40 MB; server.log stays for reading
            }
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
