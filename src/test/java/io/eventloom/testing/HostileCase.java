package io.eventloom.testing;

/** One request of a hostile corpus and the status it must get: always a clear 4xx (or 2xx), never a 5xx. */
public record HostileCase(RawHttp.Request request, int expectedStatus) {

    public HostileCase {
        if (expectedStatus >= 500) {
            throw new IllegalArgumentException("a hostile request must never get a 5xx: " + request);
        }
    }

    @Override
    public String toString() {
        return request + " -> " + expectedStatus;
    }
}
