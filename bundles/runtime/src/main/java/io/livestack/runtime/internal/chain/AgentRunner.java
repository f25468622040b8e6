package io.livestack.runtime.internal.chain;

import io.livestack.runtime.internal.sequencer.Sequencer;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one processing thread ({@value #THREAD_NAME}): calls {@link ChainAgent#doWork()} in a loop and idles when it
 * finds nothing to do. Closing stops the sequencer taking events, lets the thread process what is queued (at most
 * {@value #STOP_DRAIN_SECONDS} s, and only while the state stage is bound), then stops it.
 */
public final class AgentRunner implements AutoCloseable {

    public static final String THREAD_NAME = "livestack-chain";
    private static final Logger LOG = LoggerFactory.getLogger(AgentRunner.class);
    private static final long STOP_DRAIN_SECONDS = 5;
    private static final long JOIN_SECONDS = 10;

    private final ChainAgent agent;
    private final Sequencer sequencer;
    private final Thread thread;
    private volatile boolean stopping;

    public AgentRunner(ChainAgent agent, Sequencer sequencer) {
        this.agent = agent;
        this.sequencer = sequencer;
        this.thread = new Thread(this::run, THREAD_NAME);
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        long deadline = 0;
        while (true) {
            int work;
            try {
                work = agent.doWork();
            } catch (Throwable t) {
                LOG.error("processing loop error (continuing)", t);
                work = 0;
            }
            if (stopping) {
                if (deadline == 0) {
                    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_DRAIN_SECONDS);
                }
                if (work == 0 || !agent.open() || System.nanoTime() - deadline > 0) {
                    break;
                }
            } else if (work == 0) {
                agent.idle();
            }
        }
        agent.stopped();
    }

    /** Stops accepting events, processes what is queued, then stops the thread (waiting at most 10 s). */
    @Override
    public void close() {
        stopping = true;
        sequencer.close();
        if (!thread.isAlive()) {
            return;
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(JOIN_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.error("the processing thread did not stop within {} s (a stage is blocking it)", JOIN_SECONDS);
        }
    }
}
