package io.livestack.export.kafka.internal;

/**
 * Where the export stands: the mark (every record of the events up to it acknowledged), how far the journal is
 * ahead of it (events, and seconds since the mark last moved or caught up), the messages in flight, and what is
 * wrong (null when nothing).
 */
record ExportStatus(long mark, long lagEvents, double lagSeconds, int inFlight, String problem) {
}
