package io.livestack.storage.internal;

/** The database cannot be reached (or refused for a reason unrelated to the records): keep the batch, retry. */
final class StorageUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
