package io.eventloom.core;

import org.slf4j.MDC;

import java.util.List;

/**
 * The log context (SLF4J's MDC) of what is done for one command or one process input on a stream thread: set when
 * its processing starts, cleared when it ends. When processing throws, it stays until the exception handler has
 * logged the dead letter or fault, so those lines name the command too; the next record's processing replaces it.
 */
public final class LogContext {

    public static final String COMMAND_ID = "commandId";
    public static final String AGGREGATE_TYPE = "aggregateType";
    public static final String AGGREGATE_ID = "aggregateId";
    public static final String CORRELATION_ID = "correlationId";
    public static final String PROCESS = "process";
    public static final String PROCESS_INSTANCE = "processInstance";

    private static final List<String> KEYS = List.of(COMMAND_ID, AGGREGATE_TYPE, AGGREGATE_ID, CORRELATION_ID,
            PROCESS, PROCESS_INSTANCE);

    private LogContext() {
    }

    /** The context of a command about to be processed. */
    static void command(String aggregateType, IncomingCommand command) {
        clear();
        MDC.put(COMMAND_ID, command.commandId());
        MDC.put(AGGREGATE_TYPE, aggregateType);
        MDC.put(AGGREGATE_ID, command.aggregateId());
        MDC.put(CORRELATION_ID, command.correlationId());
    }

    /** The context of an input a process instance is about to react to. */
    static void processInput(String process, String instance, String correlationId) {
        clear();
        MDC.put(PROCESS, process);
        MDC.put(PROCESS_INSTANCE, instance);
        if (correlationId != null) {
            MDC.put(CORRELATION_ID, correlationId);
        }
    }

    /** Removes what this class put, and only that: other context of the thread stays. */
    static void clear() {
        KEYS.forEach(MDC::remove);
    }
}
