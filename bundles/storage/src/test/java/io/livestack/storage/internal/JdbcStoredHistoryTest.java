package io.livestack.storage.internal;

import static io.livestack.storage.internal.StoreFixture.awaitProjected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livestack.api.history.HistoryQuery;
import io.livestack.api.history.HistoryUnavailableException;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The stored history's queries on H2, over records written by the real store ({@link HistoryScenario}). */
class JdbcStoredHistoryTest {

    private final StoreFixture fixture = new StoreFixture();

    @AfterEach
    void closeAll() {
        fixture.close();
    }

    @Test
    void answersTheScenariosQueries() throws Exception {
        TestDatabase db = fixture.database("history");
        TestJournal journal = new TestJournal();
        journal.appendRecords(HistoryScenario.records());
        awaitProjected(fixture.start(db, journal), journal);

        HistoryScenario.check(new JdbcStoredHistory(() -> db));
    }

    @Test
    void aDatabaseThatCannotAnswerIsOneLineThatSaysSo() throws Exception {
        TestDatabase db = fixture.database("history-down");
        JdbcStoredHistory history = new JdbcStoredHistory(() -> db);
        assertThatThrownBy(() -> history.fills(HistoryQuery.of(HistoryScenario.TODAY, 10), 5, 10))
                .as("no schema yet").isInstanceOf(HistoryUnavailableException.class)
                .hasMessageStartingWith("the database cannot read fills: ").hasMessageContaining("SQLState");
        TestJournal journal = new TestJournal();
        journal.appendRecords(HistoryScenario.records());
        awaitProjected(fixture.start(db, journal), journal);
        db.down();
        assertThatThrownBy(() -> history.orders(HistoryQuery.of(HistoryScenario.TODAY, 10), 12, Set.of(), 10))
                .isInstanceOf(HistoryUnavailableException.class)
                .hasMessageStartingWith("the database cannot read orders: ");
        assertThatThrownBy(() -> new JdbcStoredHistory(() -> null).storedThrough())
                .isInstanceOf(HistoryUnavailableException.class)
                .hasMessageStartingWith("no livestack DataSource");
        db.up();
        assertThat(history.storedThrough()).isEqualTo(12);
    }
}
