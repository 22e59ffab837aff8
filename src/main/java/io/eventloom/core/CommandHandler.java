package io.eventloom.core;

import io.eventloom.core.avro.CommandResult;
import io.eventloom.core.avro.CommandStatus;
import org.apache.avro.specific.SpecificRecord;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static io.eventloom.core.RuntimeRejections.CONCURRENCY_CONFLICT;
import static io.eventloom.core.RuntimeRejections.INVALID_COMMAND;

/**
 * Turns one command and the aggregate's current snapshot into events, the next snapshot and a result:
 * envelope checks, optimistic concurrency, then the decider, then versioning. No Kafka here; deduplication and
 * the record limit are the processor's.
 */
final class CommandHandler<S extends SpecificRecord> {

    /** Keys live in every store key and record of the aggregate: a bound keeps all of those small. */
    static final int MAX_AGGREGATE_ID_BYTES = 1024;
    /** A rejection message is for people; a decider echoing a huge input must not make the result huge. */
    static final int MAX_MESSAGE_CHARS = 2000;

    private final AggregateType<S> type;

    CommandHandler(AggregateType<S> type) {
        this.type = type;
    }

    /** What handling one command produced; {@code next} equals the current snapshot when nothing was appended. */
    record Handled<S>(Snapshot<S> next, List<StoredEvent> events, CommandResult result) {
    }

    /** @param origin the process manager instance that sent the command, empty for a client's */
    Handled<S> handle(String key, IncomingCommand command, Snapshot<S> current, Optional<ProcessOrigin> origin,
                      Instant now) {
        Optional<String> invalid = invalidEnvelope(key, command);
        if (invalid.isPresent()) {
            return rejected(command, current, origin, INVALID_COMMAND, invalid.get(), now);
        }
        if (command.expectedVersion().isPresent() && command.expectedVersion().getAsLong() != current.version()) {
            return rejected(command, current, origin, CONCURRENCY_CONFLICT, "expected version "
                    + command.expectedVersion().getAsLong() + " but " + type.name() + " " + command.aggregateId()
                    + " is at version " + current.version(), now);
        }
        Decision<SpecificRecord> decision = type.decider().decide(command.payload(), current.state());
        if (decision instanceof Decision.Rejected<SpecificRecord> rejection) {
            return rejected(command, current, origin, rejection.code(), rejection.message(), now);
        }
        List<SpecificRecord> payloads = ((Decision.Accepted<SpecificRecord>) decision).events();
        List<StoredEvent> events = new ArrayList<>(payloads.size());
        Snapshot<S> next = current;
        for (SpecificRecord payload : payloads) {
            long version = next.version() + 1;
            StoredEvent event = new StoredEvent(eventId(command, version), command.aggregateId(), version, now,
                    command.commandId(), command.correlationId(), Optional.of(command.commandId()), payload);
            next = next.next(type.decider(), event);
            events.add(event);
        }
        CommandResult result = result(command, origin, CommandStatus.ACCEPTED, next.version(), now)
                .setEventCount(events.size())
                .setEventTypes(payloads.stream().map(p -> p.getSchema().getName()).toList())
                .build();
        return new Handled<>(next, events, result);
    }

    /** A rejection of the command with the runtime's or a decider's code; nothing is appended. */
    Handled<S> rejected(IncomingCommand command, Snapshot<S> current, Optional<ProcessOrigin> origin, String code,
                        String message, Instant now) {
        CommandResult result = result(command, origin, CommandStatus.REJECTED, current.version(), now)
                .setEventCount(0)
                .setRejectionCode(code)
                .setRejectionMessage(clamp(message))
                .build();
        return new Handled<>(current, List.of(), result);
    }

    private Optional<String> invalidEnvelope(String key, IncomingCommand command) {
        if (!command.aggregateId().equals(key)) {
            return Optional.of("record key '" + clamp(String.valueOf(key)) + "' differs from the envelope's"
                    + " aggregateId '" + clamp(command.aggregateId()) + "'; commands must be keyed by aggregate id");
        }
        if (command.aggregateId().isEmpty() || hasControlCharacter(command.aggregateId())) {
            return Optional.of("aggregate id must be non-empty and free of control characters");
        }
        // A char is at most 3 bytes in UTF-8 (a surrogate pair is 4 for 2 chars): short ids need no encoding.
        if (command.aggregateId().length() * 3 > MAX_AGGREGATE_ID_BYTES
                && command.aggregateId().getBytes(StandardCharsets.UTF_8).length > MAX_AGGREGATE_ID_BYTES) {
            return Optional.of("aggregate id must be at most " + MAX_AGGREGATE_ID_BYTES + " bytes in UTF-8");
        }
        return Optional.empty();
    }

    private static boolean hasControlCharacter(String id) {
        for (int i = 0; i < id.length(); i++) {
            if (Character.isISOControl(id.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static CommandResult.Builder result(IncomingCommand command, Optional<ProcessOrigin> origin,
                                                CommandStatus status, long version, Instant now) {
        return CommandResult.newBuilder()
                .setCommandId(command.commandId())
                .setAggregateId(command.aggregateId())
                .setStatus(status)
                .setVersion(version)
                .setCorrelationId(command.correlationId())
                .setCausationId(command.causationId().orElse(null))
                .setProcessedAt(now)
                .setProcess(origin.map(ProcessOrigin::process).orElse(null))
                .setProcessInstance(origin.map(ProcessOrigin::instance).orElse(null));
    }

    private static String clamp(String message) {
        return message.length() <= MAX_MESSAGE_CHARS ? message
                : message.substring(0, MAX_MESSAGE_CHARS) + "… (" + (message.length() - MAX_MESSAGE_CHARS)
                + " more characters)";
    }

    // Derived, not random: a command reprocessed after a crash yields the very same event ids.
    private String eventId(IncomingCommand command, long version) {
        String name = type.name() + "/" + command.aggregateId() + "/" + command.commandId() + "/" + version;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
