package io.eventloom.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventloom.app.EventloomConfig;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml wires what it says, checked without Docker: each service listens where the others are told to
 * find it, and every file a container is given is in the repository.
 */
class ComposeStackTest {

    private static final JsonNode COMPOSE = StackFiles.yaml(StackFiles.COMPOSE);
    private static final JsonNode SERVICES = COMPOSE.path("services");

    @Test
    void givenTheComposeFile_whenParsed_thenTheStacksServicesEachFromAPinnedImageOrTheDockerfile() {
        assertThat(names(SERVICES)).containsExactlyInAnyOrder("kafka", "schema-registry", "keys", "app", "prometheus",
                "grafana");
        assertThat(SERVICES.path("kafka").path("image").asText()).startsWith("apache/kafka:4.");
        assertThat(SERVICES.path("schema-registry").path("image").asText())
                .startsWith("confluentinc/cp-schema-registry:");
        assertThat(SERVICES.path("prometheus").path("image").asText()).startsWith("prom/prometheus:");
        assertThat(SERVICES.path("grafana").path("image").asText()).startsWith("grafana/grafana:");
        SERVICES.properties().forEach(service -> {
            JsonNode definition = service.getValue();
            if (definition.has("build")) {
                assertThat(definition.path("build").asText()).as(service.getKey()).isEqualTo(".");
                assertThat(Path.of("Dockerfile")).exists();
                return;
            }
            String image = definition.path("image").asText();
            String tag = image.substring(image.lastIndexOf(':') + 1);
            assertThat(image).as(service.getKey() + "'s image").contains(":");
            assertThat(tag).as(service.getKey() + "'s image tag").matches("v?\\d+\\.\\d+\\.\\d+");
        });
    }

    @Test
    void givenEachService_whenItsPortsAreRead_thenPublishedOnThePortsUsersOfThisStackExpect() {
        assertThat(ports("kafka")).containsExactly(Map.entry(9092, 9092));
        assertThat(ports("schema-registry")).containsExactly(Map.entry(8081, 8081));
        assertThat(ports("app")).containsExactly(Map.entry(8080, 8080));
        assertThat(ports("prometheus")).containsExactly(Map.entry(9090, 9090));
        assertThat(ports("grafana")).containsExactly(Map.entry(3000, 3000));
    }

    @Test
    void givenKafka_whenItsListenersAreRead_thenTheHostReachesItOn9092AndTheOtherServicesByItsServiceName() {
        Map<String, Integer> listeners = kafkaListeners();
        Map<String, String> advertised = kafkaAdvertisedListeners();

        assertThat(advertised).containsEntry("EXTERNAL", "localhost:9092");
        assertThat(listeners).containsEntry("EXTERNAL", ports("kafka").get(9092));
        String internal = advertised.get(env("kafka").get("KAFKA_INTER_BROKER_LISTENER_NAME"));
        assertThat(internal).startsWith("kafka:");
        assertThat(port(internal)).isEqualTo(listeners.get(env("kafka").get("KAFKA_INTER_BROKER_LISTENER_NAME")));
        assertThat(env("kafka")).containsEntry("KAFKA_LOG_DIRS", "/var/lib/kafka/data");
        assertThat(resolve("kafka", "/var/lib/kafka/data")).contains(new Resolved("volume kafka-data", ""));
    }

    @Test
    void givenTheApp_whenItsEnvironmentIsLoadedAsItsConfiguration_thenValidAndPointingWhereKafkaAndTheRegistryListen() {
        EventloomConfig config = appConfig();

        String bootstrap = config.require(EventloomConfig.BOOTSTRAP_SERVERS);
        assertThat(kafkaAdvertisedListeners()).containsValue(bootstrap);
        assertThat(host(bootstrap)).isEqualTo("kafka");
        String listener = kafkaAdvertisedListeners().entrySet().stream()
                .filter(entry -> entry.getValue().equals(bootstrap)).findFirst().orElseThrow().getKey();
        assertThat(kafkaListeners()).containsEntry(listener, port(bootstrap));

        URI registry = URI.create(config.require(EventloomConfig.SCHEMA_REGISTRY_URL));
        URI registryListener = URI.create(env("schema-registry").get("SCHEMA_REGISTRY_LISTENERS"));
        assertThat(registry.getHost()).isEqualTo("schema-registry");
        assertThat(registry.getPort()).isEqualTo(registryListener.getPort());
        assertThat(config.booleanValue(EventloomConfig.SCHEMA_REGISTRY_AUTO_REGISTER, false)).isTrue();
        assertThat(config.intValue(EventloomConfig.HTTP_PORT)).isEqualTo(8080);
        assertThat(config.require(EventloomConfig.HTTP_ADVERTISED_HOST)).isEqualTo("app");
    }

