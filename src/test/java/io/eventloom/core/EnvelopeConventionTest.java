package io.eventloom.core;

import io.eventloom.core.counter.CounterCommandEnvelope;
import io.eventloom.core.counter.CounterDecider;
import io.eventloom.core.counter.CounterEventEnvelope;
import io.eventloom.core.counter.CounterState;
import io.eventloom.serde.testing.Greeting;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The envelope convention says, field by field, where a schema departs from it; a type that does is refused. */
class EnvelopeConventionTest {

    @Test
    void givenCommandEnvelopeWithWrongTypeMissingDefaultAndExtraField_whenChecked_thenEachProblemNamed() {
        Schema envelope = new Schema.Parser().parse("""
                {"type": "record", "name": "OddCommandEnvelope", "fields": [
                  {"name": "commandId", "type": "string"},
                  {"name": "aggregateId", "type": "string"},
                  {"name": "expectedVersion", "type": ["null", "int"], "default": null},
                  {"name": "issuedAt", "type": "long"},
                  {"name": "correlationId", "type": "string"},
                  {"name": "causationId", "type": ["null", "string"]},
                  {"name": "metadata", "type": {"type": "map", "values": "string"}, "default": {}},
                  {"name": "payload", "type": [{"type": "record", "name": "Odd", "fields": []}]},
                  {"name": "extra", "type": "string"}
                ]}""");

        assertThat(EnvelopeConvention.COMMAND.problems(envelope)).containsExactly(
                "OddCommandEnvelope field 3 is expectedVersion: [null, int] = null but the convention says"
                        + " expectedVersion: [null, long] = null",
                "OddCommandEnvelope field 4 is issuedAt: long, no default but the convention says"
                        + " issuedAt: long (timestamp-millis), no default",
                "OddCommandEnvelope field 6 is causationId: [null, string], no default but the convention says"
                        + " causationId: [null, string] = null",
                "OddCommandEnvelope field 9 is extra: string, no default, which the convention does not have");
    }

    @Test
    void givenTheTestDomainsEnvelopes_whenChecked_thenNoProblems() {
        assertThat(EnvelopeConvention.COMMAND.problems(CounterCommandEnvelope.getClassSchema())).isEmpty();
        assertThat(EnvelopeConvention.EVENT.problems(CounterEventEnvelope.getClassSchema())).isEmpty();
    }

    @Test
    void givenEnvelopesSwapped_whenAggregateTypeDeclared_thenRefusedNamingTheFields() {
        assertThatIllegalArgumentException().isThrownBy(() -> new AggregateType<>("counter", new CounterDecider(),
                        CounterEventEnvelope.class, CounterCommandEnvelope.class, CounterState.class))
                .withMessageStartingWith("aggregate type counter breaks the envelope convention: "
                        + "CounterEventEnvelope field 1 is eventId: string, no default but the convention says"
                        + " commandId: string, no default;");
    }

    @Test
    void givenRecordWithFewerFields_whenChecked_thenMissingFieldsNamed() {
        assertThat(EnvelopeConvention.EVENT.problems(Greeting.getClassSchema())).contains(
                "Greeting field 4 is missing; the convention says occurredAt: long (timestamp-millis), no default",
                "Greeting field 8 is missing; the convention says payload: union of records, no default");
    }
}
