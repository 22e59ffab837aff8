package io.eventloom.bench;

/** How a runtime was brought back, in the order the results table lists them. */
enum RestartKind {

    CLEAN("clean (SIGTERM)"),
    AFTER_KILL("warm after kill -9"),
    COLD("cold (empty state dir)");

    private final String label;

    RestartKind(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