    @Test
    void givenTheSchemaRegistry_whenItsKafkaStoreIsRead_thenKafkasInternalListenerUnderItsServiceName() {
        URI store = URI.create(env("schema-registry").get("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS"));

        assertThat(kafkaAdvertisedListeners()).containsEntry(store.getScheme().toUpperCase(),
                store.getHost() + ":" + store.getPort());
    }

    @Test
    void givenTheApp_whenItsDependenciesAreRead_thenItStartsOnceKafkaAndTheRegistryAreHealthyAndTheKeysAreMade() {
        JsonNode dependsOn = SERVICES.path("app").path("depends_on");

        assertThat(dependsOn.path("kafka").path("condition").asText()).isEqualTo("service_healthy");
        assertThat(dependsOn.path("schema-registry").path("condition").asText()).isEqualTo("service_healthy");
        assertThat(dependsOn.path("keys").path("condition").asText()).isEqualTo("service_completed_successfully");
        SERVICES.properties().forEach(service -> service.getValue().path("depends_on").properties().forEach(
                dependency -> {
                    assertThat(SERVICES.has(dependency.getKey())).as(dependency.getKey()).isTrue();
                    if (dependency.getValue().path("condition").asText().equals("service_healthy")) {
                        assertThat(SERVICES.path(dependency.getKey()).path("healthcheck").path("test").isArray())
                                .as(dependency.getKey() + " has a healthcheck").isTrue();
                    }
                }));
    }

    @Test
    void givenTheKeysService_whenItsCommandIsRead_thenItRunsTheRepositorysScriptIntoTheVolumeTheAppAndPrometheusRead() {
        List<String> entrypoint = strings(SERVICES.path("keys").path("entrypoint"));
        assertThat(entrypoint).hasSize(3).startsWith("sh");

        assertThat(resolve("keys", entrypoint.get(1))).contains(new Resolved(StackFiles.MAKE_KEYS.toString(), ""));
        assertThat(resolve("keys", entrypoint.get(2))).contains(new Resolved("volume keys", ""));
        String script = read(StackFiles.MAKE_KEYS);
        assertThat(script).contains("\"$dir/api-keys.properties\"", "\"$dir/prometheus.token\"",
                "\"$dir/admin.token\"");
        assertThat(resolve("app", appConfig().require(EventloomConfig.HTTP_AUTH_API_KEYS_FILE)))
                .contains(new Resolved("volume keys", "api-keys.properties"));
        assertThat(mounts("app")).filteredOn(mount -> mount.source().equals("keys")).singleElement()
                .extracting(Mount::readOnly).isEqualTo(true);
    }

    @Test
    void givenPrometheus_whenItsConfigIsRead_thenItScrapesTheAppsMetricsWithTheMetricsKeyAndLoadsTheAlertRules() {
        String configFlag = strings(SERVICES.path("prometheus").path("command")).stream()
                .filter(arg -> arg.startsWith("--config.file=")).findFirst().orElseThrow();
        String configPath = configFlag.substring("--config.file=".length());
        assertThat(resolve("prometheus", configPath))
                .contains(new Resolved(StackFiles.PROMETHEUS_CONFIG.toString(), ""));
        JsonNode config = StackFiles.yaml(StackFiles.PROMETHEUS_CONFIG);

        JsonNode scrape = config.path("scrape_configs").get(0);
        assertThat(config.path("scrape_configs")).hasSize(1);
        assertThat(scrape.path("metrics_path").asText()).isEqualTo("/metrics");
        assertThat(strings(scrape.path("static_configs").get(0).path("targets")))
                .containsExactly("app:" + appConfig().intValue(EventloomConfig.HTTP_PORT));
        assertThat(scrape.path("authorization").path("type").asText()).isEqualTo("Bearer");
        assertThat(resolve("prometheus", scrape.path("authorization").path("credentials_file").asText()))
                .contains(new Resolved("volume keys", "prometheus.token"));
        List<String> ruleFiles = strings(config.path("rule_files"));
        assertThat(ruleFiles).isNotEmpty();
        ruleFiles.forEach(file -> assertThat(StackFiles.PROMETHEUS_CONFIG.resolveSibling(file))
                .isEqualTo(StackFiles.ALERT_RULES));
    }

