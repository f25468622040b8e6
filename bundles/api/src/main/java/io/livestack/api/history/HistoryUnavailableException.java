package io.livestack.api.history;

/** The database cannot answer (no connection, no schema yet, a failed query); the message says why, in one line. */
public class HistoryUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public HistoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
