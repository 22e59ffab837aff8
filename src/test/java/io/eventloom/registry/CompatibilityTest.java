package io.eventloom.registry;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompatibilityTest {

    private static final Schema NAME_ONLY = record("""
            {"name": "name", "type": "string"}""");
    private static final Schema COUNT_WITH_DEFAULT = record("""
            {"name": "name", "type": "string"}, {"name": "count", "type": "int", "default": 0}""");
    private static final Schema COUNT_REQUIRED = record("""
            {"name": "name", "type": "string"}, {"name": "count", "type": "int"}""");

    @Test
    void givenBackward_whenNewSchemaAddsRequiredField_thenRefusedButAddingOneWithDefaultIsFine() {
        assertThat(Compatibility.BACKWARD.problem(COUNT_REQUIRED, List.of(NAME_ONLY))).isPresent();
        assertThat(Compatibility.BACKWARD.problem(COUNT_WITH_DEFAULT, List.of(NAME_ONLY))).isEmpty();
    }

    @Test
    void givenForward_whenNewSchemaDropsFieldOldReadersNeed_thenRefused() {
        assertThat(Compatibility.FORWARD.problem(NAME_ONLY, List.of(COUNT_REQUIRED))).isPresent();
        assertThat(Compatibility.FORWARD.problem(COUNT_REQUIRED, List.of(NAME_ONLY))).isEmpty();
    }

    @Test
    void givenFull_whenChangeIsOnlyOneWayCompatible_thenRefused() {
        assertThat(Compatibility.FULL.problem(COUNT_REQUIRED, List.of(NAME_ONLY))).isPresent();
        assertThat(Compatibility.FULL.problem(NAME_ONLY, List.of(COUNT_REQUIRED))).isPresent();
        assertThat(Compatibility.FULL.problem(COUNT_WITH_DEFAULT, List.of(NAME_ONLY))).isEmpty();
    }

    @Test
    void givenHistory_whenOnlyTheLatestIsCompatible_thenTransitiveRefusesAndPlainAccepts() {
        List<Schema> newestFirst = List.of(COUNT_WITH_DEFAULT, NAME_ONLY);

        assertThat(Compatibility.BACKWARD.problem(COUNT_REQUIRED, newestFirst)).isEmpty();
        assertThat(Compatibility.BACKWARD_TRANSITIVE.problem(COUNT_REQUIRED, newestFirst)).isPresent();
        assertThat(Compatibility.FULL_TRANSITIVE.problem(COUNT_REQUIRED, newestFirst)).isPresent();
        assertThat(Compatibility.FORWARD_TRANSITIVE.problem(NAME_ONLY, List.of(COUNT_WITH_DEFAULT, COUNT_REQUIRED)))
                .isPresent();
        assertThat(Compatibility.FORWARD.problem(NAME_ONLY, List.of(COUNT_WITH_DEFAULT, COUNT_REQUIRED))).isEmpty();
    }

    @Test
    void givenNone_whenAnythingChanges_thenAccepted() {
        assertThat(Compatibility.NONE.problem(Schema.create(Schema.Type.STRING), List.of(COUNT_REQUIRED))).isEmpty();
    }

    @Test
    void givenLevelNames_whenParsed_thenCaseIgnoredAndUnknownRefusedWith42203() {
        assertThat(Compatibility.parse("full_transitive")).isEqualTo(Compatibility.FULL_TRANSITIVE);
        assertThatThrownBy(() -> Compatibility.parse("SIDEWAYS"))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(42203));
    }

    private static Schema record(String fields) {
        return new Schema.Parser().parse(
                "{\"type\": \"record\", \"name\": \"Item\", \"namespace\": \"test\", \"fields\": [" + fields + "]}");
    }
}
