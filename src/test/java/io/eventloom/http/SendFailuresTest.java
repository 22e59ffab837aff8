package io.eventloom.http;

import io.eventloom.serde.SchemaRegistryException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SendFailuresTest {

    @Test
    void givenTheProducersRecordTooLarge_whenDescribed_thenTheLimitIsNamed() {
        RecordTooLargeException e = new RecordTooLargeException("The message is 2000123 bytes when serialized which"
                + " is larger than 1048576, which is the value of the max.request.size configuration.");

        assertThat(SendFailures.tooLarge(e)).contains("at most 1048576 bytes");
    }

    @Test
    void givenTheBrokersRecordTooLarge_whenDescribed_thenTheLimitingSettingsAreNamed() {
        RecordTooLargeException e = new RecordTooLargeException("The request included a message larger than the max"
                + " message size the server will accept.");

        assertThat(SendFailures.tooLarge(e)).contains("max.request.size", "max.message.bytes");
    }

    @Test
    void givenRegistryUnreachableOrFailing_whenSerializationFails_thenUnavailable() {
        assertThat(SendFailures.registryUnavailable(wrapped(SchemaRegistryException.UNREACHABLE))).isTrue();
        assertThat(SendFailures.registryUnavailable(wrapped(500))).isTrue();
        assertThat(SendFailures.registryUnavailable(wrapped(50001))).isTrue();
    }

    @Test
    void givenRegistryRefusingTheSchemaOrNoRegistryInvolved_whenSerializationFails_thenNotUnavailable() {
        assertThat(SendFailures.registryUnavailable(wrapped(SchemaRegistryException.INCOMPATIBLE_SCHEMA))).isFalse();
        assertThat(SendFailures.registryUnavailable(wrapped(SchemaRegistryException.INVALID_SCHEMA))).isFalse();
        assertThat(SendFailures.registryUnavailable(new SerializationException("cannot write"))).isFalse();
    }

    private static SerializationException wrapped(int errorCode) {
        return new SerializationException("schema not usable",
                new SchemaRegistryException(errorCode, "registry says " + errorCode));
    }
}
