package io.livestack.export.kafka.internal;

/** Sends one message to its topic, asynchronously; the callback runs once, on the producer's thread. */
interface MessageSender {

    /** The outcome of one send: null when the broker acknowledged it, else why it failed. */
    interface Outcome {
        void done(Exception failure);
    }

    void send(String topic, ExportMessage message, Outcome outcome);
}
