package io.livestack.runtime.internal.operator;

/** What the operator surface shows of the journal's part of the runtime (recovery and snapshots); any thread. */
public interface JournalView {

    /** What the start did: the recovery from the journal, what it waits for, or why it failed. */
    String recoveryStatus();

    /** Why the recovery failed (the runtime takes no events), or null. */
    String recoveryFailure();

    /** The seq of the last snapshot this runtime took (0: none yet). */
    long lastSnapshotSeq();

    /** Why the last snapshot could not be written, or null. */
    String snapshotFailure();

    /** The journal's directory. */
    java.nio.file.Path directory();

    /** After a failed recovery: start with an empty state (see {@code LiveRuntime.startFresh}). */
    String startFresh(String user);
}
