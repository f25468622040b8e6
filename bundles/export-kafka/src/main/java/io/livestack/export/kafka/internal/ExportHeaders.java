package io.livestack.export.kafka.internal;

import org.apache.camel.Exchange;
import org.apache.camel.spi.HeaderFilterStrategy;

/**
 * Which Camel headers camel-kafka turns into Kafka headers: the export's own ({@code livestack.*}) and nothing else.
 * A prefix test instead of the default strategy's regular expression per header, which was a visible part of the
 * cost of a message.
 */
final class ExportHeaders implements HeaderFilterStrategy {

    static final String PREFIX = "livestack.";

    /** True: the header does not go to Kafka. */
    @Override
    public boolean applyFilterToCamelHeaders(String name, Object value, Exchange exchange) {
        return !name.startsWith(PREFIX);
    }

    /** The export consumes nothing through Camel. */
    @Override
    public boolean applyFilterToExternalHeaders(String name, Object value, Exchange exchange) {
        return true;
    }
}
