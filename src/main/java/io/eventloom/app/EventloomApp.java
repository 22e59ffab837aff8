package io.eventloom.app;

import io.eventloom.core.AggregateReader;
import io.eventloom.core.AggregateType;
import io.eventloom.core.CommandGateway;
import io.eventloom.core.Domain;
import io.eventloom.core.EventloomRuntime;
import io.eventloom.core.HealthCheck;
import io.eventloom.core.ProcessType;
import io.eventloom.core.ProjectionQueries;
import io.eventloom.core.ProjectionStates;
import io.eventloom.core.ProjectionType;
import io.eventloom.core.RecordLimit;
import io.eventloom.core.RuntimeMetrics;
import io.eventloom.core.RuntimeSettings;
import io.eventloom.core.TopicNames;
import io.eventloom.http.HttpApi;
import io.eventloom.http.HttpSettings;
import io.eventloom.kafka.EmbeddedBrokerSettings;
import io.eventloom.kafka.EmbeddedKafkaBroker;
import io.eventloom.kafka.KafkaClientSettings;
import io.eventloom.kafka.TopicSetup;
import io.eventloom.kafka.TopicSpec;
import io.eventloom.registry.Compatibility;
import io.eventloom.registry.EmbeddedSchemaRegistry;
import io.eventloom.serde.AvroSerdeConfig;
import io.eventloom.serde.AvroSerdes;
import io.eventloom.serde.HttpSchemaRegistryClient;
import io.eventloom.serde.SchemaRegistryClient;
import io.eventloom.serde.SchemaRegistryException;
import io.eventloom.shop.Shop;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The running system: an embedded broker when none is configured, the topics, an embedded schema registry when
 * none is configured, the Kafka Streams runtime for the domain, the command gateway and the HTTP API.
 */
