package io.livestack.export.kafka.internal;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The Kafka export's configuration (PID {@value #PID}, etc/livestack.export.kafka.cfg), read once and checked: a bad
 * value is refused with a message naming its key. The producer is always idempotent ({@code acks=all},
 * {@code enable.idempotence=true}); the security keys are Kafka's own names and go to the producer (and to the
 * consumer that reads the partitions' tails back) as they are.
 *
 * @param producer the Kafka client properties: bootstrap servers, acks, security, batching, timeouts
 */
record ExportSettings(boolean enabled, Map<String, Object> producer, Map<TopicKind, String> topics,
        int batchMaxRecords, int maxInFlightRecords, long idleWaitMillis, long markIntervalMillis,
        long lagDegradedMillis, Path markFile) {

    static final String PID = "livestack.export.kafka";

    /** Kafka security settings passed through as they are, when present. */
    static final Set<String> SECURITY_KEYS = Set.of("ssl.truststore.location", "ssl.truststore.password",
            "ssl.truststore.type", "ssl.keystore.location", "ssl.keystore.password", "ssl.keystore.type",
            "ssl.key.password", "ssl.endpoint.identification.algorithm", "ssl.protocol", "sasl.mechanism",
            "sasl.jaas.config");
    private static final Set<String> PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
    private static final Set<String> COMPRESSIONS = Set.of("none", "gzip");

    ExportSettings {
        producer = Map.copyOf(producer);
        topics = Map.copyOf(topics);
    }

    String topic(TopicKind kind) {
        return topics.get(kind);
    }

    /** Reads the configuration; {@code dataDirectory} is where the default mark file goes (Karaf's data/). */
    static ExportSettings parse(Map<String, ?> p, Path dataDirectory) {
        boolean enabled = bool(p, "enabled", false);
        Map<String, Object> producer = new LinkedHashMap<>();
        String servers = text(p, "bootstrap.servers", "");
        if (enabled && servers.isBlank()) {
            throw bad("bootstrap.servers", servers, "a list of host:port (the export is enabled)");
        }
        producer.put("bootstrap.servers", servers);
        String acks = text(p, "acks", "all");
        if (!acks.equals("all") && !acks.equals("-1")) {
            throw bad("acks", acks, "all: the export's producer is idempotent, which needs every in-sync replica's "
                    + "acknowledgement");
        }
        producer.put("acks", "all");
        producer.put("enable.idempotence", "true");
        producer.put("max.in.flight.requests.per.connection", "5"); // the most that keeps order when idempotent
        String protocol = text(p, "security.protocol", "PLAINTEXT").toUpperCase(Locale.ROOT);
        if (!PROTOCOLS.contains(protocol)) {
            throw bad("security.protocol", protocol, "one of " + PROTOCOLS);
        }
        producer.put("security.protocol", protocol);
        for (String key : SECURITY_KEYS) {
            String v = text(p, key, "");
            if (!v.isBlank()) {
                producer.put(key, v);
            }
        }
        if (protocol.startsWith("SASL") && !producer.containsKey("sasl.jaas.config")) {
            throw bad("sasl.jaas.config", "", "the login module's settings (security.protocol is " + protocol + ")");
        }
        String compression = text(p, "compression.type", "none");
        if (!COMPRESSIONS.contains(compression)) {
            throw bad("compression.type", compression, "one of " + COMPRESSIONS
                    + " (the other codecs' native libraries are not installed)");
        }
        producer.put("compression.type", compression);
        producer.put("linger.ms", Long.toString(number(p, "linger.ms", 5, 0, 60_000)));
        producer.put("batch.size", Long.toString(number(p, "batch.size", 65_536, 1, 16 << 20)));
        producer.put("delivery.timeout.ms", Long.toString(number(p, "delivery.timeout.ms", 120_000, 1_000,
                Integer.MAX_VALUE)));
        producer.put("request.timeout.ms", Long.toString(number(p, "request.timeout.ms", 30_000, 1_000,
                Integer.MAX_VALUE)));
        producer.put("max.block.ms", Long.toString(number(p, "max.block.ms", 60_000, 0, Integer.MAX_VALUE)));
        String clientId = text(p, "client.id", "livestack-export");
        producer.put("client.id", clientId);

        Map<TopicKind, String> topics = new EnumMap<>(TopicKind.class);
        for (TopicKind kind : TopicKind.values()) {
            String key = "topic." + kind.configName();
            String topic = text(p, key, "livestack." + kind.configName());
            if (!topic.matches("[A-Za-z0-9._-]{1,249}")) {
                throw bad(key, topic, "a Kafka topic name (letters, digits, '.', '_', '-')");
            }
            topics.put(kind, topic);
        }
        String mark = text(p, "markFile", "");
        Path markFile = mark.isBlank() ? dataDirectory.resolve("livestack").resolve("export-kafka").resolve("mark")
                : Path.of(mark);
        return new ExportSettings(enabled, producer, topics,
                (int) number(p, "batchMaxRecords", 2_000, 1, 1_000_000),
                (int) number(p, "maxInFlightRecords", 50_000, 1, 10_000_000),
                number(p, "idleWaitMillis", 10, 1, 60_000),
                number(p, "markIntervalMillis", 200, 1, 60_000),
                number(p, "lagDegradedMillis", 10_000, 1, Long.MAX_VALUE), markFile);
    }

    private static IllegalArgumentException bad(String key, Object value, String expected) {
        return new IllegalArgumentException(PID + ": " + key + " = '" + value + "' is invalid, expected " + expected);
    }

    private static String text(Map<String, ?> p, String key, String otherwise) {
        Object v = p.get(key);
        return v == null ? otherwise : v.toString().trim();
    }

    private static boolean bool(Map<String, ?> p, String key, boolean otherwise) {
        String v = text(p, key, Boolean.toString(otherwise)).toLowerCase(Locale.ROOT);
        return switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw bad(key, v, "true or false");
        };
    }

    private static long number(Map<String, ?> p, String key, long otherwise, long min, long max) {
        String v = text(p, key, Long.toString(otherwise));
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw bad(key, v, "a whole number from " + min + " to " + max);
        }
        if (n < min || n > max) {
            throw bad(key, v, "a whole number from " + min + " to " + max);
        }
        return n;
    }
}
