package io.livestack.itests.support;

import io.livestack.testkit.ThrowawayPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.rules.ExternalResource;

/**
 * A PostgreSQL server of the test class's own, in the test JVM (a JUnit 4 class rule over the test kit's
 * {@link ThrowawayPostgres}): started before the class, stopped and its data directory deleted after it, also when a
 * test failed. Put it OUTSIDE a {@code PaxExamServer} ({@code RuleChain.outerRule(postgres).around(server)}) so that
 * the server is up before the container's configuration is made, and stopped only after the container is.
 */
public final class ThrowawayPostgresRule extends ExternalResource {

    private final Path directory;
    private final String whatFor;
    private ThrowawayPostgres server;

    /** A server in {@code directory} (e.g. {@code target/postgres}) for {@code whatFor} (named in errors). */
    public ThrowawayPostgresRule(Path directory, String whatFor) {
        this.directory = directory;
        this.whatFor = whatFor;
    }

    @Override
    protected void before() throws Throwable {
        server = ThrowawayPostgres.start(directory, whatFor);
    }

    @Override
    protected void after() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("stopping " + server + " failed", e);
        } finally {
            server = null;
        }
    }

    /** The running server. */
    public ThrowawayPostgres server() {
        if (server == null) {
            throw new IllegalStateException("the PostgreSQL server of " + whatFor + " is not running (the rule "
                    + "starts it before the class)");
        }
        return server;
    }
}
