package io.livestack.itests.support;

import io.livestack.testkit.ThrowawayKafka;
import java.nio.file.Path;
import org.junit.rules.ExternalResource;

/**
 * A Kafka broker of the test class's own (a JUnit 4 class rule over the test kit's {@link ThrowawayKafka}): started
 * before the class, always stopped after it. Put it OUTSIDE a {@code PaxExamServer} so that the broker is up before
 * the container's configuration names its port.
 */
public final class KafkaBrokerRule extends ExternalResource {

    private final Path directory;
    private ThrowawayKafka broker;

    /** A broker in {@code directory} (e.g. {@code target/kafka-broker}). */
    public KafkaBrokerRule(Path directory) {
        this.directory = directory;
    }

    @Override
    protected void before() throws Throwable {
        broker = ThrowawayKafka.start(directory);
    }

    @Override
    protected void after() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    /** The running broker. */
    public ThrowawayKafka broker() {
        if (broker == null) {
            throw new IllegalStateException("the Kafka broker is not running (the rule starts it before the class)");
        }
        return broker;
    }
}
