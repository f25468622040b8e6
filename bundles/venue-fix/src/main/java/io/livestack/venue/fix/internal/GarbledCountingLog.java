package io.livestack.venue.fix.internal;

import java.io.Closeable;
import java.io.IOException;
import quickfix.Log;
import quickfix.LogFactory;

/**
 * A QuickFIX/J session log that also counts the venue's messages QuickFIX/J ignores as garbled. QuickFIX/J (2.3)
 * reports them nowhere but in its session log: {@code AbstractIoHandler} writes the error event
 * {@value #INVALID} (a message that failed to parse: bad CheckSum, a field without '=', MsgType not third) and
 * {@code Session} {@value #SKIPPING} (one that failed later with the same low-level error). Closes its delegate.
 */
final class GarbledCountingLog implements Log, Closeable {

    static final String INVALID = "Invalid message: ";
    static final String SKIPPING = "Skipping invalid message: ";

    private final Log delegate;
    private final Runnable onGarbled;

    private GarbledCountingLog(Log delegate, Runnable onGarbled) {
        this.delegate = delegate;
        this.onGarbled = onGarbled;
    }

    static LogFactory factory(LogFactory delegate, Runnable onGarbled) {
        return sessionId -> new GarbledCountingLog(delegate.create(sessionId), onGarbled);
    }

    @Override
    public void onErrorEvent(String text) {
        if (text != null && (text.startsWith(INVALID) || text.startsWith(SKIPPING))) {
            onGarbled.run();
        }
        delegate.onErrorEvent(text);
    }

    @Override
    public void clear() {
        delegate.clear();
    }

    @Override
    public void onIncoming(String message) {
        delegate.onIncoming(message);
    }

    @Override
    public void onOutgoing(String message) {
        delegate.onOutgoing(message);
    }

    @Override
    public void onEvent(String text) {
        delegate.onEvent(text);
    }

    @Override
    public void close() throws IOException {
        if (delegate instanceof Closeable c) {
            c.close();
        }
    }
}
