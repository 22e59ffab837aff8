package io.eventloom.app;

import io.eventloom.core.ProjectionsPlacement;
import io.eventloom.http.HttpSettings;
import io.eventloom.registry.Compatibility;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventloomConfigTest {

    @Test
    void givenNothingConfigured_thenDefaultsApplyAndNoBootstrapServers() {
        EventloomConfig config = EventloomConfig.load(Optional.empty(), Map.of());

        assertThat(config.get(EventloomConfig.BOOTSTRAP_SERVERS)).isEmpty();
        assertThat(config.intValue(EventloomConfig.EMBEDDED_KAFKA_PORT)).isEqualTo(9092);
        assertThat(config.require(EventloomConfig.TOPIC_NAMESPACE)).isEqualTo("shop");
        assertThat(config.require(EventloomConfig.SCHEMA_REGISTRY_TOPIC)).isEqualTo("_eventloom_schemas");
        assertThat(config.topicReplicationFactor()).isEmpty();
        assertThat(config.kafkaPassThrough()).isEmpty();
    }

    @Test
    void givenCorsOrigins_whenListed_thenEachOriginTrimmedAndNoneByDefault() {
        EventloomConfig config = EventloomConfig.load(Optional.empty(), Map.of(
                "EVENTLOOM_HTTP_CORS_ALLOWED_ORIGINS", "https://shop.example, http://localhost:3000"));

        assertThat(config.list(EventloomConfig.HTTP_CORS_ORIGINS))
                .containsExactly("https://shop.example", "http://localhost:3000");
        assertThat(EventloomConfig.load(Optional.empty(), Map.of()).list(EventloomConfig.HTTP_CORS_ORIGINS)).isEmpty();
    }

    @Test
    void givenFileAndEnvironment_thenEnvironmentWinsOverFileWinsOverDefaults(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("eventloom.properties");
        Files.writeString(file, "topic.partitions=12\nbootstrap.servers=file:9092\ntopic.replication.factor=3\n");

        EventloomConfig config = EventloomConfig.load(Optional.empty(), Map.of(
                "EVENTLOOM_CONFIG", file.toString(),
                "EVENTLOOM_BOOTSTRAP_SERVERS", "env:9092",
                "PATH", "/usr/bin"));

        assertThat(config.require(EventloomConfig.BOOTSTRAP_SERVERS)).isEqualTo("env:9092");
        assertThat(config.intValue(EventloomConfig.TOPIC_PARTITIONS)).isEqualTo(12);
        assertThat(config.topicReplicationFactor()).contains((short) 3);
        assertThat(config.asMap()).doesNotContainKey("path");
    }

    @Test
    void givenSomeSettings_whenTheEffectiveConfigurationIsDescribed_thenEveryKeyShowsWithItsSourceAndSecretsHidden() {
        EventloomConfig config = EventloomConfig.load(Optional.empty(), Map.of(
                "EVENTLOOM_TOPIC_PARTITIONS", "3",
                "EVENTLOOM_HTTP_FORWARDING_SECRET", "a-secret-of-enough-bytes",
                "EVENTLOOM_KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.plain.PlainLoginModule required;"));

        String effective = config.effective();

        assertThat(effective.lines().map(String::trim)).contains(
                "topic.partitions = 3 (environment variable EVENTLOOM_TOPIC_PARTITIONS)",
                "topic.namespace = shop (default)",
                "bootstrap.servers = (unset) (default)",
                "http.forwarding.secret = [hidden] (environment variable EVENTLOOM_HTTP_FORWARDING_SECRET)",
                "kafka.sasl.jaas.config = [hidden] (environment variable EVENTLOOM_KAFKA_SASL_JAAS_CONFIG)");
        assertThat(effective.lines().filter(line -> !line.isBlank()).count())
                .isEqualTo(EventloomConfig.DEFINITION.names().size() + 1);
        assertThat(effective).doesNotContain("a-secret-of-enough-bytes").doesNotContain("PlainLoginModule");
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
        assertThat(EventloomConfig.of(Map.of()).booleanValue(EventloomConfig.SCHEMA_REGISTRY_AUTO_REGISTER, true))
                .isTrue();
        assertThatThrownBy(() -> config.with(EventloomConfig.SCHEMA_REGISTRY_AUTO_REGISTER, "yes"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'yes'");
    }

    @Test
    void givenMalformedValues_whenLoaded_thenOneErrorNamesEachSettingItsSourceAndValue() {
        assertThatThrownBy(() -> EventloomConfig.load(Optional.empty(), Map.of(
                "EVENTLOOM_TOPIC_PARTITIONS", "six",
                "EVENTLOOM_HTTP_COMMAND_TIMEOUT", "10s",
                "EVENTLOOM_TOPIC_REPLICATION_FACTOR", "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("topic.partitions: invalid value 'six' (from environment variable"
                        + " EVENTLOOM_TOPIC_PARTITIONS)")
                .hasMessageContaining("http.command.timeout: invalid value '10s'")
                .hasMessageContaining("ISO-8601")
                .hasMessageContaining("topic.replication.factor: invalid value '0'");
        assertThatThrownBy(() -> EventloomConfig.of(Map.of()).require(EventloomConfig.SCHEMA_REGISTRY_URL))
                .hasMessageContaining("EVENTLOOM_SCHEMA_REGISTRY_URL");
    }

    @Test
    void givenMisspeltEnvironmentVariable_whenLoaded_thenErrorNamesItAndTheClosestValidVariable() {
        // The typo that once started an embedded broker and kept the data locally, unnoticed.
        assertThatThrownBy(() -> EventloomConfig.load(Optional.empty(), Map.of(
                "EVENTLOOM_BOOTSTRAP_SERVER", "kafka:9092")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("environment variable EVENTLOOM_BOOTSTRAP_SERVER is not an Eventloom setting")
                .hasMessageContaining("did you mean EVENTLOOM_BOOTSTRAP_SERVERS (bootstrap.servers)?");
    }

    @Test
    void givenMisspeltPropertiesKey_whenLoaded_thenErrorNamesItTheFileAndTheClosestValidKey(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("eventloom.properties");
        Files.writeString(file, "topic.partitions=3\ntopic.replication.factr=3\n");

        assertThatThrownBy(() -> EventloomConfig.load(Optional.of(file), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("topic.replication.factr in file " + file.toAbsolutePath())
                .hasMessageContaining("did you mean topic.replication.factor?");
    }

    @Test
    void givenKafkaSettings_whenLoaded_thenTheyPassThroughWithoutTheirPrefix(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("eventloom.properties");
        Files.writeString(file, "kafka.security.protocol=SASL_SSL\nkafka.embedded.port=19092\n");

        EventloomConfig config = EventloomConfig.load(Optional.of(file), Map.of(
                "EVENTLOOM_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                // A Kafka name with underscores, which the variable form cannot tell from dots.
                "EVENTLOOM_KAFKA_RACK_AWARE_ASSIGNMENT_NON_OVERLAP_COST", "5",
                "EVENTLOOM_KAFKA_CONFIG_PROVIDERS", "file"));

        assertThat(config.kafkaPassThrough()).containsOnly(
                Map.entry("security.protocol", "SASL_SSL"),
                Map.entry("sasl.mechanism", "SCRAM-SHA-512"),
                Map.entry("rack.aware.assignment.non_overlap_cost", "5"),
                Map.entry("config.providers", "file"));
        assertThat(config.intValue(EventloomConfig.EMBEDDED_KAFKA_PORT)).isEqualTo(19092);
        assertThat(config.kafkaClients("kafka:9092").producer("p", Map.of()))
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512").containsEntry("bootstrap.servers", "kafka:9092");
    }

    @Test
    void givenKafkaSettingNoClientKnows_whenLoaded_thenErrorSuggestsTheClosestClientSetting() {
        assertThatThrownBy(() -> EventloomConfig.load(Optional.empty(), Map.of(
                "EVENTLOOM_KAFKA_SASL_MECHANISMS", "PLAIN")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("did you mean EVENTLOOM_KAFKA_SASL_MECHANISM (kafka.sasl.mechanism)?");
        assertThatThrownBy(() -> EventloomConfig.of(Map.of("kafka.embedded.prot", "9092")))
                .hasMessageContaining("did you mean kafka.embedded.port?");
    }

    @Test
    void givenKafkaSettingEventloomOwns_whenLoaded_thenErrorSaysWhy() {
        assertThatThrownBy(() -> EventloomConfig.load(Optional.empty(), Map.of("EVENTLOOM_KAFKA_ACKS", "1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("EVENTLOOM_KAFKA_ACKS cannot be passed through")
                .hasMessageContaining("acks=all");
        assertThatThrownBy(() -> EventloomConfig.of(Map.of("kafka.processing.guarantee", "at_least_once")))
                .hasMessageContaining("exactly_once_v2");
    }

    @Test
    void givenHttpThreads_whenLoaded_thenSetOnesAreKeptAndTooFewForJettyAreRefused() {
        assertThat(EventloomConfig.of(Map.of()).httpThreads()).isEqualTo(HttpSettings.defaultThreads())
                .isGreaterThanOrEqualTo(16);
        assertThat(EventloomConfig.load(Optional.empty(), Map.of("EVENTLOOM_HTTP_THREADS", "12")).httpThreads())
                .isEqualTo(12);
        assertThatThrownBy(() -> EventloomConfig.of(Map.of("http.threads", "4")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http.threads");
    }

    @Test
    void givenProjectionsPlacement_whenLoaded_thenWithTheCommandsByDefaultAndAnythingButTheTwoPlacementsRefused() {
        assertThat(EventloomConfig.of(Map.of()).projectionsPlacement()).isEqualTo(ProjectionsPlacement.WITH_COMMANDS);
        assertThat(EventloomConfig.load(Optional.empty(), Map.of("EVENTLOOM_PROJECTIONS_PLACEMENT", "own-application"))
                .projectionsPlacement()).isEqualTo(ProjectionsPlacement.OWN_APPLICATION);
        assertThatThrownBy(() -> EventloomConfig.load(Optional.empty(), Map.of(
                "EVENTLOOM_PROJECTIONS_PLACEMENT", "own")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("projections.placement: invalid value 'own' (from environment variable"
                        + " EVENTLOOM_PROJECTIONS_PLACEMENT)");
    }

    @Test
    void givenAProjectionsCommitInterval_whenTheProjectionsHaveNoApplicationOfTheirOwn_thenRefusedAsDoingNothing() {
        assertThat(EventloomConfig.of(Map.of()).projectionsCommitInterval()).isEmpty();
        assertThat(EventloomConfig.of(Map.of("projections.placement", "own-application",
                "projections.commit.interval.ms", "100")).projectionsCommitInterval()).contains(Duration.ofMillis(100));
        assertThatThrownBy(() -> EventloomConfig.load(Optional.empty(), Map.of(
                "EVENTLOOM_PROJECTIONS_COMMIT_INTERVAL_MS", "100")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("projections.commit.interval.ms (from environment variable"
                        + " EVENTLOOM_PROJECTIONS_COMMIT_INTERVAL_MS) applies only with"
                        + " projections.placement=own-application");
    }

    @Test
    void givenMalformedKafkaSetting_whenLoaded_thenErrorNamesItBeforeAnyClientStarts() {
        assertThatThrownBy(() -> EventloomConfig.of(Map.of("kafka.linger.ms", "soon")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("kafka.linger.ms: invalid value 'soon'");
    }

    @Test
    void givenSecretKafkaSettings_whenShownOrRejected_thenTheirValuesAreHidden() {
        String jaas = "org.apache.kafka.common.security.plain.PlainLoginModule required password=\"s3cret\";";
        EventloomConfig config = EventloomConfig.of(Map.of("kafka.sasl.jaas.config", jaas,
                "kafka.client.id", "shop-1"));

        assertThat(config.toString()).contains("kafka.sasl.jaas.config=[hidden]", "kafka.client.id=shop-1")
                .doesNotContain("s3cret");
        assertThatThrownBy(() -> EventloomConfig.of(Map.of("kafka.sasl.jaas.config", jaas, "kafka.linger.ms", "soon")))
                .hasMessageContaining("kafka.linger.ms").hasMessageNotContaining("s3cret");
    }

    @Test
    void givenReadmesConfigurationTable_thenItListsExactlyTheDefinedKeysWithTheirVariablesAndDefaults()
            throws Exception {
        Map<String, List<String>> rows = readmeConfigurationRows();

        assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(EventloomConfig.DEFINITION.names());
        EventloomConfig.DEFINITION.configKeys().values().forEach(key -> {
            List<String> row = rows.get(key.name);
            assertThat(row.get(0)).as("variable of %s", key.name).isEqualTo("`" + EventloomConfig.envNameOf(key.name)
                    + "`");
            if (key.defaultValue == null) {
                assertThat(row.get(1)).as("default of %s", key.name).doesNotMatch("`[^`]*`");
            } else {
                assertThat(row.get(1)).as("default of %s", key.name)
                        .isEqualTo("`" + ConfigDef.convertToString(key.defaultValue, key.type) + "`");
            }
        });
    }

    @Test
    void givenCompatibilityOverrides_whenAnEntryIsNoSubjectEqualsLevel_thenRefusedNamingIt() {
        EventloomConfig config = EventloomConfig.of(Map.of(EventloomConfig.SCHEMA_REGISTRY_COMPATIBILITY_OVERRIDES,
                " shop.order.commands-value = full , shop.product.events-value=NONE"));

        assertThat(CompatibilityLevels.parse(config.list(EventloomConfig.SCHEMA_REGISTRY_COMPATIBILITY_OVERRIDES)))
                .containsEntry("shop.order.commands-value", Compatibility.FULL)
                .containsEntry("shop.product.events-value", Compatibility.NONE);
        assertThatThrownBy(() -> config.with(EventloomConfig.SCHEMA_REGISTRY_COMPATIBILITY_OVERRIDES,
                "shop.order.commands-value=BACKWARDS")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("'BACKWARDS' in 'shop.order.commands-value=BACKWARDS' is not a compatibility"
                        + " level; use one of [NONE, BACKWARD, BACKWARD_TRANSITIVE");
        assertThatThrownBy(() -> config.with(EventloomConfig.SCHEMA_REGISTRY_COMPATIBILITY_OVERRIDES,
                "shop.order.commands-value")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("'shop.order.commands-value' is not subject=LEVEL");
        assertThatThrownBy(() -> config.with(EventloomConfig.SCHEMA_REGISTRY_COMPATIBILITY_OVERRIDES,
                "a-value=FULL,a-value=NONE")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("'a-value' is given twice");
    }

    @Test
    void givenMissingConfigFile_thenErrorNamesTheFile(@TempDir Path dir) {
        Path missing = dir.resolve("nope.properties");

        assertThatThrownBy(() -> EventloomConfig.load(Optional.of(missing), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("nope.properties");
    }

    /** The Configuration section's table: property → the other cells (variable, default, meaning). */
    private static Map<String, List<String>> readmeConfigurationRows() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("## Configuration");
        String section = readme.substring(start, readme.indexOf("\n## ", start + 1));
        Map<String, List<String>> rows = new LinkedHashMap<>();
        Matcher row = Pattern.compile("(?m)^\\| `([a-z.]+)` \\|(.*)\\|$").matcher(section);
        while (row.find()) {
            rows.put(row.group(1), List.of(row.group(2).split(" \\| ")).stream().map(String::trim).toList());
        }
        return rows;
    }
}
