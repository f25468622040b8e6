package io.livestack.export.kafka.internal;

import java.util.List;

/** Sends messages to their topics, in order, asynchronously; the outcome comes once, on the producer's side. */
interface MessageSender {

    /** One message and the topic it goes to. */
    record Outgoing(String topic, ExportMessage message) {
    }

    /** The outcome of a send: null when the broker acknowledged every message of it, else why one failed. */
    interface Outcome {
        void done(Exception failure);
    }

    /** Hands {@code messages} to the producer in their order; {@code outcome} once every one has an answer. */
    void send(List<Outgoing> messages, Outcome outcome);
}
