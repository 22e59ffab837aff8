package io.eventloom.app;

import io.eventloom.core.TopicNames;
import io.eventloom.core.avro.ProcessedCommand;
import io.eventloom.registry.Compatibility;
import io.eventloom.serde.InMemorySchemaRegistryClient;
import io.eventloom.serde.SchemaRegistryClient;
import io.eventloom.serde.SchemaRegistryException;
import io.eventloom.shop.Shop;
import io.eventloom.shop.order.OrderCommandEnvelope;
import io.eventloom.shop.order.OrderEventEnvelope;
import io.eventloom.shop.product.ProductState;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LevelSettingRegistryClientTest {

    private static final DomainSchemas SCHEMAS = DomainSchemas.of(Shop.domain(), new TopicNames("shop"));

    @Test
    void givenTheRuntimesOwnSubjects_whenTheirFirstSchemasAreRegistered_thenEachGotItsKindsLevelBefore() {
        RecordingRegistry registry = new RecordingRegistry(Optional.empty());
        LevelSettingRegistryClient client = new LevelSettingRegistryClient(registry, "memory", levels(Map.of()));

        client.register("app-product-aggregate-state-changelog-value", ProductState.getClassSchema());
        client.register("app-order-command-dedupe-changelog-value", ProcessedCommand.getClassSchema());
        client.register("app-order-fulfilment-to-order-repartition-value", OrderCommandEnvelope.getClassSchema());
        client.register("app-order-fulfilment-to-order-repartition-value", OrderCommandEnvelope.getClassSchema());

        assertThat(registry.calls).containsExactly(
                "level app-product-aggregate-state-changelog-value NONE",
                "register app-product-aggregate-state-changelog-value",
                "level app-order-command-dedupe-changelog-value BACKWARD_TRANSITIVE",
                "register app-order-command-dedupe-changelog-value",
                "level app-order-fulfilment-to-order-repartition-value BACKWARD",
                "register app-order-fulfilment-to-order-repartition-value",
                "register app-order-fulfilment-to-order-repartition-value");
    }

    @Test
    void givenAnOverride_whenItsSubjectIsRegistered_thenItsLevelIsTheOverridesAndOthersKeepTheirKinds() {
        RecordingRegistry registry = new RecordingRegistry(Optional.empty());
        LevelSettingRegistryClient client = new LevelSettingRegistryClient(registry, "memory", levels(Map.of(
                EventloomConfig.SCHEMA_REGISTRY_COMPATIBILITY_OVERRIDES, "shop.order.commands-value=FULL")));

        client.register("shop.order.commands-value", OrderCommandEnvelope.getClassSchema());
        client.register("shop.order.events-value", OrderEventEnvelope.getClassSchema());

        assertThat(registry.inner.compatibility("shop.order.commands-value")).contains(Compatibility.FULL);
        assertThat(registry.inner.compatibility("shop.order.events-value"))
                .contains(Compatibility.BACKWARD_TRANSITIVE);
    }

    @Test
    void givenARegistryThatRefusesToSetLevels_whenASchemaIsRegistered_thenItIsRegisteredAndTheLevelAskedOnce() {
        RecordingRegistry registry = new RecordingRegistry(Optional.of(new SchemaRegistryException(40301,
                "User is denied operation")));
        LevelSettingRegistryClient client = new LevelSettingRegistryClient(registry, "memory", levels(Map.of()));

        client.register("shop.order.commands-value", OrderCommandEnvelope.getClassSchema());
        client.register("shop.order.commands-value", OrderCommandEnvelope.getClassSchema());

        assertThat(registry.calls).containsExactly("level shop.order.commands-value BACKWARD",
                "register shop.order.commands-value", "register shop.order.commands-value");
    }

    @Test
    void givenAnUnreachableRegistry_whenALevelCannotBeSet_thenTheRegistrationFailsToo() {
        RecordingRegistry registry = new RecordingRegistry(Optional.of(new SchemaRegistryException(
                SchemaRegistryException.UNREACHABLE, "no schema registry reachable")));
        LevelSettingRegistryClient client = new LevelSettingRegistryClient(registry, "memory", levels(Map.of()));

        assertThatThrownBy(() -> client.register("shop.order.commands-value", OrderCommandEnvelope.getClassSchema()))
                .isInstanceOf(SchemaRegistryException.class).hasMessageContaining("no schema registry reachable");
    }

    private static CompatibilityLevels levels(Map<String, String> settings) {
        return CompatibilityLevels.of(EventloomConfig.of(settings), SCHEMAS);
    }

    /** An in-memory registry that records the levels set and the registrations, and may refuse every level. */
    private static final class RecordingRegistry implements SchemaRegistryClient {
        private final InMemorySchemaRegistryClient inner = new InMemorySchemaRegistryClient();
        private final List<String> calls = new ArrayList<>();
        private final Optional<SchemaRegistryException> levelRefusal;

        RecordingRegistry(Optional<SchemaRegistryException> levelRefusal) {
            this.levelRefusal = levelRefusal;
        }

        @Override
        public int register(String subject, Schema schema) {
            calls.add("register " + subject);
            return inner.register(subject, schema);
        }

        @Override
        public int idOf(String subject, Schema schema) {
            return inner.idOf(subject, schema);
        }

        @Override
        public Schema schemaById(int id) {
            return inner.schemaById(id);
        }

        @Override
        public OptionalInt versionOf(String subject, int schemaId) {
            return inner.versionOf(subject, schemaId);
        }

        @Override
        public void setCompatibility(String subject, Compatibility level) {
            calls.add("level " + subject + " " + level);
            if (levelRefusal.isPresent()) {
                throw levelRefusal.get();
            }
            inner.setCompatibility(subject, level);
        }

        @Override
        public List<String> compatibilityProblems(String subject, Schema schema) {
            return inner.compatibilityProblems(subject, schema);
        }
    }
}
