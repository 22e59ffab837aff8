package io.eventloom.cli;

/** The exit codes every operator command uses, so scripts can tell a finding from a fault. */
public final class ExitCodes {

    /** Done, and nothing to report. */
    public static final int OK = 0;
    /** Done, and something was found: a rejection, a difference, a dead letter that stays. */
    public static final int FOUND = 1;
    /** The command line or the configuration is wrong (picocli's own usage code). */
    public static final int USAGE = 2;
    /** Kafka, the registry or the HTTP API could not be reached. */
    public static final int UNAVAILABLE = 3;

    private ExitCodes() {
    }
}
