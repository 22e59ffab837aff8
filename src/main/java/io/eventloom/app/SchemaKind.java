package io.eventloom.app;

import io.eventloom.registry.Compatibility;

/** What a schema carries, which decides how far back data written with it must stay readable. */
enum SchemaKind {
    /** Event envelopes: the log keeps every event forever, so every version ever written must stay readable. */
    EVENTS(Compatibility.BACKWARD_TRANSITIVE),
    /** Command envelopes: a command is read soon after it is sent, by the version running then or the next one. */
    COMMANDS(Compatibility.BACKWARD),
    /** Command results: read as soon as they are written. */
    COMMAND_RESULTS(Compatibility.BACKWARD),
    /**
     * Aggregate state: a snapshot is a cache of the aggregate's events, and one that cannot be read as the current
     * state schema is rebuilt from them, so the state schema may change in any way.
     */
    SNAPSHOTS(Compatibility.NONE),
    /**
     * Process state, projection rows, processed commands, and any type only used inside others: a compacted
     * changelog keeps each key's last record however old it is, a restore reads every one, and nothing rebuilds
     * them.
     */
    STATE(Compatibility.BACKWARD_TRANSITIVE);

    private final Compatibility level;

    SchemaKind(Compatibility level) {
        this.level = level;
    }

    /** The level a subject of this kind gets unless an override names it. */
    Compatibility level() {
        return level;
    }
}
