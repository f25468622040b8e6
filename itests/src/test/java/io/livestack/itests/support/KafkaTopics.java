package io.livestack.itests.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads the Kafka export's topics back, from the beginning to the end they have now, with the export's headers. */
public final class KafkaTopics {

    private KafkaTopics() {
    }

    /** A consumed message: its partition, its (seq, ord) header, its schema header and its value. */
    public record Message(int partition, long seq, int ord, String schema, String json) {
        public String place() {
            return seq + "/" + ord;
        }

        /** Whether this message comes after {@code m} in journal order. */
        public boolean after(Message m) {
            return seq > m.seq || (seq == m.seq && ord > m.ord);
        }
    }

    /** "seq/ord" -> value (a copy of a message collapses onto it). */
    public static Map<String, String> byPlace(List<Message> messages) {
        Map<String, String> m = new TreeMap<>();
        messages.forEach(x -> m.put(x.place(), x.json()));
        return m;
    }

    /** Every message of {@code topic}, partition by partition in offset order; none when the topic does not exist. */
    public static List<Message> consume(String bootstrapServers, String topic) {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("key.deserializer", StringDeserializer.class.getName());
        props.put("value.deserializer", StringDeserializer.class.getName());
        props.put("enable.auto.commit", "false");
        props.put("allow.auto.create.topics", "false");
        props.put("default.api.timeout.ms", "10000");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic);
            List<Message> out = new ArrayList<>();
            if (infos == null || infos.isEmpty()) {
                return out;
            }
            List<TopicPartition> all = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(all);
            consumer.seekToBeginning(all);
            Map<TopicPartition, Long> end = consumer.endOffsets(all);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (all.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end within 30 s");
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(new Message(r.partition(), Long.parseLong(header(r, "livestack.seq")),
                            Integer.parseInt(header(r, "livestack.ord")), header(r, "livestack.schema"), r.value()));
                }
            }
            return out;
        }
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
