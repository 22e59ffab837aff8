package io.eventloom.testing;

import io.eventloom.app.TopicPlan;
import io.eventloom.core.CommandGateway;
import io.eventloom.core.Domain;
import io.eventloom.core.EventloomRuntime;
import io.eventloom.core.RuntimeSettings;
import io.eventloom.core.TopicNames;
import io.eventloom.core.TopologySettings;
import io.eventloom.kafka.FreePort;
import io.eventloom.kafka.KafkaClientSettings;
import io.eventloom.kafka.KafkaTestClients;
import io.eventloom.kafka.TestBroker;
import io.eventloom.kafka.TopicSetup;
import io.eventloom.kafka.TopicSpec;
import io.eventloom.registry.EmbeddedSchemaRegistry;
import io.eventloom.serde.AvroSerdes;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A domain's runtime on the test broker with its own embedded registry and a gateway, without the app around
 * it: the topics, the registry, Kafka Streams running, and everything closed in reverse order.
 */
public final class RunningRuntime implements AutoCloseable {

    public static final Duration TIMEOUT = Duration.ofSeconds(60);
    public static final int PARTITIONS = 2;

    private final String bootstrap;
    private final int registryPort;
    private EmbeddedSchemaRegistry registry;
    private final EventloomRuntime runtime;
    private final CommandGateway gateway;

    private RunningRuntime(String bootstrap, EmbeddedSchemaRegistry registry, int registryPort,
                           EventloomRuntime runtime, CommandGateway gateway) {
        this.bootstrap = bootstrap;
        this.registry = registry;
        this.registryPort = registryPort;
        this.runtime = runtime;
        this.gateway = gateway;
    }

    public static RunningRuntime start(TestBroker broker, Domain domain, TopicNames topics, String applicationId,
                                       Path stateDir) {
        return start(broker, domain, topics, applicationId, stateDir, UnaryOperator.identity());
    }

    /** @param tuning changes the runtime's default settings, e.g. its commit interval */
    public static RunningRuntime start(TestBroker broker, Domain domain, TopicNames topics, String applicationId,
                                       Path stateDir, UnaryOperator<RuntimeSettings> tuning) {
        String bootstrap = broker.bootstrapServers();
        createTopics(bootstrap, domain, topics);
        int registryPort = FreePort.find();
        EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(bootstrap, registryPort);
        AvroSerdes serdes = TestSerdes.on(registry.url());
        RuntimeSettings settings = tuning.apply(RuntimeSettings.of(applicationId, bootstrap, stateDir));
        EventloomRuntime runtime = EventloomRuntime.start(settings, TopologySettings.of(topics, PARTITIONS), domain,
                serdes, serdes);
        runtime.awaitRunning(TIMEOUT);
        CommandGateway gateway = new CommandGateway(KafkaClientSettings.of(bootstrap), runtime.topics(),
                Clock.systemUTC());
        return new RunningRuntime(bootstrap, registry, registryPort, runtime, gateway);
    }

    /** The domain's topics as the app shapes them, with {@value #PARTITIONS} partitions each. */
    public static void createTopics(String bootstrap, Domain domain, TopicNames topics) {
        List<TopicSpec> specs = TopicPlan.specs(topics, domain, PARTITIONS, Optional.empty());
        try (var admin = KafkaTestClients.admin(bootstrap)) {
            new TopicSetup(admin, TIMEOUT).ensure(specs);
        }
    }

    public String bootstrapServers() {
        return bootstrap;
    }

    public EmbeddedSchemaRegistry registry() {
        return registry;
    }

    /** Stops the registry, as an outage would: the runtime's client finds nothing at its address. */
    public void stopRegistry() {
        registry.close();
        registry = null;
    }

    /** Starts the registry again at the same address, on the same topic, so every schema id is as it was. */
    public void startRegistry() {
        registry = EmbeddedSchemaRegistry.start(bootstrap, registryPort);
    }

    public EventloomRuntime runtime() {
        return runtime;
    }

    public CommandGateway gateway() {
        return gateway;
    }

    @Override
    public void close() {
        gateway.close();
        runtime.close();
        if (registry != null) {
            registry.close();
        }
    }
}
