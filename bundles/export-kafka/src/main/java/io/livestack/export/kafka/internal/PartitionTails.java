package io.livestack.export.kafka.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What the broker already holds of the export, read back before it sends again after a restart or a failure: the
 * (seq, ord) header of the last message of each partition of its topics. A partition receives the export's messages
 * in journal order (one idempotent producer, order kept), so a message whose (seq, ord) is at or before its
 * partition's tail is already there: it is skipped (and counted), never sent twice.
 */
final class PartitionTails {

    /** The (seq, ord) of a partition's last message. */
    record Tail(long seq, int ord) {
    }

    private final Map<String, Integer> partitions;
    private final Map<TopicPartition, Tail> tails;

    PartitionTails(Map<String, Integer> partitions, Map<TopicPartition, Tail> tails) {
        this.partitions = Map.copyOf(partitions);
        this.tails = Map.copyOf(tails);
    }

    /** Nothing read back (a fresh start). */
    static PartitionTails none() {
        return new PartitionTails(Map.of(), Map.of());
    }

    /** Whether the broker already holds this message (it would go to a partition whose tail is at or after it). */
    boolean holds(String topic, ExportMessage m) {
        Integer count = partitions.get(topic);
        if (count == null || count == 0) {
            return false;
        }
        int partition = BuiltInPartitioner.partitionForKey(m.key().getBytes(StandardCharsets.UTF_8), count);
        Tail tail = tails.get(new TopicPartition(topic, partition));
        return tail != null && !m.after(tail.seq(), tail.ord());
    }

    /** The highest seq of any tail (the broker holds nothing of the export after it); 0 when none. */
    long highestSeq() {
        return tails.values().stream().mapToLong(Tail::seq).max().orElse(0);
    }

    int partitionsWithTail() {
        return tails.size();
    }

    /** Reads the tails of {@code topics} with a consumer of the given client properties (bootstrap, security). */
    static PartitionTails read(Map<String, Object> clientProperties, Collection<String> topics, Duration timeout) {
        Map<String, Object> props = new HashMap<>();
        for (String key : List.of("bootstrap.servers", "security.protocol", "client.id")) {
            props.put(key, clientProperties.get(key));
        }
        ExportSettings.SECURITY_KEYS.forEach(k -> {
            if (clientProperties.containsKey(k)) {
                props.put(k, clientProperties.get(k));
            }
        });
        props.put("client.id", clientProperties.get("client.id") + "-tails");
        props.put("enable.auto.commit", "false");
        props.put("allow.auto.create.topics", "false");
        props.put("default.api.timeout.ms", Long.toString(timeout.toMillis()));
        props.put("key.deserializer", ByteArrayDeserializer.class.getName());
        props.put("value.deserializer", ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            Map<String, Integer> counts = new HashMap<>();
            List<TopicPartition> all = new ArrayList<>();
            for (String topic : topics) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
                counts.put(topic, infos == null ? 0 : infos.size());
                if (infos != null) {
                    infos.forEach(i -> all.add(new TopicPartition(topic, i.partition())));
                }
            }
            Map<TopicPartition, Tail> tails = new HashMap<>();
            if (all.isEmpty()) {
                return new PartitionTails(counts, tails);
            }
            consumer.assign(all);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(all, timeout);
            Map<TopicPartition, Long> end = consumer.endOffsets(all, timeout);
            List<TopicPartition> wanted = new ArrayList<>();
            for (TopicPartition tp : all) {
                if (end.get(tp) > begin.get(tp)) {
                    consumer.seek(tp, end.get(tp) - 1);
                    wanted.add(tp);
                } else {
                    consumer.pause(List.of(tp));
                }
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            Map<TopicPartition, Boolean> seen = new HashMap<>();
            while (seen.size() < wanted.size()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the tails of " + topics + " could not be read within "
                            + timeout.toMillis() + " ms (" + seen.size() + " of " + wanted.size() + " partitions)");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() == end.get(tp) - 1) {
                        seen.put(tp, true);
                        consumer.pause(List.of(tp));
                        Tail tail = tailOf(r);
                        if (tail != null) {
                            tails.put(tp, tail);
                        }
                    }
                }
            }
            return new PartitionTails(counts, tails);
        }
    }

    private static Tail tailOf(ConsumerRecord<byte[], byte[]> r) {
        Header seq = r.headers().lastHeader(RecordJson.SEQ_HEADER);
        Header ord = r.headers().lastHeader(RecordJson.ORD_HEADER);
        if (seq == null || ord == null) {
            return null; // not the export's
        }
        return new Tail(Long.parseLong(new String(seq.value(), StandardCharsets.UTF_8)),
                Integer.parseInt(new String(ord.value(), StandardCharsets.UTF_8)));
    }
}
