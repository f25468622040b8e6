package io.livestack.storage.internal;

/**
 * The projection mark in the database is not where this writer left it (an operator moved it, or another store
 * writes to the same database): the batch is rolled back and the writer goes on from the database's mark.
 */
final class MarkMovedException extends Exception {

    private static final long serialVersionUID = 1L;

    MarkMovedException(String name, long expected, long found) {
        super("projection_mark '" + name + "' is at seq " + (found < 0 ? "?" : Long.toString(found))
                + ", this store expected " + expected);
    }
}
