package io.eventloom.bench.axon;

import org.axonframework.commandhandling.AsynchronousCommandBus;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandBusSpanFactory;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The product aggregate on Axon Framework 4, configured without Spring or Axon Server: an asynchronous command bus
 * on a fixed pool of handler threads, an embedded event store on Axon's JDBC engine, Jackson for events.
 */
final class AxonProducts implements AutoCloseable {

    // Axon 4.12+ would otherwise report to AxonIQ over the network: a bench must not, and this machine cannot.
    private static final String UPDATE_CHECK_DISABLED = "axoniq.update-checker.disabled";

    private final Configuration configuration;
    private final ExecutorService handlers;

    private AxonProducts(Configuration configuration, ExecutorService handlers) {
        this.configuration = configuration;
        this.handlers = handlers;
    }

    /** Starts Axon on the database, handling commands on that many threads. */
    static AxonProducts start(H2EventDatabase database, int handlerThreads) {
        if (System.getProperty(UPDATE_CHECK_DISABLED) == null) {
            System.setProperty(UPDATE_CHECK_DISABLED, "true");
        }
        // Jackson, not Axon's default XStream: XStream needs a security allow-list, and Eventloom's events are
        // compact binary (Avro), which JSON is nearer to than XStream's XML.
        Serializer serializer = JacksonSerializer.defaultSerializer();
        ExecutorService handlers = Executors.newFixedThreadPool(handlerThreads,
                new AxonThreadFactory("axon-peer-handlers"));
        // false: no configurer modules found on the class path, which in Axon 4.13 is only the update checker.
        Configuration configuration = DefaultConfigurer.defaultConfiguration(false)
                .configureSerializer(c -> serializer)
                .configureEmbeddedEventStore(c -> database.storageEngine(serializer))
                .configureCommandBus(c -> commandBus(c, handlers))
                .configureAggregate(Product.class)
                .start();
        return new AxonProducts(configuration, handlers);
    }

    /** Where the bench sends commands, as an application would. */
    CommandGateway gateway() {
        return configuration.commandGateway();
    }

    /** A product's available stock, replayed from the events Axon stored for it (0 for no such product). */
    long availableStock(String productId) {
        DomainEventStream events = configuration.eventStore().readEvents(productId);
        ProductState state = ProductState.INITIAL;
        while (events.hasNext()) {
            state = state.evolve((ProductEvent) events.next().getPayload());
        }
        return state.availableStock();
    }

    @Override
    public void close() throws InterruptedException {
        configuration.shutdown();
        handlers.shutdown();
        if (!handlers.awaitTermination(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("Axon's command handler threads did not stop within 30 s");
        }
    }

    // What DefaultConfigurer gives its SimpleCommandBus (transaction manager, monitor, tracing, correlation data),
    // on an asynchronous bus: an Eventloom client never runs the decider on its own thread either, and the open-loop
    // sender must not wait for one command before sending the next.
    private static CommandBus commandBus(Configuration config, ExecutorService handlers) {
        CommandBus bus = AsynchronousCommandBus.builder()
                .executor(handlers)
                .transactionManager(config.getComponent(TransactionManager.class, () -> NoTransactionManager.INSTANCE))
                .spanFactory(config.getComponent(CommandBusSpanFactory.class))
                .messageMonitor(config.messageMonitor(AsynchronousCommandBus.class, "commandBus"))
                .build();
        bus.registerHandlerInterceptor(new CorrelationDataInterceptor<>(config.correlationDataProviders()));
        return bus;
    }
}