public final class EventloomApp implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventloomApp.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PUBLIC_SCHEMAS_RETRY = Duration.ofSeconds(5);

    private final String bootstrapServers;
    private final String schemaRegistryUrl;
    private final boolean autoRegisterSchemas;
    private final Deque<AutoCloseable> resources;
    private final Services services;
    private final HttpApi http;
    private final Optional<String> adminToken;

    /** The write and read side of a running app; absent when only the registry runs. */
    public record Services(Domain domain, TopicNames topics, EventloomRuntime runtime, CommandGateway gateway,
                           AggregateReader reader, ProjectionQueries projections, HealthCheck generations) {
    }

    private EventloomApp(String bootstrapServers, String schemaRegistryUrl, boolean autoRegisterSchemas,
                         Deque<AutoCloseable> resources, Services services, HttpApi http,
                         Optional<String> adminToken) {
        this.bootstrapServers = bootstrapServers;
        this.schemaRegistryUrl = schemaRegistryUrl;
        this.autoRegisterSchemas = autoRegisterSchemas;
        this.resources = resources;
        this.services = services;
        this.http = http;
        this.adminToken = adminToken;
    }

    /** Starts the reference shop. */
    public static EventloomApp start(EventloomConfig config) {
        return start(config, Shop.domain(config.duration(EventloomConfig.SAGA_STEP_TIMEOUT)));
    }

    /** Starts every part in order; if one fails, the parts already started are stopped again. */
    public static EventloomApp start(EventloomConfig config, Domain domain) {
        log.info("Starting with this configuration (secrets hidden):{}", config.effective());
        DomainSchemas schemas = DomainSchemas.of(domain, TopicPlan.topicNames(config));
        CompatibilityLevels levels = CompatibilityLevels.of(config, schemas);
        AccessSetup access = AccessSetup.of(config);
        Deque<AutoCloseable> started = new ArrayDeque<>();
        started.push(access);
        // One registry for the whole app, served at /metrics; closed after every part that publishes to it.
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        started.push(meters::close);
        try {
            KafkaClientSettings kafka = config.kafkaClients(connectOrStartBroker(config, started));
            RecordLimit recordLimit;
            try (Admin admin = Admin.create(kafka.admin("admin", Map.of(
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis())))) {
                List<TopicSpec> topics = TopicPlan.of(config, domain);
                TopicSetup.Outcome outcome = new TopicSetup(admin, ADMIN_TIMEOUT).ensure(topics);
                log.info("Topics ready: created {}, already present {}", outcome.created(), outcome.existing());
                recordLimit = LogLimits.read(admin, topics.stream().map(TopicSpec::name).toList(),
                        LogLimits.producerMaxRequestSize(kafka.streams()), ADMIN_TIMEOUT);
            }
            Optional<String> configuredRegistry = config.get(EventloomConfig.SCHEMA_REGISTRY_URL);
            Optional<EmbeddedSchemaRegistry> embeddedRegistry = configuredRegistry.isPresent()
                    ? Optional.empty()
                    : Optional.of(startRegistry(config, kafka, access, meters, started));
            String registryUrl = configuredRegistry.isPresent()
                    ? useRegistry(configuredRegistry.get())
                    : embeddedRegistry.get().url();
            Optional<String> registryAuthorization = configuredRegistry.isPresent()
                    ? config.schemaRegistryAuthorization()
                    : access.embeddedRegistryAuthorization();
            // On the embedded default the app owns its registry, so it may register; elsewhere schemas are governed.
            boolean autoRegister = config.booleanValue(EventloomConfig.SCHEMA_REGISTRY_AUTO_REGISTER,
                    configuredRegistry.isEmpty());
            SchemaRegistryClient registry = new HttpSchemaRegistryClient(registryUrl, registryAuthorization);
            // The app governs the levels of its embedded registry; of a configured one only where it may register.
            if (configuredRegistry.isEmpty() || autoRegister) {
                registry = levelSetting(registry, registryUrl, levels, schemas);
            }
            // A body larger than a record the log takes could never become a command.
            HttpSettings httpSettings = httpSettings(config).withMaxBodyBytes(recordLimit.maxRecordBytes());
            Services services = startServices(config, domain, schemas, kafka, registry, autoRegister, httpSettings,
                    recordLimit, new RuntimeMetrics(meters), started);
            // Ready only while every part a command or read passes through works, this instance's registry included.
            List<HealthCheck> checks = new ArrayList<>(services.runtime().health());
            checks.add(services.gateway().health());
            checks.add(services.generations());
            embeddedRegistry.ifPresent(embedded -> checks.add(embedded.health()));
            HttpApi http = HttpApi.start(httpSettings, access.http(), new HttpApi.Backend(domain,
                    services.runtime().applications(), services.runtime()::streamsFor, services.gateway(),
                    services.reader(), services.projections(), checks, List.of(services.runtime().liveness())), meters);
            started.push(http);
            return new EventloomApp(kafka.bootstrapServers(), registryUrl, autoRegister, started, services, http,
                    access.adminToken());
        } catch (RuntimeException e) {
            closeAll(started);
            throw e;
        }
    }

    /**
     * A client that sets each subject's level before its first schema: the public subjects' now, the ones the
     * runtime registers for its stores and internal topics at their first registration.
     */
    private static SchemaRegistryClient levelSetting(SchemaRegistryClient registry, String registryUrl,
                                                     CompatibilityLevels levels, DomainSchemas schemas) {
        LevelSettingRegistryClient client = new LevelSettingRegistryClient(registry, registryUrl, levels);
        Map<String, Compatibility> set = new LinkedHashMap<>();
        for (DomainSchemas.Subject subject : schemas.publicSubjects()) {
            try {
                client.settle(subject.name(), subject.schema());
            } catch (SchemaRegistryException e) {
                if (!e.isOutage()) {
                    throw e;
                }
                // Left unsettled, a subject gets its level when its first schema is registered, once it answers.
                log.warn("Cannot reach the schema registry at {} to set the public subjects' compatibility levels"
                        + " ({}); each is set before its first schema is registered", registryUrl, e.getMessage());
                return client;
            }
            set.put(subject.name(), levels.levelFor(subject.name(), subject.schema()));
        }
        log.info("Compatibility levels of the public subjects: {}; the runtime's own subjects get their kind's level"
                + " at their first registration", set);
        return client;
    }

    private static Services startServices(EventloomConfig config, Domain domain, DomainSchemas schemas,
                                          KafkaClientSettings kafka, SchemaRegistryClient registry,
                                          boolean autoRegister, HttpSettings http, RecordLimit recordLimit,
                                          RuntimeMetrics metrics, Deque<AutoCloseable> started) {
        TopicNames topics = TopicPlan.topicNames(config);
        AvroSerdes serdes = new AvroSerdes(registry, AvroSerdeConfig.defaults().withAutoRegister(autoRegister));
        if (autoRegister) {
            started.push(PublicSchemas.register(schemas, registry, PUBLIC_SCHEMAS_RETRY));
        }
        // The stores' changelog schemas belong to the runtime, not to any client: it always registers them.
        AvroSerdes internal = new AvroSerdes(registry, AvroSerdeConfig.autoRegistering());
        Map<String, Object> streamsOverrides = new HashMap<>(kafka.streams());
        streamsOverrides.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.streamThreads());
        RuntimeSettings settings = new RuntimeSettings(
                config.require(EventloomConfig.APPLICATION_ID), kafka.bootstrapServers(),
                config.path(EventloomConfig.STREAMS_STATE_DIR),
                Duration.ofMillis(config.intValue(EventloomConfig.STREAMS_COMMIT_INTERVAL_MS)),
                // Kafka Streams tells every instance where each key lives by this address: the HTTP API's.
                Optional.of(http.applicationServer()),
                config.intValue(EventloomConfig.STREAMS_STANDBY_REPLICAS),
                config.projectionsPlacement(), config.projectionsCommitInterval(), streamsOverrides);
        ProjectionGenerationFollower generations = ProjectionGenerationFollower.open(kafka,
                topics.projectionGenerations(), ADMIN_TIMEOUT);
        started.push(generations);
        ProjectionStates projectionStates = ProjectionRowCheck.states(domain, generations.generations(), registry,
                settings.applicationId(), settings.projectionsApplicationId());
        EventloomRuntime runtime = EventloomRuntime.start(settings, TopicPlan.topologySettings(config, recordLimit),
                domain, serdes, internal, projectionStates, metrics);
        started.push(runtime);
        generations.follow(runtime.projectionGenerations());
        if (!projectionStates.unreadable().isEmpty()) {
            started.push(ProjectionAutoRebuild.start(kafka, topics, settings.applicationId(), domain,
                    projectionStates.unreadable()));
        }
        CommandGateway gateway = new CommandGateway(kafka, runtime.topics(), Clock.systemUTC(), metrics);
        started.push(gateway);
        log.info("Runtime started for aggregate types {}, processes {} and projections {}",
                domain.aggregates().stream().map(AggregateType::name).toList(),
                domain.processes().stream().map(ProcessType::name).toList(),
                domain.projections().stream().map(ProjectionType::name).toList());
        return new Services(domain, topics, runtime, gateway, runtime.aggregates(), runtime.projections(),
                generations.health());
    }

    /** The runtime, gateway and reader; fails when this app runs only the schema registry. */
    public Services services() {
        if (services == null) {
            throw new IllegalStateException("this app runs only the schema registry");
        }
        return services;
    }

    /** Starts the schema registry alone, on the configured Kafka or on an embedded broker when none is set. */
    public static EventloomApp startSchemaRegistryOnly(EventloomConfig config) {
        log.info("Starting the schema registry with this configuration (secrets hidden):{}", config.effective());
        AccessSetup access = AccessSetup.of(config);
        Deque<AutoCloseable> started = new ArrayDeque<>();
        started.push(access);
        try {
            KafkaClientSettings kafka = config.kafkaClients(connectOrStartBroker(config, started));
            String registryUrl = startRegistry(config, kafka, access, new SimpleMeterRegistry(), started).url();
            return new EventloomApp(kafka.bootstrapServers(), registryUrl, true, started, null, null,
                    access.adminToken());
        } catch (RuntimeException e) {
            closeAll(started);
            throw e;
        }
    }

    /** The port the HTTP API listens on; fails when this app runs only the schema registry. */
    public int httpPort() {
        if (http == null) {
            throw new IllegalStateException("this app runs only the schema registry");
        }
        return http.port();
    }

    /**
     * The admin API key kept for this system when no API keys or JWTs are configured (made at its first start);
     * empty otherwise.
     */
    public Optional<String> adminToken() {
        return adminToken;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The schema registry the app's serdes talk to: the configured one or the embedded one. */
    public String schemaRegistryUrl() {
        return schemaRegistryUrl;
    }

    /** Whether the app's serializers register the schemas they write. */
    public boolean autoRegisterSchemas() {
        return autoRegisterSchemas;
    }

    @Override
    public void close() {
        closeAll(resources);
    }

    private static String connectOrStartBroker(EventloomConfig config, Deque<AutoCloseable> started) {
        Optional<String> configured = config.get(EventloomConfig.BOOTSTRAP_SERVERS);
        if (configured.isPresent()) {
            log.info("Connecting to Kafka at {}", configured.get());
            return configured.get();
        }
        log.info("No {} configured: starting the embedded Kafka broker (set {} to use a cluster)",
                EventloomConfig.BOOTSTRAP_SERVERS, EventloomConfig.envNameOf(EventloomConfig.BOOTSTRAP_SERVERS));
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(EmbeddedBrokerSettings.of(
                config.path(EventloomConfig.EMBEDDED_KAFKA_DATA_DIR),
                config.intValue(EventloomConfig.EMBEDDED_KAFKA_PORT)));
        started.push(broker);
        return broker.bootstrapServers();
    }

    private static String useRegistry(String url) {
        log.info("Using the schema registry at {}", url);
        return url;
    }

    private static EmbeddedSchemaRegistry startRegistry(EventloomConfig config, KafkaClientSettings kafka,
                                                        AccessSetup access, MeterRegistry meters,
                                                        Deque<AutoCloseable> started) {
        log.info("No {} configured: starting the embedded schema registry (set {} to use another)",
                EventloomConfig.SCHEMA_REGISTRY_URL, EventloomConfig.envNameOf(EventloomConfig.SCHEMA_REGISTRY_URL));
        EmbeddedSchemaRegistry.Settings settings = EmbeddedSchemaRegistry.Settings
                .of(kafka, config.intValue(EventloomConfig.SCHEMA_REGISTRY_PORT))
                .withTopic(config.require(EventloomConfig.SCHEMA_REGISTRY_TOPIC))
                .withReplicationFactor(config.topicReplicationFactor())
                .withAccess(access.registry())
                .withMeters(meters);
        EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(AccessSetup.bindAddress(config)
                .map(settings::withBindAddress).orElse(settings));
        started.push(registry);
        return registry;
    }

    private static HttpSettings httpSettings(EventloomConfig config) {
        return new HttpSettings(AccessSetup.bindAddress(config), config.intValue(EventloomConfig.HTTP_PORT),
                config.require(EventloomConfig.HTTP_ADVERTISED_HOST),
                config.duration(EventloomConfig.HTTP_COMMAND_TIMEOUT),
                config.duration(EventloomConfig.HTTP_READ_WAIT), HttpSettings.DEFAULT_MAX_BODY_BYTES,
                config.list(EventloomConfig.HTTP_CORS_ORIGINS), config.httpThreads());
    }

    private static void closeAll(Deque<AutoCloseable> resources) {
        while (!resources.isEmpty()) {
            AutoCloseable resource = resources.pop();
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("Failed to stop {} cleanly", resource, e);
            }
        }
    }
}
