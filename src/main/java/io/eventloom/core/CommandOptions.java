package io.eventloom.core;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/** How to send one command: its id (the idempotency key), expected version, correlation and metadata. */
public record CommandOptions(
        String commandId,
        OptionalLong expectedVersion,
        Optional<String> correlationId,
        Optional<String> causationId,
        Map<String, String> metadata) {

    public CommandOptions {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(expectedVersion, "expectedVersion");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(causationId, "causationId");
        metadata = Map.copyOf(metadata);
    }

    /** A fresh random command id, no expected version; the correlation id defaults to the command id. */
    public static CommandOptions defaults() {
        return withId(UUID.randomUUID().toString());
    }

    public static CommandOptions withId(String commandId) {
        return new CommandOptions(commandId, OptionalLong.empty(), Optional.empty(), Optional.empty(), Map.of());
    }

    public CommandOptions expectingVersion(long version) {
        return new CommandOptions(commandId, OptionalLong.of(version), correlationId, causationId, metadata);
    }
}
