package io.eventloom.bench;

/** Which side of a comparison a figure belongs to, as the report names it. */
enum SystemUnderTest {

    RAW("raw Kafka Streams"),
    EVENTLOOM("Eventloom");

    private final String label;

    SystemUnderTest(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
