package io.livestack.venue.fix.internal;

import java.io.Closeable;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import quickfix.InvalidMessage;
import quickfix.Log;
import quickfix.LogFactory;
import quickfix.Message;
import quickfix.MessageStore;
import quickfix.MessageStoreFactory;

/**
 * Keeps the Logon password out of everything written to disk or logs: the raw message log, the event log (QuickFIX/J
 * quotes whole messages in its error events) and the message store (QuickFIX/J persists the Logon it sent, although
 * it never resends it).
 */
final class Masking {

    static final String MASK = "********";
    /** Password (554) and NewPassword (925) in a raw FIX message. */
    private static final Pattern SECRET_FIELD = Pattern.compile("(^|[\\u0001|])(554|925)=[^\\u0001|]*");

    private Masking() {
    }

    /** The text with the value of every password field replaced by {@value #MASK}. */
    static String mask(String text) {
        if (text == null || (text.indexOf("554=") < 0 && text.indexOf("925=") < 0)) {
            return text;
        }
        Matcher m = SECRET_FIELD.matcher(text);
        return m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + r.group(2) + "=" + MASK));
    }

    /**
     * A raw message with the password masked but still a well-formed message (BodyLength and CheckSum recomputed), so
     * that the store can parse it back when it gap-fills a resend.
     */
    static String maskForStore(String raw) {
        if (raw.indexOf("\u0001554=") < 0 && raw.indexOf("\u0001925=") < 0) {
            return raw;
        }
        try {
            Message message = new Message();
            message.fromString(raw, null, false);
            if (message.isSetField(554)) {
                message.setString(554, MASK);
            }
            if (message.isSetField(925)) {
                message.setString(925, MASK);
            }
            return message.toString();
        } catch (InvalidMessage | RuntimeException e) {
            return mask(raw);
        }
    }

    static LogFactory logFactory(LogFactory delegate) {
        return sessionId -> new MaskingLog(delegate.create(sessionId));
    }

    static MessageStoreFactory storeFactory(MessageStoreFactory delegate) {
        return sessionId -> new MaskingStore(delegate.create(sessionId));
    }

    /** A QuickFIX/J log that masks passwords; closes its delegate. */
    private static final class MaskingLog implements Log, Closeable {
        private final Log delegate;

        MaskingLog(Log delegate) {
            this.delegate = delegate;
        }

        @Override
        public void clear() {
            delegate.clear();
        }

        @Override
        public void onIncoming(String message) {
            delegate.onIncoming(mask(message));
        }

        @Override
        public void onOutgoing(String message) {
            delegate.onOutgoing(mask(message));
        }

        @Override
        public void onEvent(String text) {
            delegate.onEvent(mask(text));
        }

        @Override
        public void onErrorEvent(String text) {
            delegate.onErrorEvent(mask(text));
        }

        @Override
        public void close() throws IOException {
            if (delegate instanceof Closeable c) {
                c.close();
            }
        }
    }

    /** A message store that masks passwords in what it persists; closes its delegate. */
    private static final class MaskingStore extends ForwardingMessageStore {

        MaskingStore(MessageStore delegate) {
            super(delegate);
        }

        @Override
        public boolean set(int sequence, String message) throws IOException {
            return delegate.set(sequence, maskForStore(message));
        }
    }

    /** A message for a log line: passwords masked, fields separated by '|'. */
    static String forLog(Message message) {
        return mask(message.toString()).replace('\u0001', '|');
    }
}
