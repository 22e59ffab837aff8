package io.eventloom.kafka;

/** A Kafka broker that integration tests talk to. */
public interface TestBroker {

    String bootstrapServers();
}
