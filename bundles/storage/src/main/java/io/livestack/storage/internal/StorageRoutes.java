package io.livestack.storage.internal;

import org.apache.camel.builder.RouteBuilder;

/**
 * The storage routes (Java DSL). One writer thread (the drain timer's) moves records in batches:
 * <pre>
 * livestack-storage-drain    timer ─▶ loop while the buffer has a batch ─▶ direct:livestack-storage-write
 * livestack-storage-write    one transaction for the whole batch, then the durability statement
 *   ├─ RecordRejectedException (the database refuses some content) ─▶ direct:livestack-storage-isolate
 *   └─ StorageUnavailableException (the database is unreachable)    ─▶ keep the batch, retry after a pause
 * livestack-storage-isolate  record by record: written / already there (replay) / dead letter
 * </pre>
 * The timer only wakes an idle writer; a busy writer loops without waiting, and records arriving in memory wake it
 * at once.
 */
final class StorageRoutes extends RouteBuilder {

    static final String DRAIN = "livestack-storage-drain";
    static final String WRITE = "livestack-storage-write";
    static final String ISOLATE = "livestack-storage-isolate";

    private final RecordStore store;
    private final long periodMillis;

    StorageRoutes(RecordStore store, long periodMillis) {
        this.store = store;
        this.periodMillis = periodMillis;
    }

    @Override
    public void configure() {
        onException(RecordRejectedException.class)
                .handled(true)
                .to("direct:" + ISOLATE);
        onException(StorageUnavailableException.class)
                .handled(true)
                .process(store::writeFailed);

        from("timer:" + DRAIN + "?delay=0&period=" + periodMillis)
                .routeId(DRAIN)
                .loopDoWhile(store::nextBatch).breakOnShutdown()
                    .to("direct:" + WRITE)
                .end();

        from("direct:" + WRITE)
                .routeId(WRITE)
                .process(store::writeBatch);

        from("direct:" + ISOLATE)
                .routeId(ISOLATE)
                .process(store::isolate);
    }
}
