package io.eventloom.registry;

import java.util.List;

/** What applying a {@link LogRecord} did: the answer the instance that wrote it gives its client. */
sealed interface Outcome {

    record Registered(int id, int version) implements Outcome {
    }

    record Deleted(List<Integer> versions) implements Outcome {
    }

    /** A level was set or cleared; {@code level} is the new one, or the removed one on clear. */
    record LevelChanged(Compatibility level) implements Outcome {
    }

    record Refused(RegistryException error) implements Outcome {
    }
}
