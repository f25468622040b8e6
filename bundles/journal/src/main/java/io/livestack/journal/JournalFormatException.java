package io.livestack.journal;

/**
 * A journal or snapshot that cannot be read as written: a CRC that does not match, a frame that runs past its
 * segment, an unknown format version, kind or type. The message names the file and the offset where known.
 */
public class JournalFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public JournalFormatException(String message) {
        super(message);
    }

    public JournalFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
