package io.eventloom.app;

/** A setting is missing or malformed; the message names the setting and how to set it. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }
}
