package io.livestack.export.kafka.internal;

import org.apache.camel.builder.RouteBuilder;

/**
 * The export route (Java DSL):
 * <pre>
 * livestack-export-kafka-drain    timer ─▶ loop while the journal has records after the export's place
 *                                          (Exporter.nextBatch: read, encode, hand each message to camel-kafka's
 *                                          producer, acknowledged asynchronously to the Exporter's callback)
 * </pre>
 * The drain runs on the timer's thread, never on the processing thread: the chain does not wait on Kafka.
 */
final class ExportRoutes extends RouteBuilder {

    static final String DRAIN = "livestack-export-kafka-drain";

    private final Exporter exporter;
    private final long periodMillis;

    ExportRoutes(Exporter exporter, long periodMillis) {
        this.exporter = exporter;
        this.periodMillis = periodMillis;
    }

    @Override
    public void configure() {
        from("timer:" + DRAIN + "?delay=0&period=" + periodMillis)
                .routeId(DRAIN)
                .autoStartup(false) // started once the sender is there
                .loopDoWhile(e -> exporter.nextBatch()).breakOnShutdown()
                    .setProperty("livestack.export.batch", constant(true)) // the loop's body: the batch was sent
                .end();
    }
}
