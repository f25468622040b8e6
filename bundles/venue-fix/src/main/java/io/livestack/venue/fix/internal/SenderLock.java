package io.livestack.venue.fix.internal;

import java.lang.reflect.Field;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.Session;

/**
 * QuickFIX/J's sender sequence-number lock of a session: {@code Session.send} holds it while it numbers, stores,
 * logs and writes a message, and so does the message processor thread while it answers a ResendRequest or logs on
 * or out. QuickFIX/J 2.3 only offers {@code lockSenderMsgSeqNum()} (waits); the adapter needs a {@code tryLock} so
 * that the processing thread sends an order itself only when that cannot make it wait for another thread, and
 * otherwise hands the order to the venue thread. The lock is a private field, reached once per session by
 * reflection; when it cannot be (another QuickFIX/J version), {@link #of} returns null and every send goes through
 * the venue thread as before.
 */
final class SenderLock {

    private static final Logger LOG = LoggerFactory.getLogger(SenderLock.class);
    private static final Field STATE = field(Session.class, "state");
    private static final Field LOCK = STATE == null ? null : field(STATE.getType(), "senderMsgSeqNumLock");

    private SenderLock() {
    }

    /** The session's sender lock when it is a reentrant lock (send re-enters it), else null. */
    static ReentrantLock of(Session session) {
        if (LOCK == null || session == null) {
            return null;
        }
        try {
            Object lock = LOCK.get(STATE.get(session));
            return lock instanceof ReentrantLock r ? r : null;
        } catch (IllegalAccessException | RuntimeException e) {
            LOG.warn("Cannot reach QuickFIX/J's sender lock ({}): orders are sent on the venue thread", e.toString());
            return null;
        }
    }

    /** Whether this QuickFIX/J version has the lock where it is looked for. */
    static boolean available() {
        return LOCK != null && Lock.class.isAssignableFrom(LOCK.getType());
    }

    private static Field field(Class<?> type, String name) {
        try {
            Field f = type.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException | RuntimeException e) {
            LoggerFactory.getLogger(SenderLock.class).warn("QuickFIX/J {} has no field {} ({}): orders are sent on the "
                    + "venue thread", type.getName(), name, e.toString());
            return null;
        }
    }
}
