package io.livestack.storage.internal;

/**
 * What a batch commit guarantees before the writer moves on (docs/storage.md, "Durability"). Whatever the database
 * loses it loses with the projection mark (same transaction), and it is written again from the journal.
 */
enum Durability {
    /**
     * Survives a power loss: on H2 every commit is followed by {@code CHECKPOINT SYNC} (write + fsync of the
     * database file); on other databases the commit itself (PostgreSQL with its default synchronous_commit=on).
     */
    SYNC,
    /**
     * Survives a crash of the process, not of the machine: on H2 {@code CHECKPOINT} after each commit (written to
     * the file, not forced to disk); elsewhere the commit.
     */
    FLUSH,
    /** The commit only: on H2 committed data reaches the file within its WRITE_DELAY (500 ms by default). */
    COMMIT;

    /** The statement to run after each commit on this database product, or null. */
    String statementFor(String databaseProduct) {
        if (!"H2".equalsIgnoreCase(databaseProduct)) {
            return null;
        }
        return switch (this) {
            case SYNC -> "CHECKPOINT SYNC";
            case FLUSH -> "CHECKPOINT";
            case COMMIT -> null;
        };
    }
}
