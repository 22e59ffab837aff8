package io.eventloom.registry;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompatibilityTest {

    private static final Schema NAME_ONLY = record("""
            {"name": "name", "type": "string"}""");
    private static final Schema COUNT_WITH_DEFAULT = record("""
            {"name": "name", "type": "string"}, {"name": "count", "type": "int", "default": 0}""");
    private static final Schema COUNT_REQUIRED = record("""
            {"name": "name", "type": "string"}, {"name": "count", "type": "int"}""");

    private static final String PLACED = """
            {"type": "record", "name": "OrderPlaced", "fields": [{"name": "id", "type": "string"}]}""";
    private static final String CANCELLED = """
            {"type": "record", "name": "OrderCancelled", "fields": [{"name": "reason", "type": "int"}]}""";
    private static final Schema ENVELOPE = envelope(PLACED + ", " + CANCELLED);

    @Test
    void givenBackward_whenNewSchemaAddsRequiredField_thenRefusedButAddingOneWithDefaultIsFine() {
        assertThat(Compatibility.BACKWARD.refusal(COUNT_REQUIRED, versions(NAME_ONLY))).isPresent();
        assertThat(Compatibility.BACKWARD.refusal(COUNT_WITH_DEFAULT, versions(NAME_ONLY))).isEmpty();
    }

    @Test
    void givenForward_whenNewSchemaDropsFieldOldReadersNeed_thenRefused() {
        assertThat(Compatibility.FORWARD.refusal(NAME_ONLY, versions(COUNT_REQUIRED))).hasValueSatisfying(refusal ->
                assertThat(refusal.reasons()).containsExactly("field 'count' in Item was removed, and the earlier"
                        + " version has no default for it, so readers of version 1 cannot read data written with the"
                        + " new schema"));
        assertThat(Compatibility.FORWARD.refusal(COUNT_REQUIRED, versions(NAME_ONLY))).isEmpty();
    }

    @Test
    void givenFull_whenChangeIsOnlyOneWayCompatible_thenRefused() {
        assertThat(Compatibility.FULL.refusal(COUNT_REQUIRED, versions(NAME_ONLY))).isPresent();
        assertThat(Compatibility.FULL.refusal(NAME_ONLY, versions(COUNT_REQUIRED))).isPresent();
        assertThat(Compatibility.FULL.refusal(COUNT_WITH_DEFAULT, versions(NAME_ONLY))).isEmpty();
    }

    @Test
    void givenHistory_whenOnlyTheLatestIsCompatible_thenTransitiveRefusesAndPlainAccepts() {
        List<SchemaVersion> newestFirst = versions(COUNT_WITH_DEFAULT, NAME_ONLY);

        assertThat(Compatibility.BACKWARD.refusal(COUNT_REQUIRED, newestFirst)).isEmpty();
        assertThat(Compatibility.BACKWARD_TRANSITIVE.refusal(COUNT_REQUIRED, newestFirst))
                .hasValueSatisfying(refusal -> assertThat(refusal.earlier().version()).isEqualTo(1));
        assertThat(Compatibility.FULL_TRANSITIVE.refusal(COUNT_REQUIRED, newestFirst)).isPresent();
        assertThat(Compatibility.FORWARD_TRANSITIVE.refusal(NAME_ONLY, versions(COUNT_WITH_DEFAULT, COUNT_REQUIRED)))
                .isPresent();
        assertThat(Compatibility.FORWARD.refusal(NAME_ONLY, versions(COUNT_WITH_DEFAULT, COUNT_REQUIRED))).isEmpty();
    }

    @Test
    void givenNone_whenAnythingChanges_thenAccepted() {
        assertThat(Compatibility.NONE.refusal(Schema.create(Schema.Type.STRING), versions(COUNT_REQUIRED))).isEmpty();
    }

    @Test
    void givenANewFieldWithoutDefaultInAUnionBranch_whenChecked_thenTheReasonNamesTheFieldAndItsRecord() {
        Schema withChannel = envelope(PLACED.replace("}]}", "}, {\"name\": \"channel\", \"type\": \"string\"}]}")
                + ", " + CANCELLED);

        assertThat(Compatibility.BACKWARD_TRANSITIVE.refusal(withChannel, versions(ENVELOPE)))
                .hasValueSatisfying(refusal -> assertThat(refusal.reasons()).containsExactly("field 'channel' in"
                        + " OrderPlaced has no default, so data written with version 1 cannot be read"));
    }

    @Test
    void givenARemovedUnionBranch_whenChecked_thenTheReasonNamesTheFieldAndTheBranch() {
        assertThat(Compatibility.BACKWARD.refusal(envelope(PLACED), versions(ENVELOPE)))
                .hasValueSatisfying(refusal -> assertThat(refusal.reasons()).containsExactly("field 'event' in"
                        + " Envelope no longer allows OrderCancelled, so data written with version 1 cannot be read"));
    }

    @Test
    void givenAChangedFieldType_whenChecked_thenTheReasonSaysFromWhatToWhat() {
        Schema reasonAsText = envelope(PLACED + ", " + CANCELLED.replace("\"int\"", "\"string\""));

        assertThat(Compatibility.BACKWARD.refusal(reasonAsText, versions(ENVELOPE)))
                .hasValueSatisfying(refusal -> assertThat(refusal.reasons()).containsExactly("field 'reason' in"
                        + " OrderCancelled changed type from int to string, so data written with version 1 cannot be"
                        + " read"));
    }

    @Test
    void givenANullableFieldMadeRequiredOrAnEnumThatLostASymbol_whenChecked_thenEachIsSaidPlainly() {
        Schema nullable = record("""
                {"name": "note", "type": ["null", "string"]},
                {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["OPEN", "SHUT"]}}""");
        Schema stricter = record("""
                {"name": "note", "type": "string"},
                {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["OPEN"]}}""");

        assertThat(Compatibility.BACKWARD.refusal(stricter, versions(nullable))).hasValueSatisfying(refusal ->
                assertThat(refusal.reasons()).containsExactlyInAnyOrder(
                        "field 'note' in Item no longer allows null, so data written with version 1 cannot be read",
                        "enum Status in field 'status' in Item lost symbols [SHUT], so data written with version 1"
                                + " cannot be read"));
    }

    @Test
    void givenARecursiveRecordThatGainedARequiredField_whenChecked_thenOneReasonAndNoEndlessDescent() {
        Schema node = new Schema.Parser().parse("""
                {"type": "record", "name": "Node", "fields": [{"name": "next", "type": ["null", "Node"]}]}""");
        Schema nodeWithLabel = new Schema.Parser().parse("""
                {"type": "record", "name": "Node", "fields": [{"name": "next", "type": ["null", "Node"]},
                                                              {"name": "label", "type": "string"}]}""");

        assertThat(Compatibility.BACKWARD.refusal(nodeWithLabel, versions(node))).hasValueSatisfying(refusal ->
                assertThat(refusal.reasons()).containsExactly("field 'label' in Node has no default, so data written"
                        + " with version 1 cannot be read"));
    }

    @Test
    void givenARefusal_whenAnsweredAsConfluentDoes_thenEachIncompatibilityThenTheVersionItsSchemaAndTheLevel() {
        Refusal refusal = Compatibility.BACKWARD.refusal(COUNT_REQUIRED, versions(NAME_ONLY)).orElseThrow();

        assertThat(refusal.confluentMessages()).containsExactly(
                "{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE', description:'field 'count' in Item has no default,"
                        + " so data written with version 1 cannot be read', additionalInfo:'count'}",
                "{oldSchemaVersion: 1}",
                "{oldSchema: '" + NAME_ONLY + "'}",
                "{compatibility: 'BACKWARD'}");
    }

    // The log decides registrations by the validator it always used, so a replay gives every schema its old id.
    @Test
    void givenAnEnumThatLostASymbol_whenJudgedAsTheLogJudgesIt_thenTheValidatorLetsItThroughButTheRefusalDoesNot() {
        Schema twoSymbols = record("""
                {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["OPEN", "SHUT"]}}""");
        Schema oneSymbol = record("""
                {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["OPEN"]}}""");

        assertThat(Compatibility.BACKWARD.validatorProblem(oneSymbol, List.of(twoSymbols))).isEmpty();
        assertThat(Compatibility.BACKWARD.validatorProblem(COUNT_REQUIRED, List.of(NAME_ONLY))).isPresent();
        assertThat(Compatibility.BACKWARD.refusal(oneSymbol, versions(twoSymbols))).isPresent();
    }

    @Test
    void givenLevelNames_whenParsed_thenCaseIgnoredAndUnknownRefusedWith42203() {
        assertThat(Compatibility.parse("full_transitive")).isEqualTo(Compatibility.FULL_TRANSITIVE);
        assertThat(Compatibility.named("backward ")).contains(Compatibility.BACKWARD);
        assertThat(Compatibility.named("SIDEWAYS")).isEmpty();
        assertThatThrownBy(() -> Compatibility.parse("SIDEWAYS"))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(42203));
    }

    /** The given schemas as a subject's versions, newest first: the last one is version 1. */
    private static List<SchemaVersion> versions(Schema... newestFirst) {
        return IntStream.range(0, newestFirst.length)
                .mapToObj(i -> new SchemaVersion(newestFirst.length - i, newestFirst[i])).toList();
    }

    private static Schema record(String fields) {
        return new Schema.Parser().parse(
                "{\"type\": \"record\", \"name\": \"Item\", \"namespace\": \"test\", \"fields\": [" + fields + "]}");
    }

    private static Schema envelope(String branches) {
        return new Schema.Parser().parse("{\"type\": \"record\", \"name\": \"Envelope\", \"namespace\": \"test\","
                + " \"fields\": [{\"name\": \"version\", \"type\": \"long\"}, {\"name\": \"event\", \"type\": ["
                + branches + "]}]}");
    }
}
