package io.livestack.runtime.internal;

import static io.livestack.testkit.TestEvents.SIM;
import static io.livestack.testkit.TestEvents.order;
import static io.livestack.testkit.TestEvents.report;
import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.event.Command;
import io.livestack.api.model.ExecType;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.SessionState;
import io.livestack.api.record.MetadataRecord;
import io.livestack.api.record.OperatorActionRecord;
import io.livestack.api.record.StorageMonitor;
import io.livestack.api.record.StorageStatus;
import io.livestack.api.runtime.CommandResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A session stop waits, after the venues are logged out, until every record so far is on disk in the journal and
 * written to the database, then STOPPED saying so; after {@code session.stopFlushTimeoutMs} it stops anyway and says
 * how far each got. The journal's disk and the database's mark are the test's; time is the manual clock's.
 */
class SessionStopFlushTest {

    private static final Duration POLL = Duration.ofMillis(10);

    private final ControlledJournal journal = new ControlledJournal();
    private final AtomicLong databaseMark = new AtomicLong();

    private static StorageMonitor storage(AtomicLong mark) {
        return new StorageMonitor() {
            @Override
            public StorageStatus status() {
                return new StorageStatus(StorageStatus.Health.UP, 0, 0, 0, 0, 0, 0, 0, 0, "test");
            }

            @Override
            public long projectionMark() {
                return mark.get();
            }
        };
    }

    /** A running session over the controlled journal, with a storage projection at {@link #databaseMark}. */
    private TestChain journaled(Map<String, Object> config, boolean withStorage) {
        TestChain chain = new TestChain(config).bindAll().running();
        chain.sequencer.journal(journal);
        if (withStorage) {
            chain.assembly.storage(() -> storage(databaseMark));
        }
        return chain;
    }

    /** The clock moves to the next poll, which runs. */
    private static void poll(TestChain chain) {
        chain.clock.advance(POLL);
        chain.step();
    }

    private static List<String> sessionRecords(TestChain chain) {
        return chain.sink.of(MetadataRecord.class).stream().filter(m -> m.kind() == MetadataRecord.Kind.SESSION)
                .map(MetadataRecord::detail).toList();
    }

    @Test
    void stopWaitsUntilTheJournalAndTheDatabaseHoldEveryRecordThenSaysSo() {
        try (TestChain chain = journaled(Map.of(), true)) {
            chain.state.putOrder(order("O1", SIM, OrderStatus.NEW));
            CompletableFuture<CommandResult> reply = chain.runtime.execute(new Command.StopSession(true), "ops");
            chain.step();
            chain.publish(report(SIM, "O1", "C1", ExecType.CANCELED, OrderStatus.CANCELED));
            chain.step();
            assertThat(chain.sim.disconnects.get()).as("logged out before the wait").isEqualTo(1);
            assertThat(chain.runtime.status().session()).isEqualTo(SessionState.STOPPING);

            poll(chain); // the first poll: every event before it must be durable
            long target = chain.runtime.status().lastSeq() - 1;
            assertThat(reply).isNotDone();

            journal.forceAll();
            databaseMark.set(target - 2);
            poll(chain);
            poll(chain);
            assertThat(reply).as("the database is behind").isNotDone();
            assertThat(chain.runtime.status().session()).isEqualTo(SessionState.STOPPING);

            databaseMark.set(target);
            poll(chain);
            CommandResult r = reply.join();

            assertThat(r.ok()).as(r.message()).isTrue();
            assertThat(r.message()).isEqualTo("session STOPPED: every open order cancelled; journal durable to seq "
                    + target + "; database written to seq " + target);
            assertThat(chain.runtime.status().session()).isEqualTo(SessionState.STOPPED);
            assertThat(sessionRecords(chain)).last().asString()
                    .isEqualTo("STOPPED: every open order cancelled; journal durable to seq " + target
                            + "; database written to seq " + target);
        }
    }

