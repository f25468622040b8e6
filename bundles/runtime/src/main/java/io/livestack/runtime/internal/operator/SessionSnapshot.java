package io.livestack.runtime.internal.operator;

import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.SessionState;
import java.util.List;

/**
 * The session controller's own state, as a snapshot holds it: the session state, the timer it waits for, whether the
 * auto-start was issued, the orders a stop waits to see cancelled, and who asked for a start or stop still under way
 * (null when none; whoever waited for its reply is gone after a restart).
 */
public record SessionSnapshot(SessionState state, long armedToken, long tokens, boolean autoStartIssued,
        List<ClientOrderId> awaitingCancel, String startedBy, String stoppedBy) {

    public SessionSnapshot {
        awaitingCancel = List.copyOf(awaitingCancel);
    }
}
