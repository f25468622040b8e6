package io.livestack.itests.chain;

import io.livestack.storage.internal.BenchSupport;
import java.nio.file.Path;

/**
 * Storage benchmark (a main, not a test; prints figures, never fails the build), over the storage bundle's real
 * store (the projection of a journal: Camel routes, JDBC writer, projection mark) fed by an in-memory journal
 * ({@code BenchSupport.BenchJournal}), on an H2 file database under {@code itests/chain/target/storage-bench/}:
 * <pre>
 * mvn -B -q -pl itests/chain test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.livestack.itests.chain.StorageBenchmark \
 *     [-Dbench.records=200000] [-Dbench.rate=10000] [-Dbench.seconds=20]
 * </pre>
 * 1. sustained records/s of the store catching up with a journal that holds the whole run, durability SYNC; 2. the
 * same rows by plain JDBC batch inserts into the same database (same statements, batch size, commit + CHECKPOINT
 * SYNC), alternated, best of two, and the ratio; plain JDBC also with CHECKPOINT (no fsync) and commit only, and a
 * single-row commit + sync, to show what durability costs; 3. journaled-to-durable latency percentiles
 * (HdrHistogram) at a steady journaled rate after a warm-up. The work itself is {@link BenchSupport}. Figures and the
 * command in docs/benchmarks.md ("Storage").
 */
public final class StorageBenchmark {

    private StorageBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String configured = System.getProperty("bench.dir");
        // default: beside this module's test classes (itests/chain/target), whatever directory Maven was started in
        Path dir = configured != null ? Path.of(configured) : Path.of(StorageBenchmark.class.getProtectionDomain()
                .getCodeSource().getLocation().toURI()).resolveSibling("storage-bench");
        BenchSupport.run(dir, Integer.getInteger("bench.records", 200_000), Integer.getInteger("bench.rate", 10_000),
                Integer.getInteger("bench.seconds", 20), System.out);
    }
}
