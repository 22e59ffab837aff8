package io.eventloom.cli;

import java.io.PrintWriter;

/** What an operator command makes of an answer other than 200 from the HTTP API: a message and its exit code. */
public final class ApiAnswers {

    private ApiAnswers() {
    }

    /** Prints why, and returns 1 for not found, 2 for a missing or insufficient token or a bad request, else 3. */
    public static int refused(ApiClient.Answer answer, PrintWriter err) {
        int status = answer.status();
        if (status == 404) {
            err.println("Not found: " + answer.message());
            return ExitCodes.FOUND;
        }
        if (status == 401 || status == 403) {
            err.println("Refused by the HTTP API (" + status + "): " + answer.message()
                    + "; give a key with --token-file or EVENTLOOM_TOKEN");
            return ExitCodes.USAGE;
        }
        err.println("The HTTP API answered " + status + ": " + answer.message());
        return status >= 500 ? ExitCodes.UNAVAILABLE : ExitCodes.USAGE;
    }

    /** Prints that the API could not be reached, and returns 3. */
    public static int unreachable(ApiClient client, Exception cause, PrintWriter err) {
        err.println("Cannot reach the HTTP API at " + client.baseUrl() + ": "
                + (cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName()));
        return ExitCodes.UNAVAILABLE;
    }
}
