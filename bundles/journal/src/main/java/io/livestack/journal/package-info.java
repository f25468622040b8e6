/**
 * The write-ahead journal: its binary form ({@link io.livestack.journal.WireOut}, {@link io.livestack.journal.WireIn},
 * {@link io.livestack.journal.EventCodec}, {@link io.livestack.journal.RecordCodec},
 * {@link io.livestack.journal.SnapshotCodec}), its files ({@link io.livestack.journal.JournalWriter},
 * {@link io.livestack.journal.JournalReader}, {@link io.livestack.journal.SnapshotFiles}) and its export
 * ({@link io.livestack.journal.JsonLines}). The layout is described in {@link io.livestack.journal.JournalFormat}.
 */
@Export
@Version("1.1.0")
package io.livestack.journal;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
