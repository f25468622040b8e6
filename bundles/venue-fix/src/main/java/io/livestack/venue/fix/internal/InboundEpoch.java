package io.livestack.venue.fix.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

/**
 * Where the venue's current inbound numbering began, beside the FIX store ({@value #FILE_NAME}): the journal's mark
 * (the sequence number of the last report from the venue it held, {@code EventIntake.lastJournaledVenueSeq}) when
 * the sequence numbers were last reset.
 * <p>
 * The journal's mark is a bare MsgSeqNum: after a reset (a new session, numbers from 1 again) it still names a
 * message of the previous numbering until the first report of the new one is journaled. Read as a number of the new
 * numbering it would make the adapter, after a crash, ask for a resend from a stale number — too high (nothing is
 * asked: the new session's reports the journal never saw are lost) or too low (the first part of them is skipped).
 * {@link #resumeFrom} therefore takes the mark as stale when it is still the one recorded at the reset (or higher
 * than anything received since), and then asks for everything of the current numbering again (from 1): the runtime
 * books a resent report once (its exec id), and resent market data is dropped as stale.
 */
final class InboundEpoch {

    static final String FILE_NAME = "livestack-inbound-epoch";
    /** {@link #resumeFrom}: keep the store's number. */
    static final int KEEP = 0;

    private final Path file;

    InboundEpoch(Path storeDir) {
        this.file = storeDir.resolve(FILE_NAME);
    }

    /** Records that the numbering started again while the journal's mark was {@code journalMark} (-1: none). */
    void began(long journalMark, Instant at) throws IOException {
        Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
        Files.writeString(tmp, "journalMarkAtReset=" + journalMark + "\nresetAt=" + at + "\n",
                StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The journal's mark at the last reset, or -1 when no reset was recorded (or the file cannot be read). */
    long journalMarkAtReset() throws IOException {
        if (!Files.exists(file)) {
            return -1;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.startsWith("journalMarkAtReset=")) {
                try {
                    return Long.parseLong(line.substring("journalMarkAtReset=".length()).trim());
                } catch (NumberFormatException e) {
                    throw new IOException(file + ": bad line '" + line + "'", e);
                }
            }
        }
        throw new IOException(file + ": no journalMarkAtReset line");
    }

    /**
     * The inbound sequence number the session should expect next so that the venue resends what the journal never
     * saw, or {@link #KEEP}.
     *
     * @param expected     the next inbound number of the FIX store
     * @param journaled    the journal's mark ({@code lastJournaledVenueSeq}); negative: no journal, or none from
     *                     this venue (keep the store's number)
     * @param markAtReset  the journal's mark recorded at the last reset, -1 when none was recorded
     */
    static int resumeFrom(int expected, long journaled, long markAtReset) {
        if (journaled < 0) {
            return KEEP;
        }
        // the mark names a message of the previous numbering: the journal holds nothing of the current one. (A mark
        // equal to the expected number is not stale: the report was journaled, the store not yet advanced.)
        boolean stale = markAtReset >= 0 && journaled == markAtReset || journaled > expected;
        if (stale) {
            return expected > 1 ? 1 : KEEP;
        }
        return journaled + 1 < expected ? (int) journaled + 1 : KEEP;
    }
}
