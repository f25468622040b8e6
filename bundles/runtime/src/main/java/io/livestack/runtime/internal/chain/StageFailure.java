package io.livestack.runtime.internal.chain;

/** A stage threw: the cause, blamed on the stage that was called. Thrown by {@link Guard} only. */
public final class StageFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Stage stage;

    StageFailure(Stage stage, Throwable cause) {
        super(stage.label() + " failed: " + cause, cause, false, false);
        this.stage = stage;
    }

    public Stage stage() {
        return stage;
    }
}
