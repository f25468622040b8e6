package io.livestack.venue.fix.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Our last outbound order messages by MsgSeqNum, so that a session Reject or a BusinessMessageReject that names only
 * its RefSeqNum can be traced back to the ClOrdID it refused. Bounded: the oldest entries go first. Thread-safe (the
 * sender thread adds, the QuickFIX/J thread looks up).
 */
final class SentMessages {

    /**
     * What one outbound message was: its MsgType (D, F, G, H, AF, V), the ClOrdID (or MDReqID / MassStatusReqID), the
     * OrigClOrdID, and the order fields needed to report a rejection.
     */
    record Sent(int seqNum, String msgType, String id, String origId, String symbol, char side, long quantity,
            long price) {
    }

    private final int capacity;
    private final Map<Integer, Sent> bySeqNum;

    SentMessages(int capacity) {
        this.capacity = capacity;
        this.bySeqNum = new LinkedHashMap<>(Math.min(capacity, 1024) * 2, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, Sent> eldest) {
                return size() > SentMessages.this.capacity;
            }
        };
    }

    synchronized void put(Sent sent) {
        bySeqNum.remove(sent.seqNum());
        bySeqNum.put(sent.seqNum(), sent);
    }

    /** The message we sent with this sequence number, or null when it was not an order message or is forgotten. */
    synchronized Sent get(int seqNum) {
        return bySeqNum.get(seqNum);
    }

    /** The most recent message we sent with this ClOrdID (MDReqID...), or null. */
    synchronized Sent byId(String id) {
        Sent found = null;
        for (Sent s : bySeqNum.values()) {
            if (s.id().equals(id)) {
                found = s;
            }
        }
        return found;
    }

    synchronized int size() {
        return bySeqNum.size();
    }
}
