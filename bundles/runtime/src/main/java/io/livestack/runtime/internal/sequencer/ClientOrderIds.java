package io.livestack.runtime.internal.sequencer;

import io.livestack.api.model.ClientOrderId;
import java.util.Locale;

/**
 * Makes ClOrdIDs: {@code prefix + session tag + counter}. The session tag is the intake time of the first event this
 * runtime processed (or of its last RECOVERED event, {@link #take}), in epoch milliseconds, base 36, upper case, 8 characters (good until 2059); the counter starts at
 * 1 and is base 36 too. So the ids are unique across sessions (two runtimes never start in the same millisecond) and
 * identical for the same event sequence (they depend on nothing but the events). With a prefix of at most 4
 * characters an id stays within 20 characters for the first 2.8 trillion orders. Processing thread only.
 */
final class ClientOrderIds {

    static final int TAG_LENGTH = 8;
    static final int MAX_LENGTH = 20;

    private final String prefix;
    private String tag;
    private long counter;

    ClientOrderIds(String prefix) {
        this.prefix = prefix;
    }

    /**
     * The ids' part of sequencing one event (live or replayed): the first event fixes the session tag; a RECOVERED
     * event begins a new one at its intake time, counter from 1. After a power loss the journal may lack the last
     * orders sent (their inputs were written but not yet forced): the venue has their ClOrdIDs, and continuing the
     * old tag's counter would give them again. The RECOVERED event is journaled, so a replay re-tags at the same place.
     */
    void take(io.livestack.api.event.Sequenced event) {
        if (tag == null) {
            tag = tagOf(event.intakeTimeNanos());
        } else if (event.event() instanceof io.livestack.api.event.RuntimeEvent r
                && r.kind() == io.livestack.api.event.RuntimeEvent.Kind.RECOVERED) {
            String next = tagOf(event.intakeTimeNanos());
            tag = next.equals(tag) ? tagOf(event.intakeTimeNanos() + 1_000_000L) : next;
            counter = 0;
        }
    }

    boolean begun() {
        return tag != null;
    }

    ClientOrderId next() {
        if (tag == null) {
            throw new IllegalStateException("no event processed yet: ClOrdIDs are made while processing events");
        }
        counter++;
        return new ClientOrderId(prefix + tag + Long.toString(counter, 36).toUpperCase(Locale.ROOT));
    }

    String tag() {
        return tag;
    }

    /** Where the ids stood at the end of a recovery's replay: the last the journal holds (null: no recovery). */
    private record Mark(String tag, long counter) {
    }

    private volatile Mark journaled;

    /** The end of a recovery's replay: every id after this one was given by inputs the journal lost. */
    void markJournaled() {
        journaled = tag == null ? null : new Mark(tag, counter);
    }

    /**
     * Whether {@code id} is one of this session's ids given after the last the journal holds (see
     * {@link #markJournaled}): its order was sent but its input was lost (a power loss). Any thread.
     */
    boolean givenAfterJournal(io.livestack.api.model.ClientOrderId id) {
        Mark m = journaled;
        if (m == null || id == null) {
            return false;
        }
        String head = prefix + m.tag();
        String value = id.value();
        if (!value.startsWith(head) || value.length() == head.length()) {
            return false;
        }
        try {
            return Long.parseLong(value.substring(head.length()), 36) > m.counter();
        } catch (NumberFormatException e) {
            return false; // not one of ours
        }
    }

    long counter() {
        return counter;
    }

    /** Continues where a snapshot's ids stood. */
    void restore(String sessionTag, long count) {
        tag = sessionTag;
        counter = count;
    }

    static String tagOf(long intakeNanos) {
        long millis = Math.max(0, intakeNanos / 1_000_000L);
        String t = Long.toString(millis, 36).toUpperCase(Locale.ROOT);
        if (t.length() >= TAG_LENGTH) {
            return t.substring(t.length() - TAG_LENGTH);
        }
        return "0".repeat(TAG_LENGTH - t.length()) + t;
    }
}
