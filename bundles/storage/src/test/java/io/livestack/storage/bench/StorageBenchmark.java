package io.livestack.storage.bench;

import io.livestack.storage.internal.BenchSupport;

/**
 * Storage benchmark (not a test; prints figures, never fails the build):
 * <pre>
 * cd bundles &amp;&amp; mvn -B -q -pl storage test-compile exec:java \
 *     [-Dbench.records=200000] [-Dbench.rate=10000] [-Dbench.seconds=20]
 * </pre>
 * 1. sustained records/s through the Camel routes into an H2 file database (target/bench/), durability SYNC;
 * 2. the same rows by plain JDBC batch inserts into the same database (same batch size, commit + CHECKPOINT SYNC),
 * and the ratio; plain JDBC also with CHECKPOINT (no fsync) and commit only, to show what durability costs;
 * 3. record-to-durable latency percentiles (HdrHistogram) at a steady offered rate of 10,000 records/s.
 */
public final class StorageBenchmark {

    private StorageBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchSupport.run(Integer.getInteger("bench.records", 200_000), Integer.getInteger("bench.rate", 10_000),
                Integer.getInteger("bench.seconds", 20), System.out);
    }
}
