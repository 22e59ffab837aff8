package io.eventloom.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventloomConfigTest {

    @Test
    void givenNothingConfigured_thenDefaultsApplyAndNoBootstrapServers() {
        EventloomConfig config = EventloomConfig.load(Optional.empty(), Map.of());

        assertThat(config.get(EventloomConfig.BOOTSTRAP_SERVERS)).isEmpty();
        assertThat(config.intValue(EventloomConfig.EMBEDDED_KAFKA_PORT)).isEqualTo(9092);
        assertThat(config.require(EventloomConfig.TOPIC_NAMESPACE)).isEqualTo("shop");
    }

    @Test
    void givenFileAndEnvironment_thenEnvironmentWinsOverFileWinsOverDefaults(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("eventloom.properties");
        Files.writeString(file, "topic.partitions=12\nbootstrap.servers=file:9092\n");

        EventloomConfig config = EventloomConfig.load(Optional.empty(), Map.of(
                "EVENTLOOM_CONFIG", file.toString(),
                "EVENTLOOM_BOOTSTRAP_SERVERS", "env:9092",
                "PATH", "/usr/bin"));

        assertThat(config.require(EventloomConfig.BOOTSTRAP_SERVERS)).isEqualTo("env:9092");
        assertThat(config.intValue(EventloomConfig.TOPIC_PARTITIONS)).isEqualTo(12);
        assertThat(config.get(EventloomConfig.TOPIC_REPLICATION_FACTOR)).isEmpty();
        assertThat(config.asMap()).doesNotContainKey("path");
    }

    @Test
    void givenBlankEnvironmentValue_thenSettingCountsAsUnset() {
        EventloomConfig config = EventloomConfig.load(Optional.empty(), Map.of("EVENTLOOM_BOOTSTRAP_SERVERS", " "));

        assertThat(config.get(EventloomConfig.BOOTSTRAP_SERVERS)).isEmpty();
    }

    @Test
    void givenRegistrySettings_thenPortDefaultsTo8081AndAutoRegisterIsABoolean() {
        EventloomConfig config = EventloomConfig.load(Optional.empty(), Map.of(
                "EVENTLOOM_SCHEMA_REGISTRY_AUTO_REGISTER", "FALSE"));

        assertThat(config.intValue(EventloomConfig.SCHEMA_REGISTRY_PORT)).isEqualTo(8081);
        assertThat(config.get(EventloomConfig.SCHEMA_REGISTRY_URL)).isEmpty();
        assertThat(config.booleanValue(EventloomConfig.SCHEMA_REGISTRY_AUTO_REGISTER, true)).isFalse();
        assertThat(config.booleanValue("not.set", true)).isTrue();
        assertThatThrownBy(() -> config.with(EventloomConfig.SCHEMA_REGISTRY_AUTO_REGISTER, "yes")
                .booleanValue(EventloomConfig.SCHEMA_REGISTRY_AUTO_REGISTER, true))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'yes'");
    }

    @Test
    void givenMalformedNumber_thenErrorNamesTheSettingAndItsVariable() {
        EventloomConfig config = EventloomConfig.of(Map.of(EventloomConfig.TOPIC_PARTITIONS, "six"));

        assertThatThrownBy(() -> config.intValue(EventloomConfig.TOPIC_PARTITIONS))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("topic.partitions").hasMessageContaining("'six'");
        assertThatThrownBy(() -> config.require("schema.registry.url"))
                .hasMessageContaining("EVENTLOOM_SCHEMA_REGISTRY_URL");
    }

    @Test
    void givenMissingConfigFile_thenErrorNamesTheFile(@TempDir Path dir) {
        Path missing = dir.resolve("nope.properties");

        assertThatThrownBy(() -> EventloomConfig.load(Optional.of(missing), Map.of()))
                .hasMessageContaining("nope.properties");
    }
}
