package io.eventloom.app;

import io.eventloom.core.ProjectionsPlacement;
import io.eventloom.http.HttpSettings;
import io.eventloom.kafka.KafkaClientSettings;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.streams.StreamsConfig;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Eventloom's settings: built-in defaults, overridden by an optional properties file, overridden by
 * {@code EVENTLOOM_*} environment variables ({@code bootstrap.servers} is {@code EVENTLOOM_BOOTSTRAP_SERVERS}).
 * Every key is one of {@link #DEFINITION}'s or a {@code kafka.<name>} pass-through to the Kafka clients; anything
 * else (a typo) stops the start with the closest valid name, rather than being silently ignored.
 */
public final class EventloomConfig {

    public static final String CONFIG_FILE_ENV = "EVENTLOOM_CONFIG";
    public static final String ENV_PREFIX = "EVENTLOOM_";
    /** The API key operator commands send to the HTTP API; read by the commands, not a setting of the app. */
    public static final String TOKEN_ENV = "EVENTLOOM_TOKEN";
    /** {@code kafka.<name>} passes {@code <name>} to every Kafka client the app makes that knows it. */
    public static final String KAFKA_PREFIX = "kafka.";

    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String EMBEDDED_KAFKA_PORT = "kafka.embedded.port";
    public static final String EMBEDDED_KAFKA_DATA_DIR = "kafka.embedded.data.dir";
    public static final String TOPIC_NAMESPACE = "topic.namespace";
    public static final String TOPIC_PARTITIONS = "topic.partitions";
    public static final String TOPIC_REPLICATION_FACTOR = "topic.replication.factor";
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String SCHEMA_REGISTRY_PORT = "schema.registry.port";
    public static final String SCHEMA_REGISTRY_TOPIC = "schema.registry.topic";
    public static final String SCHEMA_REGISTRY_AUTO_REGISTER = "schema.registry.auto.register";
    public static final String SCHEMA_REGISTRY_READS = "schema.registry.reads";
    public static final String SCHEMA_REGISTRY_BEARER_TOKEN = "schema.registry.bearer.auth.token";
    public static final String SCHEMA_REGISTRY_BASIC_USER_INFO = "schema.registry.basic.auth.user.info";
    public static final String SCHEMA_REGISTRY_COMPATIBILITY_OVERRIDES = "schema.registry.compatibility.overrides";
    public static final String APPLICATION_ID = "application.id";
    public static final String STREAMS_STATE_DIR = "streams.state.dir";
    public static final String STREAMS_COMMIT_INTERVAL_MS = "streams.commit.interval.ms";
    public static final String STREAMS_STANDBY_REPLICAS = "streams.num.standby.replicas";
    public static final String STREAMS_THREADS = "streams.num.stream.threads";
    public static final String PROJECTIONS_PLACEMENT = "projections.placement";
    public static final String PROJECTIONS_COMMIT_INTERVAL_MS = "projections.commit.interval.ms";
    public static final String COMMAND_DEDUPE_RETENTION = "command.dedupe.retention";
    public static final String SAGA_STEP_TIMEOUT = "saga.step.timeout";
    public static final String HTTP_PORT = "http.port";
    public static final String HTTP_ADVERTISED_HOST = "http.advertised.host";
    public static final String HTTP_BIND_ADDRESS = "http.bind.address";
    public static final String HTTP_AUTH = "http.auth";
    public static final String HTTP_AUTH_API_KEYS_FILE = "http.auth.api.keys.file";
    public static final String HTTP_AUTH_ADMIN_TOKEN_FILE = "http.auth.admin.token.file";
    public static final String HTTP_AUTH_JWT_JWKS_URL = "http.auth.jwt.jwks.url";
    public static final String HTTP_AUTH_JWT_ISSUER = "http.auth.jwt.issuer";
    public static final String HTTP_AUTH_JWT_AUDIENCE = "http.auth.jwt.audience";
    public static final String HTTP_AUTH_JWT_SCOPE_CLAIM = "http.auth.jwt.scope.claim";
    public static final String HTTP_FORWARDING_SECRET = "http.forwarding.secret";
    public static final String HTTP_CORS_ORIGINS = "http.cors.allowed.origins";
    public static final String HTTP_COMMAND_TIMEOUT = "http.command.timeout";
    public static final String HTTP_READ_WAIT = "http.read.wait";
    public static final String HTTP_THREADS = "http.threads";
    public static final String LOG_FORMAT = "log.format";

    private static final ConfigDef.Validator PORT = ConfigDef.Range.between(1, 65535);
    private static final ConfigDef.Validator NON_EMPTY = new ConfigDef.NonEmptyString();

    /** Every Eventloom setting with its type, default, validation and meaning; README's table lists the same. */
    public static final ConfigDef DEFINITION = new ConfigDef()
            .define(BOOTSTRAP_SERVERS, Type.STRING, null, Importance.HIGH,
                    "Kafka to connect to; unset starts the embedded broker")
            .define(EMBEDDED_KAFKA_PORT, Type.INT, 9092, PORT, Importance.LOW,
                    "client port of the embedded broker")
            .define(EMBEDDED_KAFKA_DATA_DIR, Type.STRING, "data/kafka", NON_EMPTY, Importance.MEDIUM,
                    "where the embedded broker keeps its log")
            .define(TOPIC_NAMESPACE, Type.STRING, "shop", new TopicNameValidator(), Importance.HIGH,
                    "prefix of every topic name (shop.dead-letters)")
            .define(TOPIC_PARTITIONS, Type.INT, 6, ConfigDef.Range.atLeast(1), Importance.HIGH,
                    "partitions of the topics Eventloom creates")
            .define(TOPIC_REPLICATION_FACTOR, Type.SHORT, null, new Optionally(ConfigDef.Range.atLeast(1)),
                    Importance.HIGH, "replication factor of those topics and of the registry's; unset is the"
                            + " broker's default.replication.factor")
            .define(SCHEMA_REGISTRY_URL, Type.STRING, null, Importance.HIGH,
                    "Confluent-compatible schema registry to use; unset starts the embedded one")
            .define(SCHEMA_REGISTRY_PORT, Type.INT, 8081, PORT, Importance.LOW,
                    "HTTP port of the embedded schema registry")
            .define(SCHEMA_REGISTRY_TOPIC, Type.STRING, "_eventloom_schemas", new TopicNameValidator(),
                    Importance.LOW, "the topic the embedded schema registry keeps its schemas in")
            .define(SCHEMA_REGISTRY_AUTO_REGISTER, Type.BOOLEAN, null, Importance.MEDIUM,
                    "whether Eventloom's serializers register the schemas they write; unset: true with the"
                            + " embedded registry, false otherwise")
            .define(SCHEMA_REGISTRY_READS, Type.STRING, "open", ConfigDef.ValidString.in("open", "token"),
                    Importance.MEDIUM, "whether reading the embedded schema registry needs a token (token) or not"
                            + " (open); its mutations always need one with scope admin")
            .define(SCHEMA_REGISTRY_BEARER_TOKEN, Type.STRING, null, Importance.MEDIUM,
                    "bearer token sent to the configured schema registry (schema.registry.url)")
            .define(SCHEMA_REGISTRY_BASIC_USER_INFO, Type.STRING, null, Importance.MEDIUM,
                    "user:password sent to the configured schema registry as HTTP basic authentication")
            .define(SCHEMA_REGISTRY_COMPATIBILITY_OVERRIDES, Type.LIST, null, new CompatibilityOverrides(),
                    Importance.MEDIUM, "compatibility levels other than their kind's for public subjects, as"
                            + " comma-separated subject=LEVEL entries (shop.order.commands-value=FULL)")
            .define(APPLICATION_ID, Type.STRING, "eventloom", NON_EMPTY, Importance.HIGH,
                    "Kafka Streams application id: instances with the same id share the work")
            .define(STREAMS_STATE_DIR, Type.STRING, "data/streams", NON_EMPTY, Importance.MEDIUM,
                    "where Kafka Streams keeps its RocksDB state stores")
            .define(STREAMS_COMMIT_INTERVAL_MS, Type.INT, 100, ConfigDef.Range.atLeast(0), Importance.MEDIUM,
                    "how often a transaction commits (every command of an interval in one transaction)")
            .define(STREAMS_STANDBY_REPLICAS, Type.INT, 0, ConfigDef.Range.atLeast(0), Importance.MEDIUM,
                    "warm copies of each state store on other instances")
            .define(STREAMS_THREADS, Type.INT, null, new Optionally(ConfigDef.Range.atLeast(1)), Importance.MEDIUM,
                    "stream threads of this instance, each with its own tasks and transactions (default: one per"
                    + " two cores, at least one)")
            .define(PROJECTIONS_PLACEMENT, Type.STRING, ProjectionsPlacement.WITH_COMMANDS.setting(),
                    ConfigDef.ValidString.in(ProjectionsPlacement.settings().toArray(String[]::new)), Importance.MEDIUM,
                    "where the projections run: with-commands (in the commands' Kafka Streams application and"
                            + " transactions) or own-application (a Kafka Streams application of their own, with its"
                            + " own stream threads, so a command's commit carries none of the projections' work)")
            .define(PROJECTIONS_COMMIT_INTERVAL_MS, Type.INT, null, new Optionally(ConfigDef.Range.atLeast(0)),
                    Importance.LOW, "how often the projections' own application commits, with"
                            + " projections.placement=own-application (default: streams.commit.interval.ms)")
            .define(COMMAND_DEDUPE_RETENTION, Type.STRING, "P7D", new PositiveDuration(), Importance.MEDIUM,
                    "how long a command id is remembered (ISO-8601 duration)")
            .define(SAGA_STEP_TIMEOUT, Type.STRING, "PT5M", new PositiveDuration(), Importance.MEDIUM,
                    "how long the order-fulfilment saga waits for a step's answer before it cancels the order and"
                            + " releases its stock")
            .define(HTTP_PORT, Type.INT, 8080, PORT, Importance.HIGH, "port of the HTTP API")
            .define(HTTP_CORS_ORIGINS, Type.LIST, null, Importance.MEDIUM,
                    "web origins (scheme://host[:port]) whose pages may call the API from a browser; none by default")
            .define(HTTP_ADVERTISED_HOST, Type.STRING, "localhost", NON_EMPTY, Importance.HIGH,
                    "host other instances reach this one at; with http.port it is Kafka Streams'"
                            + " application.server")
            .define(HTTP_BIND_ADDRESS, Type.STRING, null, Importance.HIGH,
                    "address the HTTP API and the embedded schema registry listen on; unset: 127.0.0.1 (this"
                            + " machine only) on the embedded default, every interface (0.0.0.0) otherwise")
            .define(HTTP_AUTH, Type.STRING, "token", ConfigDef.ValidString.in("token", "none"), Importance.HIGH,
                    "token: every route but /health/* and /openapi.yaml needs a bearer token; none: no checks at"
                            + " all, only behind a gateway that authenticates")
            .define(HTTP_AUTH_API_KEYS_FILE, Type.STRING, null, Importance.HIGH,
                    "properties file of API keys (name = sha256:<hash> scope...), read again when it changes;"
                            + " make keys with `eventloom token`")
            .define(HTTP_AUTH_ADMIN_TOKEN_FILE, Type.STRING, "data/admin.token", NON_EMPTY, Importance.MEDIUM,
                    "where the admin key is kept when neither API keys nor JWTs are configured; made and shown"
                            + " once at the first start")
            .define(HTTP_AUTH_JWT_JWKS_URL, Type.STRING, null, Importance.HIGH,
                    "JWKS URL of the identity provider whose JWTs are accepted as bearer tokens (with"
                            + " http.auth.jwt.issuer)")
            .define(HTTP_AUTH_JWT_ISSUER, Type.STRING, null, Importance.HIGH,
                    "the iss every accepted JWT must carry")
            .define(HTTP_AUTH_JWT_AUDIENCE, Type.STRING, null, Importance.MEDIUM,
                    "the aud every accepted JWT must carry; unset: not checked")
            .define(HTTP_AUTH_JWT_SCOPE_CLAIM, Type.STRING, "scope", NON_EMPTY, Importance.MEDIUM,
                    "the JWT claim holding the scopes: a space-separated string or an array")
            .define(HTTP_FORWARDING_SECRET, Type.STRING, null, Importance.HIGH,
                    "secret every instance of the application shares (at least 16 bytes), proving a forwarded read"
                            + " comes from one; unset: a random one per process, enough for a single instance")
            .define(HTTP_COMMAND_TIMEOUT, Type.STRING, "PT10S", new PositiveDuration(), Importance.MEDIUM,
                    "how long POST /api/... waits for a command's result before answering 504")
            .define(HTTP_READ_WAIT, Type.STRING, "PT5S", new PositiveDuration(), Importance.MEDIUM,
                    "how long a read with ?minVersion=N waits for version N before answering 503")
            .define(HTTP_THREADS, Type.INT, null, new Optionally(ConfigDef.Range.atLeast(HttpSettings.MIN_THREADS)),
                    Importance.LOW, "the most threads the HTTP server runs; no request holds one while it waits"
                            + " (default: eight per core, at least 16)")
            .define(LOG_FORMAT, Type.STRING, "text", ConfigDef.ValidString.in("text", "json"), Importance.LOW,
                    "text: one readable line per event, the log context at its end; json: one JSON object per"
                            + " line (Elastic Common Schema, the log context as fields of its own) for log shippers");

    /**
     * Client settings Eventloom sets itself, so passing them through would fight it or break a guarantee; each
     * with what to do instead.
     */
    private static final Map<String, String> OWNED_CLIENT_SETTINGS = Map.ofEntries(
            Map.entry("bootstrap.servers", "set " + BOOTSTRAP_SERVERS),
            Map.entry(StreamsConfig.APPLICATION_ID_CONFIG, "set " + APPLICATION_ID),
            Map.entry(StreamsConfig.APPLICATION_SERVER_CONFIG, "set " + HTTP_ADVERTISED_HOST + " and " + HTTP_PORT),
            Map.entry(StreamsConfig.STATE_DIR_CONFIG, "set " + STREAMS_STATE_DIR),
            Map.entry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "set " + STREAMS_COMMIT_INTERVAL_MS),
            Map.entry(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, "set " + STREAMS_STANDBY_REPLICAS),
            Map.entry(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "set " + STREAMS_THREADS),
            Map.entry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "Eventloom's guarantees rest on exactly_once_v2"),
            Map.entry(ProducerConfig.ACKS_CONFIG, "every producer writes with acks=all"),
            Map.entry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "Eventloom's producers are idempotent"),
            Map.entry(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "Kafka Streams manages its transactions"),
            Map.entry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "Eventloom reads only committed records"),
            Map.entry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "Eventloom commits offsets itself"),
            Map.entry(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, "Eventloom chooses its serializers"),
            Map.entry(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, "Eventloom chooses its serializers"),
            Map.entry(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, "Eventloom chooses its deserializers"),
            Map.entry(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, "Eventloom chooses its deserializers"),
            Map.entry(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, "Eventloom chooses its serdes"),
            Map.entry(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, "Eventloom chooses its serdes"));

    /** Parts of a name that mark its value as a secret: never shown in logs or errors. */
    private static final List<String> SECRET_MARKERS = List.of("password", "secret", "jaas", "key", "token",
            "user.info");

    private static final List<ConfigDef> CLIENT_DEFINITIONS = List.of(ProducerConfig.configDef(),
            ConsumerConfig.configDef(), AdminClientConfig.configDef(), StreamsConfig.configDef());

    /** Every key that may be set: Eventloom's own, and {@code kafka.<name>} for every client setting not owned. */
    private static final Set<String> VALID_KEYS = validKeys();

    // Looked up rather than derived, because a few Kafka names hold underscores that the variable form loses.
    private static final Map<String, String> KEYS_BY_ENV_NAME = VALID_KEYS.stream()
            .collect(Collectors.toUnmodifiableMap(EventloomConfig::envNameOf, Function.identity(), (a, b) -> a));

    private static final String IN_CODE = "settings given in code";

    /** A value as set, and where it was set (for errors that tell the user where to look). */
    private record Setting(String value, String source) {
    }

    private final Map<String, Setting> settings;
    private final Map<String, Object> values;

    private EventloomConfig(Map<String, Setting> settings) {
        this.settings = Collections.unmodifiableMap(new TreeMap<>(settings));
        this.values = parse(this.settings);
    }

    /**
     * Reads the file named by {@code file} (or by {@code EVENTLOOM_CONFIG} when absent), then the environment.
     *
     * @throws ConfigException naming every unknown key (with the closest valid one) and every malformed value
     */
    public static EventloomConfig load(Optional<Path> file, Map<String, String> environment) {
        Map<String, Setting> settings = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        Optional<Path> configFile = file.or(() -> Optional.ofNullable(environment.get(CONFIG_FILE_ENV))
                .filter(s -> !s.isBlank()).map(Path::of));
        configFile.ifPresent(path -> readProperties(path).forEach((key, value) -> {
            String source = "file " + path.toAbsolutePath();
            checkKnown(key, key + " in " + source, false).ifPresent(problems::add);
            settings.put(key, new Setting(value, source));
        }));
        new TreeMap<>(environment).forEach((name, value) -> {
            if (!name.startsWith(ENV_PREFIX) || name.equals(CONFIG_FILE_ENV) || name.equals(TOKEN_ENV)) {
                return;
            }
            String key = KEYS_BY_ENV_NAME.getOrDefault(name, keyOf(name));
            String source = "environment variable " + name;
            checkKnown(key, source, true).ifPresent(problems::add);
            settings.put(key, new Setting(value, source));
        });
        failOn(problems);
        return new EventloomConfig(settings);
    }

    /** Defaults overridden by the given entries only; for tests and embedding. Checked like {@link #load}. */
    public static EventloomConfig of(Map<String, String> overrides) {
        Map<String, Setting> settings = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        overrides.forEach((key, value) -> {
            checkKnown(key, key + " in " + IN_CODE, false).ifPresent(problems::add);
            settings.put(key, new Setting(value, IN_CODE));
        });
        failOn(problems);
        return new EventloomConfig(settings);
    }

    /** The environment variable that sets a key: upper case, dots and dashes as underscores. */
    public static String envNameOf(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The value of one of {@link #DEFINITION}'s keys as text, or empty when it is unset and has no default. */
    public Optional<String> get(String key) {
        return Optional.ofNullable(valueOf(key)).map(value -> ConfigDef.convertToString(value, typeOf(key)));
    }

    public String require(String key) {
        return get(key).orElseThrow(() -> new ConfigException(
                key + " is not set (property " + key + " or environment variable " + envNameOf(key) + ")"));
    }

    public int intValue(String key) {
        return typed(key, Integer.class);
    }

    /**
     * The stream threads to run: as set, else one per two cores the JVM may use (at least one). Each stream thread
     * brings its producer's network thread and RocksDB's background work; on 2 cores one thread carried more
     * commands through the topic than two (15,600/s against 11,700/s in {@code bench throughput}).
     */
    public int streamThreads() {
        Integer value = typed(STREAMS_THREADS, Integer.class);
        return value != null ? value : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    /** How often the projections' own application commits, when set: {@value #PROJECTIONS_COMMIT_INTERVAL_MS}. */
    public Optional<Duration> projectionsCommitInterval() {
        return Optional.ofNullable(typed(PROJECTIONS_COMMIT_INTERVAL_MS, Integer.class)).map(Duration::ofMillis);
    }

    /** Where the projections run, as {@value #PROJECTIONS_PLACEMENT} says. */
    public ProjectionsPlacement projectionsPlacement() {
        return ProjectionsPlacement.of(require(PROJECTIONS_PLACEMENT));
    }

    /** How many threads the HTTP server may run: {@value #HTTP_THREADS}, else {@link HttpSettings#defaultThreads()}. */
    public int httpThreads() {
        Integer value = typed(HTTP_THREADS, Integer.class);
        return value != null ? value : HttpSettings.defaultThreads();
    }

    /** The list at {@code key}, comma-separated where it is set; empty when it is not. */
    @SuppressWarnings("unchecked")
    public List<String> list(String key) {
        List<String> value = typed(key, List.class);
        return value == null ? List.of() : value.stream().map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    /** The boolean at {@code key}, or {@code fallback} when it is not set. */
    public boolean booleanValue(String key, boolean fallback) {
        Boolean value = valueOf(key) == null ? null : typed(key, Boolean.class);
        return value == null ? fallback : value;
    }

    /** An ISO-8601 duration such as {@code P7D} or {@code PT10S}. */
    public Duration duration(String key) {
        return Duration.parse(require(key));
    }

    public Path path(String key) {
        return Path.of(require(key));
    }

    /**
     * The {@code Authorization} a client of this system sends to the schema registry: the configured bearer token,
     * or the basic user info; empty when neither is set.
     *
     * @throws ConfigException when both are set
     */
    public Optional<String> schemaRegistryAuthorization() {
        Optional<String> bearer = get(SCHEMA_REGISTRY_BEARER_TOKEN);
        Optional<String> basic = get(SCHEMA_REGISTRY_BASIC_USER_INFO);
        if (bearer.isPresent() && basic.isPresent()) {
            throw new ConfigException("set either " + SCHEMA_REGISTRY_BEARER_TOKEN + " or "
                    + SCHEMA_REGISTRY_BASIC_USER_INFO + ", not both");
        }
        return bearer.map(token -> "Bearer " + token).or(() -> basic.map(userInfo -> "Basic " + Base64.getEncoder()
                .encodeToString(userInfo.getBytes(StandardCharsets.UTF_8))));
    }

    /** The replication factor of the topics Eventloom creates; empty means the broker's default. */
    public Optional<Short> topicReplicationFactor() {
        return Optional.ofNullable(typed(TOPIC_REPLICATION_FACTOR, Short.class));
    }

    /** The {@code kafka.<name>} settings (other than {@code kafka.embedded.*}), by {@code <name>}. */
    public Map<String, String> kafkaPassThrough() {
        return settings.entrySet().stream()
                .filter(e -> isPassThrough(e.getKey()) && !e.getValue().value().isBlank())
                .collect(Collectors.toUnmodifiableMap(e -> e.getKey().substring(KAFKA_PREFIX.length()),
                        e -> e.getValue().value().trim()));
    }

    /** The Kafka clients' settings on the given bootstrap servers, with this config's pass-through. */
    public KafkaClientSettings kafkaClients(String bootstrapServers) {
        return new KafkaClientSettings(bootstrapServers, kafkaPassThrough());
    }

    /** Every set value and default, as text, by key; unset keys without a default are absent. */
    public Map<String, String> asMap() {
        Map<String, String> map = new TreeMap<>();
        DEFINITION.names().forEach(key -> get(key).ifPresent(value -> map.put(key, value)));
        map.putAll(settings.entrySet().stream().filter(e -> isPassThrough(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().value())));
        return map;
    }

    public EventloomConfig with(String key, String value) {
        checkKnown(key, key + " in " + IN_CODE, false).ifPresent(problem -> failOn(List.of(problem)));
        Map<String, Setting> copy = new TreeMap<>(settings);
        copy.put(key, new Setting(value, IN_CODE));
        return new EventloomConfig(copy);
    }

    /**
     * Every setting as the app runs with it, one per line in key order: the value (secrets masked) and where it comes
     * from ({@code default} for those not set), then the {@code kafka.*} client settings passed through.
     */
    public String effective() {
        StringBuilder text = new StringBuilder();
        for (String key : new TreeSet<>(DEFINITION.names())) {
            Setting set = settings.get(key);
            Object value = set != null ? set.value() : DEFINITION.configKeys().get(key).defaultValue;
            line(text, key, value == null ? "(unset)" : shown(key, String.valueOf(value)),
                    set != null ? set.source() : "default");
        }
        settings.keySet().stream().filter(EventloomConfig::isPassThrough).forEach(key ->
                line(text, key, shown(key, settings.get(key).value()), settings.get(key).source()));
        return text.toString();
    }

    private static void line(StringBuilder text, String key, String shownValue, String source) {
        text.append(System.lineSeparator()).append("  ").append(key).append(" = ").append(shownValue)
                .append(" (").append(source).append(')');
    }

    /** What was set and where, secrets masked. */
    @Override
    public String toString() {
        return settings.entrySet().stream()
                .map(e -> e.getKey() + "=" + shown(e.getKey(), e.getValue().value()) + " (" + e.getValue().source()
                        + ")")
                .collect(Collectors.joining(", ", "{", "}"));
    }

    private Object valueOf(String key) {
        if (!DEFINITION.names().contains(key)) {
            throw new IllegalArgumentException(key + " is not an Eventloom setting");
        }
        return values.get(key);
    }

    private <T> T typed(String key, Class<T> type) {
        Object value = valueOf(key);
        if (value != null && !type.isInstance(value)) {
            throw new IllegalArgumentException(key + " is a " + typeOf(key) + ", not a " + type.getSimpleName());
        }
        return type.cast(value);
    }

    private static Type typeOf(String key) {
        return DEFINITION.configKeys().get(key).type;
    }

    private static boolean isPassThrough(String key) {
        return key.startsWith(KAFKA_PREFIX) && !DEFINITION.names().contains(key);
    }

    /**
     * Empty when {@code key} is an Eventloom setting or a pass-through some client knows; else why not, with the
     * closest valid name (as a variable when it was set by one).
     */
    private static Optional<String> checkKnown(String key, String where, boolean fromEnvironment) {
        if (DEFINITION.names().contains(key)) {
            return Optional.empty();
        }
        if (key.startsWith(KAFKA_PREFIX)) {
            String name = key.substring(KAFKA_PREFIX.length());
            String owned = OWNED_CLIENT_SETTINGS.get(name);
            if (owned != null) {
                return Optional.of(where + " cannot be passed through to Kafka: " + owned);
            }
            if (KafkaClientSettings.isClientSetting(name)) {
                return Optional.empty();
            }
        }
        String written = fromEnvironment ? envNameOf(key) : key;
        String closest = closest(fromEnvironment ? KEYS_BY_ENV_NAME.keySet() : VALID_KEYS, written);
        String suggestion = fromEnvironment ? closest + " (" + KEYS_BY_ENV_NAME.get(closest) + ")" : closest;
        return Optional.of(where + " is not an Eventloom setting, nor a kafka.* setting any Kafka client knows;"
                + " did you mean " + suggestion + "?");
    }

    private static void failOn(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new ConfigException(String.join("\n", problems));
        }
    }

    private static Set<String> validKeys() {
        TreeSet<String> keys = new TreeSet<>(DEFINITION.names());
        CLIENT_DEFINITIONS.stream().flatMap(def -> def.names().stream())
                .filter(name -> !OWNED_CLIENT_SETTINGS.containsKey(name))
                .forEach(name -> keys.add(KAFKA_PREFIX + name));
        return Collections.unmodifiableSet(keys);
    }

    private static String keyOf(String envName) {
        return envName.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /** The candidate nearest to what was written, for a "did you mean" that names a real key or name. */
    static String closest(Set<String> candidates, String written) {
        return candidates.stream()
                .min(Comparator.<String>comparingInt(candidate -> editDistance(candidate, written))
                        .thenComparing(Comparator.naturalOrder()))
                .orElseThrow();
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** Parses and validates every value at once, so a start fails with all its problems, not the first. */
    private static Map<String, Object> parse(Map<String, Setting> settings) {
        Map<String, Object> parsed = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (ConfigDef.ConfigKey key : DEFINITION.configKeys().values()) {
            Setting setting = settings.get(key.name);
            // A blank value counts as unset, so that an empty variable does not override a file's value.
            boolean set = setting != null && !setting.value().isBlank();
            try {
                Object value = set ? ConfigDef.parseType(key.name, setting.value().trim(), key.type)
                        : key.defaultValue;
                if (key.validator != null) {
                    key.validator.ensureValid(key.name, value);
                }
                parsed.put(key.name, value);
            } catch (org.apache.kafka.common.config.ConfigException e) {
                problems.add(problem(key.name, setting, e));
            }
        }
        settings.forEach((name, setting) -> {
            if (isPassThrough(name) && !setting.value().isBlank()) {
                validatePassThrough(name, setting).ifPresent(problems::add);
            }
        });
        projectionsCommitWithoutItsApplication(settings, parsed).ifPresent(problems::add);
        failOn(problems);
        return parsed;
    }

    // Refused like a typo, as it would do nothing: with the commands, the projections commit in their transactions.
    private static Optional<String> projectionsCommitWithoutItsApplication(Map<String, Setting> settings,
                                                                           Map<String, Object> parsed) {
        Setting set = settings.get(PROJECTIONS_COMMIT_INTERVAL_MS);
        if (set == null || set.value().isBlank()
                || !ProjectionsPlacement.WITH_COMMANDS.setting().equals(parsed.get(PROJECTIONS_PLACEMENT))) {
            return Optional.empty();
        }
        return Optional.of(PROJECTIONS_COMMIT_INTERVAL_MS + " (from " + set.source() + ") applies only with "
                + PROJECTIONS_PLACEMENT + "=" + ProjectionsPlacement.OWN_APPLICATION.setting() + ": with "
                + ProjectionsPlacement.WITH_COMMANDS.setting() + ", the projections commit with the commands ("
                + STREAMS_COMMIT_INTERVAL_MS + ")");
    }

    // Checked against the client config that defines it, so a malformed value fails here, before any part starts.
    private static Optional<String> validatePassThrough(String key, Setting setting) {
        String name = key.substring(KAFKA_PREFIX.length());
        Optional<ConfigDef.ConfigKey> definition = CLIENT_DEFINITIONS.stream()
                .map(def -> def.configKeys().get(name)).filter(Objects::nonNull).findFirst();
        if (definition.isEmpty()) {
            return Optional.empty();
        }
        ConfigDef.ConfigKey clientKey = definition.get();
        try {
            Object value = ConfigDef.parseType(name, setting.value().trim(), clientKey.type);
            if (clientKey.validator != null) {
                clientKey.validator.ensureValid(name, value);
            }
            return Optional.empty();
        } catch (org.apache.kafka.common.config.ConfigException e) {
            return Optional.of(problem(key, setting, e));
        }
    }

    private static String problem(String key, Setting setting, org.apache.kafka.common.config.ConfigException e) {
        String source = setting == null ? "the default" : setting.source();
        String value = setting == null ? "" : shown(key, setting.value().trim());
        // Kafka's message repeats the name and the raw value (which may be a secret): keep only its reason.
        String message = e.getMessage() == null ? "" : e.getMessage();
        int named = message.indexOf(" for configuration ");
        int reason = named < 0 ? -1 : message.indexOf(": ", named);
        String why = message.startsWith("Invalid value") && reason >= 0 ? message.substring(reason + 2) : message;
        return key + ": invalid value '" + value + "' (from " + source + "): " + why;
    }

    private static String shown(String key, String value) {
        String lower = key.toLowerCase(Locale.ROOT);
        return SECRET_MARKERS.stream().anyMatch(lower::contains) ? "[hidden]" : value;
    }

    private static Map<String, String> readProperties(Path path) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(path)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + path.toAbsolutePath() + ": " + e);
        }
        Map<String, String> values = new TreeMap<>();
        properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
        return values;
    }

    /** A name Kafka accepts as a topic (or topic prefix): letters, digits, '.', '_' and '-'. */
    private static final class TopicNameValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null || !((String) value).matches("[a-zA-Z0-9._-]{1,200}")) {
                throw new org.apache.kafka.common.config.ConfigException(name, value,
                        "only letters, digits, '.', '_' and '-' are allowed in a topic name");
            }
        }

        @Override
        public String toString() {
            return "[a-zA-Z0-9._-]+";
        }
    }

    /** An ISO-8601 duration greater than zero, such as P7D or PT10S. */
    private static final class PositiveDuration implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            try {
                Duration duration = Duration.parse((String) value);
                if (duration.isNegative() || duration.isZero()) {
                    throw new org.apache.kafka.common.config.ConfigException(name, value, "must be greater than zero");
                }
            } catch (DateTimeParseException | NullPointerException e) {
                throw new org.apache.kafka.common.config.ConfigException(name, value,
                        "must be an ISO-8601 duration such as P7D or PT10S");
            }
        }

        @Override
        public String toString() {
            return "an ISO-8601 duration such as P7D or PT10S";
        }
    }

    /** Unset, or entries {@code subject=LEVEL} each naming a Confluent compatibility level. */
    private static final class CompatibilityOverrides implements ConfigDef.Validator {
        @Override
        @SuppressWarnings("unchecked")
        public void ensureValid(String name, Object value) {
            if (value == null) {
                return;
            }
            try {
                CompatibilityLevels.parse(((List<String>) value).stream().map(String::trim)
                        .filter(entry -> !entry.isEmpty()).toList());
            } catch (IllegalArgumentException e) {
                throw new org.apache.kafka.common.config.ConfigException(name, value, e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "unset, or subject=LEVEL entries";
        }
    }

    /** Unset passes; a value must pass the wrapped validator. */
    private record Optionally(ConfigDef.Validator validator) implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value != null) {
                validator.ensureValid(name, value);
            }
        }

        @Override
        public String toString() {
            return "unset, or " + validator;
        }
    }

}
