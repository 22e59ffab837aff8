package io.eventloom.shop;

import io.eventloom.core.AggregateType;
import io.eventloom.core.EnvelopeConvention;
import io.eventloom.core.counter.CounterAggregate;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParser;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every envelope schema the build generates classes from, the shop's and the test domain's, follows the
 * {@link EnvelopeConvention} field by field. A record named {@code …CommandEnvelope} or {@code …EventEnvelope} is an
 * envelope.
 */
class EnvelopeSchemasTest {

    private static final List<Path> SCHEMA_DIRECTORIES = List.of(Path.of("schemas"), Path.of("src", "test", "avro"));

    @Test
    void givenEveryEnvelopeSchemaInTheBuild_whenCheckedAgainstTheConvention_thenEachFollowsItFieldByField()
            throws IOException {
        Map<String, Schema> envelopes = envelopeSchemas();

        SoftAssertions softly = new SoftAssertions();
        envelopes.forEach((name, schema) -> softly.assertThat(conventionOf(schema).problems(schema))
                .as("%s against the %s envelope convention", name, conventionOf(schema)).isEmpty());
        softly.assertAll();
    }

    @Test
    void givenTheRegisteredAggregateTypes_whenSchemasAreRead_thenTheirEnvelopesAreAmongThoseChecked()
            throws IOException {
        List<AggregateType<?>> types = new ArrayList<>(Shop.aggregateTypes());
        types.add(CounterAggregate.TYPE);

        assertThat(envelopeSchemas().keySet()).containsAll(types.stream()
                .flatMap(type -> Stream.of(type.commandEnvelope(), type.eventEnvelope()))
                .map(Class::getName).toList());
    }

    // One parser for every file, so that a schema may name a type another file defines.
    private static Map<String, Schema> envelopeSchemas() throws IOException {
        SchemaParser parser = new SchemaParser();
        for (Path directory : SCHEMA_DIRECTORIES) {
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList()) {
                    parser.parse(file);
                }
            }
        }
        return parser.getParsedNamedSchemas().stream()
                .filter(schema -> schema.getName().endsWith("CommandEnvelope")
                        || schema.getName().endsWith("EventEnvelope"))
                .collect(Collectors.toMap(Schema::getFullName, Function.identity()));
    }

    private static EnvelopeConvention conventionOf(Schema envelope) {
        return envelope.getName().endsWith("CommandEnvelope") ? EnvelopeConvention.COMMAND : EnvelopeConvention.EVENT;
    }
}
