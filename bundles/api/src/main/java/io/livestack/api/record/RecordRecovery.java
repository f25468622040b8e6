package io.livestack.api.record;

import io.livestack.api.state.OrderView;
import io.livestack.api.state.PositionView;
import java.util.Collection;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * What storage knows of the last session, used by the state stage when it starts to rebuild open orders and
 * positions (after a restart, or a redeploy of the state bundle).
 */
@ConsumerType
public interface RecordRecovery {

    /** The latest snapshot of every order that was still open. */
    Collection<OrderView> openOrders();

    /** The latest position per instrument. */
    Collection<PositionView> positions();

    /**
     * "venue|execId" of every fill recorded recently (at least this trading day), so that a report resent after a
     * restart is recognised as a duplicate.
     */
    Collection<String> recentExecutionKeys();

    /** The highest event sequence number recorded, so that a restarted runtime continues after it. */
    long lastSeq();
}
