package io.eventloom.app;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Eventloom's settings: built-in defaults, overridden by an optional properties file, overridden by
 * {@code EVENTLOOM_*} environment variables ({@code bootstrap.servers} is {@code EVENTLOOM_BOOTSTRAP_SERVERS}).
 */
public final class EventloomConfig {

    public static final String CONFIG_FILE_ENV = "EVENTLOOM_CONFIG";
    public static final String ENV_PREFIX = "EVENTLOOM_";

    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String EMBEDDED_KAFKA_PORT = "kafka.embedded.port";
    public static final String EMBEDDED_KAFKA_DATA_DIR = "kafka.embedded.data.dir";
    public static final String TOPIC_NAMESPACE = "topic.namespace";
    public static final String TOPIC_PARTITIONS = "topic.partitions";
    public static final String TOPIC_REPLICATION_FACTOR = "topic.replication.factor";
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String SCHEMA_REGISTRY_PORT = "schema.registry.port";
    public static final String SCHEMA_REGISTRY_AUTO_REGISTER = "schema.registry.auto.register";
    public static final String SCHEMA_REGISTRY_TOPIC = "schema.registry.topic";
    public static final String APPLICATION_ID = "application.id";
    public static final String STREAMS_STATE_DIR = "streams.state.dir";
    public static final String STREAMS_COMMIT_INTERVAL_MS = "streams.commit.interval.ms";
    public static final String STREAMS_STANDBY_REPLICAS = "streams.num.standby.replicas";
    public static final String COMMAND_DEDUPE_RETENTION = "command.dedupe.retention";
    public static final String HTTP_PORT = "http.port";
    public static final String HTTP_ADVERTISED_HOST = "http.advertised.host";
    public static final String HTTP_COMMAND_TIMEOUT = "http.command.timeout";
    public static final String HTTP_READ_WAIT = "http.read.wait";

    private static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry(EMBEDDED_KAFKA_PORT, "9092"),
            Map.entry(EMBEDDED_KAFKA_DATA_DIR, "data/kafka"),
            Map.entry(TOPIC_NAMESPACE, "shop"),
            Map.entry(TOPIC_PARTITIONS, "6"),
            Map.entry(SCHEMA_REGISTRY_PORT, "8081"),
            Map.entry(SCHEMA_REGISTRY_TOPIC, "_eventloom_schemas"),
            Map.entry(APPLICATION_ID, "eventloom"),
            Map.entry(STREAMS_STATE_DIR, "data/streams"),
            Map.entry(STREAMS_COMMIT_INTERVAL_MS, "100"),
            Map.entry(STREAMS_STANDBY_REPLICAS, "0"),
            Map.entry(COMMAND_DEDUPE_RETENTION, "P7D"),
            Map.entry(HTTP_PORT, "8080"),
            Map.entry(HTTP_ADVERTISED_HOST, "localhost"),
            Map.entry(HTTP_COMMAND_TIMEOUT, "PT10S"),
            Map.entry(HTTP_READ_WAIT, "PT5S"));

    private final Map<String, String> values;

    private EventloomConfig(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /** Reads the file named by {@code file} (or by {@code EVENTLOOM_CONFIG} when absent), then the environment. */
    public static EventloomConfig load(Optional<Path> file, Map<String, String> environment) {
        Map<String, String> values = new TreeMap<>(DEFAULTS);
        Optional<Path> configFile = file.or(() -> Optional.ofNullable(environment.get(CONFIG_FILE_ENV))
                .filter(s -> !s.isBlank()).map(Path::of));
        configFile.ifPresent(path -> values.putAll(readProperties(path)));
        environment.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX) && !name.equals(CONFIG_FILE_ENV)) {
                values.put(keyOf(name), value);
            }
        });
        return new EventloomConfig(values);
    }

    /** Defaults overridden by the given entries only; for tests and embedding. */
    public static EventloomConfig of(Map<String, String> overrides) {
        Map<String, String> values = new TreeMap<>(DEFAULTS);
        values.putAll(overrides);
        return new EventloomConfig(values);
    }

    /** The environment variable that sets a key: upper case, dots and dashes as underscores. */
    public static String envNameOf(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key)).map(String::trim).filter(v -> !v.isEmpty());
    }

    public String require(String key) {
        return get(key).orElseThrow(() -> new ConfigException(
                key + " is not set (property " + key + " or environment variable " + envNameOf(key) + ")"));
    }

    public int intValue(String key) {
        String raw = require(key);
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " must be a whole number, was '" + raw + "'");
        }
    }

    /** The boolean at {@code key}, or {@code fallback} when it is not set. */
    public boolean booleanValue(String key, boolean fallback) {
        Optional<String> raw = get(key);
        if (raw.isEmpty()) {
            return fallback;
        }
        return switch (raw.get().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigException(key + " must be true or false, was '" + raw.get() + "'");
        };
    }

    /** An ISO-8601 duration such as {@code P7D} or {@code PT10S}. */
    public Duration duration(String key) {
        String raw = require(key);
        try {
            return Duration.parse(raw);
        } catch (DateTimeParseException e) {
            throw new ConfigException(key + " must be an ISO-8601 duration such as P7D or PT10S, was '" + raw + "'");
        }
    }

    public Path path(String key) {
        return Path.of(require(key));
    }

    public Map<String, String> asMap() {
        return values;
    }

    public EventloomConfig with(String key, String value) {
        Map<String, String> copy = new TreeMap<>(values);
        copy.put(key, value);
        return new EventloomConfig(copy);
    }

    private static String keyOf(String envName) {
        return envName.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
    }

    private static Map<String, String> readProperties(Path path) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(path)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read config file " + path.toAbsolutePath(), e);
        }
        Map<String, String> values = new TreeMap<>();
        properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
        return values;
    }
}
