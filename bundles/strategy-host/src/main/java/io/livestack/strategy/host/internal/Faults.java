package io.livestack.strategy.host.internal;

import java.util.IdentityHashMap;
import java.util.Map;

/** Turns a throwable into the stack summary a STRATEGY_FAULT record carries. */
final class Faults {

    private static final int MAX_CAUSES = 5;

    private Faults() {
    }

    /** "Type: message" of the throwable itself. */
    static String headline(Throwable t) {
        String message = t.getMessage();
        return message == null ? t.getClass().getName() : t.getClass().getName() + ": " + message;
    }

    /** The headline, the top {@code frames} frames, and the same for up to five causes. */
    static String summary(Throwable t, int frames) {
        StringBuilder out = new StringBuilder(256);
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        Throwable current = t;
        int depth = 0;
        while (current != null && depth <= MAX_CAUSES && seen.put(current, Boolean.TRUE) == null) {
            if (depth > 0) {
                out.append("\ncaused by ");
            }
            out.append(headline(current));
            StackTraceElement[] trace = current.getStackTrace();
            int n = Math.min(frames, trace.length);
            for (int i = 0; i < n; i++) {
                out.append("\n\tat ").append(trace[i]);
            }
            if (trace.length > n) {
                out.append("\n\t... ").append(trace.length - n).append(" more");
            }
            current = current.getCause();
            depth++;
        }
        return out.toString();
    }
}
