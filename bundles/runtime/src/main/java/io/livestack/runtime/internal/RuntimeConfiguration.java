package io.livestack.runtime.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * Configuration of the processing runtime, PID {@value RuntimeConfig#PID} ({@code etc/livestack.runtime.cfg}). The
 * values are parsed and validated by {@link RuntimeConfig#from}, which names the key and the bad value.
 */
@ObjectClassDefinition(id = RuntimeConfig.PID, name = "Live Stack runtime",
        description = "The intake queue, the processing loop and the trading session controller")
public @interface RuntimeConfiguration {

    @AttributeDefinition(name = "Queue capacity", min = "16", max = "16777216",
            description = "Slots in the bounded intake queue; a power of two between 16 and 16777216")
    int queue_capacity() default RuntimeConfig.DEFAULT_QUEUE_CAPACITY;

    @AttributeDefinition(name = "Wait strategy", description = "How the processing thread waits for events: "
            + "parking (spins 20 us, yields 200 us, then parks until the next event wakes it: no CPU when idle; "
            + "default), sleeping (the same but naps 1 ms at a time), blocking (lowest CPU, slower hand-off), "
            + "yielding (low latency, "
            + "keeps a core busy when others want it), busy-spin (lowest latency, burns a core)",
            options = {@Option(label = "parking", value = "parking"),
                @Option(label = "sleeping", value = "sleeping"), @Option(label = "blocking", value = "blocking"),
                @Option(label = "yielding", value = "yielding"), @Option(label = "busy-spin", value = "busy-spin")})
    String waitStrategy() default RuntimeConfig.DEFAULT_WAIT_STRATEGY;

    @AttributeDefinition(name = "ClOrdID prefix", description = "0 to 4 letters or digits in front of every "
            + "ClOrdID this runtime makes (prefix + session tag + counter, at most 20 characters)")
    String clOrdId_prefix() default RuntimeConfig.DEFAULT_CLORDID_PREFIX;

    @AttributeDefinition(name = "Auto-start session",
            description = "Start the trading session as soon as state, strategy host, risk and execution are bound")
    boolean session_autoStart() default RuntimeConfig.DEFAULT_AUTO_START;

    @AttributeDefinition(name = "Session start timeout (ms)", min = "1",
            description = "How long a session start waits for every venue to be logged on and reconciled")
    long session_startTimeoutMs() default RuntimeConfig.DEFAULT_START_TIMEOUT_MS;

    @AttributeDefinition(name = "Session stop timeout (ms)", min = "1",
            description = "How long a session stop waits for the venues to acknowledge the cancels of open orders")
    long session_stopTimeoutMs() default RuntimeConfig.DEFAULT_STOP_TIMEOUT_MS;

    @AttributeDefinition(name = "Session stop flush timeout (ms)", min = "1",
            description = "How long a session stop, after the venues are logged out, waits until every record so far "
                    + "is on disk in the journal and written to the database; then STOPPED anyway, saying how far "
                    + "each got")
    long session_stopFlushTimeoutMs() default RuntimeConfig.DEFAULT_STOP_FLUSH_TIMEOUT_MS;

    @AttributeDefinition(name = "Record buffer capacity", min = "1",
            description = "Execution records kept (in order) while no record sink is bound; beyond it they are "
                    + "counted as dropped")
    int records_bufferCapacity() default RuntimeConfig.DEFAULT_RECORD_BUFFER;

    @AttributeDefinition(name = "Batch size", min = "1", max = "65536",
            description = "Most events processed before the loop serves queries and internal work again")
    int loop_batchSize() default RuntimeConfig.DEFAULT_BATCH_SIZE;
}
