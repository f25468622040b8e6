package io.livestack.venue.fix.internal;

import java.io.Closeable;
import java.io.IOException;
import java.util.Set;
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

    /**
     * The text with the values of the password fields and of {@code secretTags} (a venue's secret extra fields)
     * masked.
     */
    static String mask(String text, Set<Integer> secretTags) {
        return mask(text, secretTags.isEmpty() ? null : secretPattern(secretTags));
    }

    /** {@link #mask(String, Set)} with the tags' pattern made once ({@link #secretPattern}; null: none). */
    static String mask(String text, Pattern secrets) {
        String masked = mask(text);
        if (masked == null || secrets == null) {
            return masked;
        }
        return secrets.matcher(masked).replaceAll(r -> Matcher.quoteReplacement(r.group(1) + r.group(2) + "=" + MASK));
    }

    /** {@link #maskForStore(String)} for the password fields and {@code secretTags}. */
    static String maskForStore(String raw, Set<Integer> secretTags) {
        String masked = maskForStore(raw);
        if (secretTags.isEmpty() || !secretPattern(secretTags).matcher(masked).find()) {
            return masked;
        }
        try {
            Message message = new Message();
            message.fromString(masked, null, false);
            for (int tag : secretTags) {
                if (message.isSetField(tag)) {
                    message.setString(tag, MASK);
                }
                if (message.getHeader().isSetField(tag)) {
                    message.getHeader().setString(tag, MASK);
                }
            }
            return message.toString();
        } catch (InvalidMessage | RuntimeException e) {
            return mask(masked, secretTags);
        }
    }

    /** The fields of these tags in a raw message ('|' or SOH separated). */
    static Pattern secretPattern(Set<Integer> tags) {
        StringBuilder alternatives = new StringBuilder();
        for (int tag : tags) {
            alternatives.append(alternatives.length() == 0 ? "" : "|").append(tag);
        }
        return Pattern.compile("(^|[\\u0001|])(" + alternatives + ")=[^\\u0001|]*");
    }

    static LogFactory logFactory(LogFactory delegate) {
        return logFactory(delegate, Set.of());
    }

    /** A log factory whose logs mask the passwords and {@code secretTags}. */
    static LogFactory logFactory(LogFactory delegate, Set<Integer> secretTags) {
        return sessionId -> new MaskingLog(delegate.create(sessionId), Set.copyOf(secretTags));
    }

    static MessageStoreFactory storeFactory(MessageStoreFactory delegate) {
        return storeFactory(delegate, Set.of());
    }

    /** A store factory whose stores mask the passwords and {@code secretTags} in what they persist. */
    static MessageStoreFactory storeFactory(MessageStoreFactory delegate, Set<Integer> secretTags) {
        return sessionId -> new MaskingStore(delegate.create(sessionId), Set.copyOf(secretTags));
    }

    /** A QuickFIX/J log that masks passwords; closes its delegate. */
    private static final class MaskingLog implements Log, Closeable {
        private final Log delegate;
        /** Null without secret extra fields. */
        private final Pattern secretTags;

        MaskingLog(Log delegate, Set<Integer> secretTags) {
            this.delegate = delegate;
            this.secretTags = secretTags.isEmpty() ? null : secretPattern(secretTags);
        }

        @Override
        public void clear() {
            delegate.clear();
        }

        @Override
        public void onIncoming(String message) {
            delegate.onIncoming(mask(message, secretTags));
        }

        @Override
        public void onOutgoing(String message) {
            delegate.onOutgoing(mask(message, secretTags));
        }

        @Override
        public void onEvent(String text) {
            delegate.onEvent(mask(text, secretTags));
        }

        @Override
        public void onErrorEvent(String text) {
            delegate.onErrorEvent(mask(text, secretTags));
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
        private final Set<Integer> secretTags;

        MaskingStore(MessageStore delegate, Set<Integer> secretTags) {
            super(delegate);
            this.secretTags = secretTags;
        }

        @Override
        public boolean set(int sequence, String message) throws IOException {
            return delegate.set(sequence, maskForStore(message, secretTags));
        }
    }

    /** A message for a log line: passwords masked, fields separated by '|'. */
    static String forLog(Message message) {
        return mask(message.toString()).replace('\u0001', '|');
    }
}
