package io.livestack.itests.chain;

import io.livestack.export.kafka.internal.KafkaBenchSupport;
import java.nio.file.Path;

/**
 * Kafka export benchmark (a main, not a test; prints figures, never fails the build): the export's real service
 * (CamelContext, camel-kafka's producer, the exporter over an in-memory journal) beside a bare KafkaProducer sending
 * the same messages to the same broker in the same run — a KRaft broker from Kafka's own jars, started here under
 * {@code itests/chain/target/kafka-bench/} (the class path {@code itests/kafka-broker} resolves):
 * <pre>
 * mvn -B -q install -pl itests/kafka-broker
 * mvn -B -q -pl itests/chain test-compile exec:java -Dexec.classpathScope=test -Dexec.cleanupDaemonThreads=false \
 *     -Dexec.mainClass=io.livestack.itests.chain.KafkaExportBenchmark \
 *     [-Dbench.records=200000] [-Dbench.rate=5000] [-Dbench.seconds=10]
 * </pre>
 * The work is {@link KafkaBenchSupport}; figures and their reading in docs/benchmarks.md ("Kafka export").
 */
public final class KafkaExportBenchmark {

    private KafkaExportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path target = Path.of(KafkaExportBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .getParent();
        if (System.getProperty(io.livestack.testkit.ThrowawayKafka.CLASSPATH_PROPERTY) == null) {
            System.setProperty(io.livestack.testkit.ThrowawayKafka.CLASSPATH_PROPERTY, target.getParent()
                    .resolveSibling("kafka-broker").resolve("target").resolve("broker.classpath").toString());
        }
        KafkaBenchSupport.run(target.resolve("kafka-bench"), Integer.getInteger("bench.records", 200_000),
                Integer.getInteger("bench.rate", 5_000), Integer.getInteger("bench.seconds", 10), System.out);
        System.exit(0);
    }
}
