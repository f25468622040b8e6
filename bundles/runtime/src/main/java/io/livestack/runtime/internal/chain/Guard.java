package io.livestack.runtime.internal.chain;

import java.util.function.Supplier;

/**
 * Calls into a stage and blames it when it throws: the one place a failure gets the name of the stage that caused
 * it. A failure that already carries a blame (a stage called back into the chain, which called another stage that
 * failed) keeps it.
 */
public final class Guard {

    private Guard() {
    }

    public static void run(Stage stage, Runnable call) {
        try {
            call.run();
        } catch (StageFailure blamed) {
            throw blamed;
        } catch (Throwable t) {
            throw new StageFailure(stage, t);
        }
    }

    public static <T> T call(Stage stage, Supplier<T> call) {
        try {
            return call.get();
        } catch (StageFailure blamed) {
            throw blamed;
        } catch (Throwable t) {
            throw new StageFailure(stage, t);
        }
    }
}
