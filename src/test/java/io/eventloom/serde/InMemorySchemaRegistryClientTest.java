package io.eventloom.serde;

import io.eventloom.registry.Compatibility;
import io.eventloom.serde.testing.Greeting;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InMemorySchemaRegistryClientTest {

    @Test
    void givenASubjectsLevel_whenASchemaIsChecked_thenAnsweredAsARegistryWouldAtThatLevel() {
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        registry.register("greetings-value", TestSchemas.GREETING_V1);
        registry.register("greetings-value", Greeting.getClassSchema());

        assertThat(registry.compatibilityProblems("greetings-value", TestSchemas.GREETING_V3_REQUIRED_FIELD))
                .contains("{compatibility: 'BACKWARD'}");
        registry.setCompatibility("greetings-value", Compatibility.NONE);

        assertThat(registry.compatibility("greetings-value")).contains(Compatibility.NONE);
        assertThat(registry.compatibilityProblems("greetings-value", TestSchemas.GREETING_V3_REQUIRED_FIELD)).isEmpty();
    }
}
