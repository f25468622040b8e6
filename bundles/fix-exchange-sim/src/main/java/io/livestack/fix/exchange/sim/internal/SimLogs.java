package io.livestack.fix.exchange.sim.internal;

import java.io.Closeable;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import quickfix.Log;
import quickfix.LogFactory;

/** The simulator's FIX message log with passwords (554, 925) masked: clients send theirs in the Logon. */
final class SimLogs {

    private static final Pattern SECRET_FIELD = Pattern.compile("(^|[\\u0001|])(554|925)=[^\\u0001|]*");

    private SimLogs() {
    }

    static String mask(String text) {
        if (text == null || (text.indexOf("554=") < 0 && text.indexOf("925=") < 0)) {
            return text;
        }
        return SECRET_FIELD.matcher(text).replaceAll(r -> Matcher.quoteReplacement(r.group(1) + r.group(2)
                + "=********"));
    }

    static LogFactory masking(LogFactory delegate) {
        return sessionId -> {
            Log log = delegate.create(sessionId);
            return new MaskingLog(log);
        };
    }

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
}
