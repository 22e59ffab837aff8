package io.eventloom.registry;

import java.util.Arrays;

/** A request the registry refuses, carrying Confluent's error code and the HTTP status it is sent with. */
final class RegistryException extends RuntimeException {

    private final int errorCode;
    private final int httpStatus;

    RegistryException(int errorCode, int httpStatus, String message) {
        super(message);
        this.errorCode = errorCode;
        this.httpStatus = httpStatus;
    }

    int errorCode() {
        return errorCode;
    }

    int httpStatus() {
        return httpStatus;
    }

    static RegistryException subjectNotFound(String subject) {
        return new RegistryException(40401, 404, "Subject '" + subject + "' not found.");
    }

    static RegistryException versionNotFound(String subject, int version) {
        return new RegistryException(40402, 404, "Version " + version + " not found for subject '" + subject + "'.");
    }

    static RegistryException schemaNotFound(String detail) {
        return new RegistryException(40403, 404, "Schema not found: " + detail);
    }

    static RegistryException subjectNotSoftDeleted(String subject) {
        return new RegistryException(40405, 404, "Subject '" + subject + "' was not deleted first before being"
                + " permanently deleted");
    }

    static RegistryException versionNotSoftDeleted(String subject, int version) {
        return new RegistryException(40407, 404, "Subject '" + subject + "' Version " + version + " was not deleted"
                + " first before being permanently deleted");
    }

    static RegistryException permanentDeleteNotPermitted(String what) {
        return new RegistryException(42205, 422, "Operation not permitted: " + what + " cannot be deleted"
                + " permanently; this registry keeps every schema, so events written with it stay readable");
    }

    static RegistryException subjectLevelNotConfigured(String subject) {
        return new RegistryException(40408, 404,
                "Subject '" + subject + "' does not have subject-level compatibility configured");
    }

    static RegistryException incompatible(String subject, String details) {
        return new RegistryException(409, 409, "Schema being registered is incompatible with an earlier schema for"
                + " subject \"" + subject + "\", details: " + details);
    }

    static RegistryException invalidSchema(String detail) {
        return new RegistryException(42201, 422, "Invalid schema: " + detail);
    }

    static RegistryException invalidVersion(String version) {
        return new RegistryException(42202, 422, "The specified version '" + version + "' is not a valid version id."
                + " Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    static RegistryException invalidCompatibilityLevel(String level) {
        return new RegistryException(42203, 422, "Invalid compatibility level '" + level + "'. Valid values are "
                + Arrays.toString(Compatibility.values()));
    }

    static RegistryException badRequest(String detail) {
        return new RegistryException(400, 400, detail);
    }

    static RegistryException timeout(String detail) {
        return new RegistryException(50002, 500, "Operation timed out: " + detail);
    }

    static RegistryException storeError(String detail) {
        return new RegistryException(50001, 500, "Error in the backend data store: " + detail);
    }
}