    @Test
    void givenGrafana_whenItsProvisioningIsRead_thenItsDatasourceIsThePrometheusServiceAndItsDashboardIsMounted() {
        JsonNode datasource = StackFiles.yaml(StackFiles.DATASOURCES).path("datasources").get(0);
        URI url = URI.create(datasource.path("url").asText());

        assertThat(resolve("grafana", "/etc/grafana/provisioning/datasources/prometheus.yml"))
                .contains(new Resolved(StackFiles.DATASOURCES.toString(), ""));
        assertThat(resolve("grafana", "/etc/grafana/provisioning/dashboards/eventloom.yml"))
                .contains(new Resolved(StackFiles.DASHBOARD_PROVIDERS.toString(), ""));
        assertThat(datasource.path("type").asText()).isEqualTo("prometheus");
        assertThat(url.getHost()).isEqualTo("prometheus");
        assertThat(ports("prometheus")).containsValue(url.getPort());
        String dashboards = StackFiles.yaml(StackFiles.DASHBOARD_PROVIDERS).path("providers").get(0).path("options")
                .path("path").asText();
        assertThat(resolve("grafana", dashboards + "/eventloom.json"))
                .contains(new Resolved(StackFiles.DASHBOARD.toString(), ""));
        assertThat(resolve("grafana", env("grafana").get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH")))
                .contains(new Resolved(StackFiles.DASHBOARD.toString(), ""));
    }

    @Test
    void givenEveryMount_whenItsSourceIsLookedUp_thenTheRepositoryHasTheFileAndTheComposeFileTheVolume() {
        SERVICES.properties().forEach(service -> mounts(service.getKey()).forEach(mount -> {
            if (mount.isBind()) {
                assertThat(Path.of(mount.source())).as(service.getKey() + " mounts " + mount.source()).exists();
            } else {
                assertThat(COMPOSE.path("volumes").has(mount.source())).as("volume " + mount.source()).isTrue();
            }
        }));
    }

    /** A volume line: {@code source:target[:ro]}, the source a path (bind mount) or a named volume. */
    record Mount(String source, String target, boolean readOnly) {
        static Mount parse(String spec) {
            String[] parts = spec.split(":");
            return new Mount(parts[0], parts[1], parts.length > 2 && parts[2].equals("ro"));
        }

        boolean isBind() {
            return source.startsWith(".") || source.startsWith("/");
        }
    }

    /** Where a path in a container comes from: a path in the repository, or "volume NAME", and the rest below it. */
    record Resolved(String source, String rest) {
    }

    private static Optional<Resolved> resolve(String service, String containerPath) {
        return mounts(service).stream()
                .filter(mount -> containerPath.equals(mount.target()) || containerPath.startsWith(mount.target() + "/"))
                .max(Comparator.comparingInt(mount -> mount.target().length()))
                .map(mount -> {
                    String rest = containerPath.substring(mount.target().length()).replaceFirst("^/", "");
                    if (!mount.isBind()) {
                        return new Resolved("volume " + mount.source(), rest);
                    }
                    return new Resolved(Path.of(mount.source()).normalize().resolve(rest).normalize().toString(), "");
                });
    }

    private static List<Mount> mounts(String service) {
        return strings(SERVICES.path(service).path("volumes")).stream().map(Mount::parse).toList();
    }

    /** Published ports, host to container. */
    private static Map<Integer, Integer> ports(String service) {
        Map<Integer, Integer> ports = new LinkedHashMap<>();
        for (String spec : strings(SERVICES.path(service).path("ports"))) {
            String[] parts = spec.split(":");
            ports.put(Integer.valueOf(parts[0]), Integer.valueOf(parts[1]));
        }
        return ports;
    }

    private static Map<String, String> env(String service) {
        Map<String, String> env = new LinkedHashMap<>();
        SERVICES.path(service).path("environment").properties()
                .forEach(entry -> env.put(entry.getKey(), entry.getValue().asText()));
        return env;
    }

    private static EventloomConfig appConfig() {
        return EventloomConfig.load(Optional.empty(), env("app"));
    }

    /** KAFKA_LISTENERS: listener name to port. */
    private static Map<String, Integer> kafkaListeners() {
        return listeners("KAFKA_LISTENERS").entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> port(entry.getValue())));
    }

    /** KAFKA_ADVERTISED_LISTENERS: listener name to host:port. */
    private static Map<String, String> kafkaAdvertisedListeners() {
        return listeners("KAFKA_ADVERTISED_LISTENERS");
    }

    private static Map<String, String> listeners(String variable) {
        return Arrays.stream(env("kafka").get(variable).split(","))
                .map(listener -> listener.split("://"))
                .collect(Collectors.toMap(parts -> parts[0], parts -> parts[1]));
    }

    private static String host(String hostAndPort) {
        return hostAndPort.substring(0, hostAndPort.lastIndexOf(':'));
    }

    private static int port(String hostAndPort) {
        return Integer.parseInt(hostAndPort.substring(hostAndPort.lastIndexOf(':') + 1));
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