    @Test
    void theJournalsDurableMarkAdvancingLaterEndsTheWait() {
        try (TestChain chain = journaled(Map.of(), false)) {
            CompletableFuture<CommandResult> reply = chain.runtime.execute(new Command.StopSession(false), "ops");
            chain.step();
            poll(chain);
            long target = chain.runtime.status().lastSeq() - 1;
            poll(chain);
            poll(chain);
            assertThat(reply).as("nothing forced to disk yet").isNotDone();

            journal.forceAll();
            poll(chain);
            CommandResult r = reply.join();

            assertThat(r.ok()).as(r.message()).isTrue();
            assertThat(r.message()).isEqualTo("session STOPPED: open orders left as they are; journal durable to seq "
                    + target + "; no storage projection bound, no database to wait for");
        }
    }

    @Test
    void afterTheTimeoutTheStopSaysHowFarTheJournalAndTheDatabaseGot() {
        try (TestChain chain = journaled(Map.of(RuntimeConfig.STOP_FLUSH_TIMEOUT, "100"), true)) {
            CompletableFuture<CommandResult> reply = chain.runtime.execute(new Command.StopSession(false), "ops");
            chain.step();
            poll(chain);
            long target = chain.runtime.status().lastSeq() - 1;
            journal.forceAll();
            databaseMark.set(target - 3);
            for (int i = 0; i < 8; i++) {
                poll(chain);
            }
            assertThat(reply).as("90 ms of 100").isNotDone();

            poll(chain);
            CommandResult r = reply.join();

            String expected = "after the flush timeout of 100 ms: records up to seq " + target
                    + " durable in the journal; the database is at seq " + (target - 3) + " (3 events behind seq "
                    + target + ")";
            assertThat(r.ok()).isFalse();
            assertThat(r.message()).isEqualTo("session STOPPED, but " + expected + "; open orders left as they are");
            assertThat(chain.runtime.status().session()).isEqualTo(SessionState.STOPPED);
            assertThat(sessionRecords(chain)).last().asString().contains(expected);
            assertThat(chain.sink.of(OperatorActionRecord.class)).last()
                    .extracting(OperatorActionRecord::outcome).asString().contains(expected);
        }
    }

    @Test
    void aJournalThatCannotBeForcedIsNamedAfterTheTimeout() {
        try (TestChain chain = journaled(Map.of(RuntimeConfig.STOP_FLUSH_TIMEOUT, "50"), false)) {
            CompletableFuture<CommandResult> reply = chain.runtime.execute(new Command.StopSession(false), "ops");
            chain.step();
            journal.failure("journal cannot be forced to disk: disk gone");
            for (int i = 0; i < 6 && !reply.isDone(); i++) {
                poll(chain);
            }
            CommandResult r = reply.join();

            assertThat(r.ok()).isFalse();
            assertThat(r.message()).contains("after the flush timeout of 50 ms: records durable in the journal only "
                    + "up to seq 0").contains("(journal cannot be forced to disk: disk gone)")
                    .contains("no storage projection bound");
        }
    }

    @Test
    void withoutAJournalTheStopSaysNothingIsDurableAndDoesNotWait() {
        try (TestChain chain = new TestChain().bindAll().running()) {
            int timers = chain.sequencer.timersPending();
            CommandResult r = chain.run(new Command.StopSession(false));

            assertThat(r.ok()).as(r.message()).isTrue();
            assertThat(r.message()).isEqualTo("session STOPPED: open orders left as they are; journal off: no record "
                    + "is durable");
            assertThat(chain.sequencer.timersPending()).as("no poll").isEqualTo(timers);
        }
    }

    @Test
    void aSecondStopWhileTheRecordsAreAwaitedIsRefused() {
        try (TestChain chain = journaled(Map.of(), false)) {
            CompletableFuture<CommandResult> first = chain.runtime.execute(new Command.StopSession(false), "ops");
            chain.step();

            CommandResult second = chain.run(new Command.StopSession(false));

            assertThat(second.ok()).isFalse();
            assertThat(second.message()).contains("already STOPPING");
            assertThat(first).isNotDone();
        }
    }
}
