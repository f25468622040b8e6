package io.livestack.storage.internal;

import org.apache.camel.builder.RouteBuilder;

/**
 * The storage routes (Java DSL). One writer thread (the drain timer's) projects the journal in batches:
 * <pre>
 * livestack-storage-drain    timer ─▶ loop while the journal has events after the mark
 *                                     ─▶ direct:livestack-storage-write
 * livestack-storage-write    one transaction: the batch's records and the mark they reach; then the durability
 *                            statement
 *   ├─ RecordRejectedException (the database refuses some content) ─▶ direct:livestack-storage-isolate
 *   └─ StorageUnavailableException (the database is unreachable)    ─▶ keep the batch, retry after a pause
 * livestack-storage-isolate  record by record: written / already there / dead letter; then the mark
 * </pre>
 * The timer wakes a writer that found nothing new; a writer with more to read loops without waiting.
 */
final class StorageRoutes extends RouteBuilder {

    static final String DRAIN = "livestack-storage-drain";
    static final String WRITE = "livestack-storage-write";
    static final String ISOLATE = "livestack-storage-isolate";

    private final Projector projector;
    private final long periodMillis;

    StorageRoutes(Projector projector, long periodMillis) {
        this.projector = projector;
        this.periodMillis = periodMillis;
    }

    @Override
    public void configure() {
        onException(RecordRejectedException.class)
                .handled(true)
                .to("direct:" + ISOLATE);
        onException(StorageUnavailableException.class)
                .handled(true)
                .process(projector::writeFailed);

        from("timer:" + DRAIN + "?delay=0&period=" + periodMillis)
                .routeId(DRAIN)
                .loopDoWhile(projector::nextBatch).breakOnShutdown()
                    .to("direct:" + WRITE)
                .end();

        from("direct:" + WRITE)
                .routeId(WRITE)
                .process(projector::writeBatch);

        from("direct:" + ISOLATE)
                .routeId(ISOLATE)
                .process(projector::isolate);
    }
}
