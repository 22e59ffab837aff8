package io.eventloom.core;

import java.util.Objects;

/** Which process manager, and which of its instances, sent a command; clients' commands have none. */
record ProcessOrigin(String process, String instance) {

    ProcessOrigin {
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(instance, "instance");
    }

    /** Read from a command that came in on a process's internal topic, where only the runtime writes. */
    static ProcessOrigin of(IncomingCommand command) {
        String process = command.metadata().get(ProcessProcessor.PROCESS_METADATA);
        String instance = command.metadata().get(ProcessProcessor.INSTANCE_METADATA);
        if (process == null || process.isEmpty() || instance == null) {
            throw new IllegalStateException("command " + command.commandId() + " came from a process but does not"
                    + " name the process and its instance in its metadata");
        }
        return new ProcessOrigin(process, instance);
    }
}
