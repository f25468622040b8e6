package io.livestack.export.kafka.internal;

import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.DefaultMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands a message to camel-kafka's producer (the export's kafka endpoint) asynchronously: the topic and key go as
 * camel-kafka's headers, the schema version and the record's (seq, ord) as Kafka headers (UTF-8 decimal text). The
 * outcome comes back when the broker acknowledged the message, or the producer gave up.
 * <p>
 * The producer is called directly, on the drain route's thread, so that messages reach Kafka's client in the order
 * they are handed over (journal order; one partition keeps it). Through a {@code direct:} route called from inside the
 * drain route they did not: KafkaExportIT saw a partition's messages out of journal order (presumably Camel's reactive
 * executor queueing the exchanges started from inside a route).
 */
final class CamelKafkaSender implements MessageSender {

    private static final String SCHEMA = Integer.toString(RecordJson.SCHEMA);

    private final CamelContext camel;
    private final AsyncProducer publish;

    CamelKafkaSender(CamelContext camel, String kafkaUri) throws Exception {
        this.camel = camel;
        this.publish = camel.getEndpoint(kafkaUri).createAsyncProducer();
        this.publish.start();
    }

    /**
     * One exchange for the whole list (its body a list of messages, each with its own topic, key and headers):
     * camel-kafka continues an exchange on its worker pool once all its records are acknowledged, so one exchange per
     * record cost a thread hand-off per record.
     */
    @Override
    public void send(List<Outgoing> messages, Outcome outcome) {
        List<Message> body = new ArrayList<>(messages.size()); // mutable: camel-kafka removes what it sent
        for (Outgoing o : messages) {
            ExportMessage m = o.message();
            Message in = new DefaultMessage(camel);
            in.setBody(m.json());
            in.setHeader(KafkaConstants.OVERRIDE_TOPIC, o.topic());
            in.setHeader(KafkaConstants.KEY, m.key());
            in.setHeader(RecordJson.SCHEMA_HEADER, SCHEMA);
            in.setHeader(RecordJson.SEQ_HEADER, Long.toString(m.seq()));
            in.setHeader(RecordJson.ORD_HEADER, Integer.toString(m.ord()));
            body.add(in);
        }
        Exchange exchange = new DefaultExchange(camel);
        exchange.getIn().setBody(body);
        publish.process(exchange, doneSync -> outcome.done(exchange.getException()));
    }

    void stop() {
        publish.stop();
    }
}
