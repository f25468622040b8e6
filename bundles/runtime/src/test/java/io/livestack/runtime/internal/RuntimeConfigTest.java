package io.livestack.runtime.internal;

import io.livestack.runtime.internal.sequencer.WaitStrategyKind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuntimeConfigTest {

    @Test
    void defaultsSuitTheDemo() {
        RuntimeConfig c = RuntimeConfig.defaults();

        assertThat(c.queueCapacity()).isEqualTo(65536);
        assertThat(c.waitStrategy()).isEqualTo(WaitStrategyKind.PARKING);
        assertThat(c.autoStart()).isTrue();
        assertThat(c.clOrdIdPrefix()).isEqualTo("LS");
        assertThat(c.startTimeoutMs()).isPositive();
        assertThat(c.stopTimeoutMs()).isPositive();
    }

    @Test
    void readsValuesAsACfgFileGivesThem() {
        Map<String, Object> values = new HashMap<>(Map.of(RuntimeConfig.QUEUE_CAPACITY, "1024",
                RuntimeConfig.WAIT_STRATEGY, "busy-spin", RuntimeConfig.CLORDID_PREFIX, "X1",
                RuntimeConfig.AUTO_START, "false", RuntimeConfig.START_TIMEOUT, "500",
                RuntimeConfig.STOP_TIMEOUT, 700L, RuntimeConfig.RECORD_BUFFER, 10, RuntimeConfig.BATCH_SIZE, "64",
                RuntimeConfig.STOP_FLUSH_TIMEOUT, "900"));
        values.putAll(Map.of(JournalConfig.DIRECTORY, "/var/journal", JournalConfig.SEGMENT_BYTES, "1048576",
                JournalConfig.SYNC_INTERVAL, "5"));
        RuntimeConfig c = RuntimeConfig.from(values);

        assertThat(c).isEqualTo(new RuntimeConfig(1024, WaitStrategyKind.BUSY_SPIN, "X1", false, 500,
                700, 900, 10, 64, new JournalConfig(true, Path.of("/var/journal"), 1 << 20, 5, 60_000, 1_000_000, 3)));
    }

    @Test
    void theJournalIsOnByDefaultUnderKarafsDataFolder() {
        JournalConfig j = RuntimeConfig.defaults().journal();
        assertThat(j.enabled()).isTrue();
        assertThat(j.directory()).isEqualTo(JournalConfig.defaultDirectory());
        assertThat(j.directory().endsWith(Path.of("livestack", "journal"))).isTrue();
        assertThat(RuntimeConfig.from(Map.of(JournalConfig.ENABLED, "false")).journal().enabled()).isFalse();
    }

    @Test
    void theShippedConfigurationFileIsValidAndMatchesTheDefaults() throws Exception {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of("../../config/livestack.runtime.cfg"))) {
            p.load(r);
        }
        Map<String, Object> values = new HashMap<>();
        p.stringPropertyNames().forEach(k -> values.put(k, p.getProperty(k)));

        assertThat(values).containsOnlyKeys(RuntimeConfig.QUEUE_CAPACITY, RuntimeConfig.WAIT_STRATEGY,
                RuntimeConfig.CLORDID_PREFIX, RuntimeConfig.AUTO_START, RuntimeConfig.START_TIMEOUT,
                RuntimeConfig.STOP_TIMEOUT, RuntimeConfig.STOP_FLUSH_TIMEOUT, RuntimeConfig.RECORD_BUFFER, RuntimeConfig.BATCH_SIZE,
                JournalConfig.SEGMENT_BYTES, JournalConfig.SYNC_INTERVAL, JournalConfig.SNAPSHOT_INTERVAL,
                JournalConfig.SNAPSHOT_EVENTS, JournalConfig.SNAPSHOTS_RETAINED, JournalConfig.RETAIN);
        assertThat(RuntimeConfig.from(values)).isEqualTo(RuntimeConfig.defaults());
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "queue.capacity|1000",
        "queue.capacity|8",
        "queue.capacity|abc",
        "queue.capacity|67108864",
        "waitStrategy|lazy",
        "clOrdId.prefix|TOOLONG",
        "clOrdId.prefix|A-B",
        "session.autoStart|yes",
        "session.startTimeoutMs|0",
        "session.stopTimeoutMs|-5",
        "session.stopFlushTimeoutMs|0",
        "session.stopFlushTimeoutMs|later",
        "records.bufferCapacity|0",
        "loop.batchSize|0",
        "journal.enabled|maybe",
        "journal.segmentBytes|1000",
        "journal.segmentBytes|2147483647",
        "journal.syncIntervalMillis|0",
        "journal.syncIntervalMillis|soon",
        "snapshot.intervalMillis|-1",
        "snapshot.intervalEvents|-5",
        "snapshot.retain|0",
    })
    void rejectsABadValueNamingTheKeyAndTheValue(String key, String value) {
        assertThatThrownBy(() -> RuntimeConfig.from(Map.of(key, value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(key)
                .hasMessageContaining(value);
    }
}
