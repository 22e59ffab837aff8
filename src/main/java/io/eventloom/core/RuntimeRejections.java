package io.eventloom.core;

/**
 * The rejection codes the runtime itself gives, before or after a decider decides; clients branch on them, so
 * they never change.
 */
public final class RuntimeRejections {

    /** The command's expected version is not the aggregate's version. */
    public static final String CONCURRENCY_CONFLICT = "CONCURRENCY_CONFLICT";
    /** The envelope is malformed: its key differs from its aggregate id, or the id is empty, too long or has
     * control characters, or the command reached the wrong partition twice. */
    public static final String INVALID_COMMAND = "INVALID_COMMAND";
    /** The command's events, the aggregate's new state or its result would not fit the log's record limit. */
    public static final String RECORD_TOO_LARGE = "RECORD_TOO_LARGE";
    /** The command id was used before, on this aggregate, for a command asking something else. */
    public static final String IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED";

    private RuntimeRejections() {
    }
}
