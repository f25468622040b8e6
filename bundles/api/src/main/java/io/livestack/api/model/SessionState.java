package io.livestack.api.model;

/** The trading session lifecycle. */
public enum SessionState {
    STOPPED, STARTING, RUNNING, STOPPING
}
