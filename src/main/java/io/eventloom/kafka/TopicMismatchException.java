package io.eventloom.kafka;

/** A topic exists but not in the shape Eventloom needs (e.g. another partition count); starting would be unsafe. */
public final class TopicMismatchException extends RuntimeException {

    public TopicMismatchException(String message) {
        super(message);
    }
}
