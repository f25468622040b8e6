package io.livestack.runtime.internal.operator;

import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.SessionState;
import java.util.List;

/**
 * The session controller's own state, as a snapshot holds it: the session state, the timer it waits for, whether the
 * auto-start was issued, the orders a stop waits to see cancelled, who asked for a start or stop still under way
 * (null when none; whoever waited for its reply is gone after a restart), and the wait of a stop for its records to be
 * durable (null when none).
 */
public record SessionSnapshot(SessionState state, long armedToken, long tokens, boolean autoStartIssued,
        List<ClientOrderId> awaitingCancel, String startedBy, String stoppedBy, Flush flush) {

    /**
     * A stop waiting for its records to be durable: up to which seq (0: not fixed yet, at its first poll), until when
     * (event time), and how the stop went before (its detail, and whether it went well).
     */
    public record Flush(long target, long deadlineNanos, String detail, boolean ok) {
    }

    public SessionSnapshot {
        awaitingCancel = List.copyOf(awaitingCancel);
    }
}
