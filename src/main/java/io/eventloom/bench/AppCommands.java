package io.eventloom.bench;

import io.eventloom.shop.product.ProductCommandEnvelope;
import org.apache.avro.specific.SpecificRecord;

import java.time.Instant;
import java.util.function.LongFunction;

/** Sends commands to a running app through its commands topics and waits until each has a committed result. */
final class AppCommands {

    static final String PRODUCT = "product";

    private final BenchContext context;
    private final AppChild app;
    private final String scenario;

    AppCommands(BenchContext context, AppChild app, String scenario) {
        this.context = context;
        this.app = app;
        this.scenario = scenario;
    }

    void products(ProductCommands commands, String what) {
        send(PRODUCT, commands.events(), commands::aggregateId, i -> commands.command(i, Instant.now()),
                ProductCommandEnvelope.class, what);
    }

    /** Sends {@code count} commands of {@code type} to the aggregate type's topic and waits for their results. */
    <V extends SpecificRecord> void send(String aggregateType, long count, LongFunction<String> keys,
                                         LongFunction<V> commands, Class<V> type, String what) {
        AppDeployment deployment = app.deployment();
        try (ResultCounter results = ResultCounter.fromEnd(deployment.bootstrapServers(),
                deployment.topics().commandResults(aggregateType))) {
            context.log().printf("[%s] %s: sending %,d commands%n", scenario, what, count);
            context.load().sendAvro(deployment.topics().commands(aggregateType), count, keys, commands, type);
            results.await(count, app::isAlive, context.progress("[" + scenario + "] " + what, count));
        }
    }
}
