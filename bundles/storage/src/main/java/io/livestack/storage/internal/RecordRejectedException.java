package io.livestack.storage.internal;

/** The database refused a batch because of its content: write it record by record to isolate the bad one. */
final class RecordRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    RecordRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
