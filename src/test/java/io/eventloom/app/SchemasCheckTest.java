package io.eventloom.app;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SchemasCheckTest {

    @Test
    void givenConfluentsVerboseMessages_whenMadeReadable_thenEachProblemsDescriptionAndNoneOfTheContext() {
        assertThat(SchemasCheck.readable("{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE', description:'The field"
                + " 'channel' at path '/fields/3' in the new schema has no default value and is missing in the old"
                + " schema', additionalInfo:'channel'}")).contains("The field 'channel' at path '/fields/3' in the"
                + " new schema has no default value and is missing in the old schema");
        assertThat(SchemasCheck.readable("{oldSchemaVersion: 1}")).isEmpty();
        assertThat(SchemasCheck.readable("{oldSchema: '{\"type\":\"record\",\"name\":\"x\",\"fields\":[]}'}"))
                .isEmpty();
        assertThat(SchemasCheck.readable("{validateFields: 'false', compatibility: 'BACKWARD'}")).isEmpty();
    }

    @Test
    void givenAnotherRegistrysFreeText_whenMadeReadable_thenOneLineOfBoundedLength() {
        assertThat(SchemasCheck.readable("Incompatible schema:\n  field removed")).contains(
                "Incompatible schema: field removed");
        assertThat(SchemasCheck.readable("x".repeat(1000))).hasValueSatisfying(line ->
                assertThat(line).hasSize(301).endsWith("…"));
    }
}
