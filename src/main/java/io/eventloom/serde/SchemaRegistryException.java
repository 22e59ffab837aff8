package io.eventloom.serde;

/** A schema registry refused a request or could not be reached; carries Confluent's error code. */
public final class SchemaRegistryException extends RuntimeException {

    public static final int SUBJECT_NOT_FOUND = 40401;
    public static final int VERSION_NOT_FOUND = 40402;
    public static final int SCHEMA_NOT_FOUND = 40403;
    public static final int INCOMPATIBLE_SCHEMA = 409;
    public static final int INVALID_SCHEMA = 42201;
    public static final int INVALID_VERSION = 42202;
    /** Not a Confluent code: no registry answered at all. */
    public static final int UNREACHABLE = -1;

    private final int errorCode;

    public SchemaRegistryException(int errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(int errorCode, String message, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
    }

    public int errorCode() {
        return errorCode;
    }

    /**
     * True when asking again later may succeed: no registry answered, or it answered with a server error
     * (HTTP 5xx, Confluent's 500xx codes), a timeout or "too many requests", or it refused this client's
     * credentials (401, 403, 40301: an operator fixes those, and the record is not at fault). A refusal of the
     * request itself (unknown id, invalid schema, incompatible) is not transient.
     */
    public boolean isTransient() {
        return errorCode == UNREACHABLE || errorCode == 401 || errorCode == 403 || errorCode == 40301
                || errorCode == 408 || errorCode == 429
                || errorCode >= 500 && errorCode <= 599 || errorCode >= 50000 && errorCode <= 59999;
    }

    /**
     * True when the registry is away or failing for now (unreachable, a 5xx, a timeout, too many requests): transient
     * and not a refusal of this client's credentials, which waiting alone does not mend.
     */
    public boolean isOutage() {
        return isTransient() && !isAccessDenied();
    }

    /** True when the registry refused this client's credentials or their rights (401, 403, Confluent's 40301). */
    public boolean isAccessDenied() {
        return errorCode == 401 || errorCode == 403 || errorCode == 40301;
    }

    public boolean isNotFound() {
        return errorCode == SUBJECT_NOT_FOUND || errorCode == VERSION_NOT_FOUND || errorCode == SCHEMA_NOT_FOUND;
    }
}
