package io.eventloom.app;

import io.eventloom.kafka.FreePort;
import io.eventloom.kafka.TestBroker;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The shop running on the test broker with its embedded registry, and operator commands run against it configured
 * as an operator would: by {@code EVENTLOOM_*} variables alone.
 */
final class CliShop implements AutoCloseable {

    private final EventloomApp app;
    private final Map<String, String> environment;

    private CliShop(EventloomApp app, Map<String, String> environment) {
        this.app = app;
        this.environment = environment;
    }

    /** Starts the shop in its own topic namespace, its admin key kept under {@code dir}. */
    static CliShop start(TestBroker broker, String namespace, Path dir) {
        Path tokenFile = dir.resolve("admin.token");
        EventloomApp app = EventloomApp.start(EventloomConfig.of(Map.of(
                EventloomConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers(),
                EventloomConfig.SCHEMA_REGISTRY_PORT, String.valueOf(FreePort.find()),
                EventloomConfig.HTTP_PORT, String.valueOf(FreePort.find()),
                EventloomConfig.APPLICATION_ID, namespace,
                EventloomConfig.TOPIC_NAMESPACE, namespace,
                EventloomConfig.TOPIC_PARTITIONS, "2",
                EventloomConfig.STREAMS_STATE_DIR, dir.resolve("state").toString(),
                EventloomConfig.HTTP_AUTH_ADMIN_TOKEN_FILE, tokenFile.toString())));
        app.services().runtime().awaitRunning(Duration.ofSeconds(60));
        return new CliShop(app, Map.of(
                EventloomConfig.envNameOf(EventloomConfig.BOOTSTRAP_SERVERS), broker.bootstrapServers(),
                EventloomConfig.envNameOf(EventloomConfig.SCHEMA_REGISTRY_URL), app.schemaRegistryUrl(),
                EventloomConfig.envNameOf(EventloomConfig.TOPIC_NAMESPACE), namespace,
                EventloomConfig.envNameOf(EventloomConfig.APPLICATION_ID), namespace,
                EventloomConfig.envNameOf(EventloomConfig.HTTP_PORT), String.valueOf(app.httpPort()),
                EventloomConfig.envNameOf(EventloomConfig.HTTP_AUTH_ADMIN_TOKEN_FILE), tokenFile.toString()));
    }

    EventloomApp app() {
        return app;
    }

    /** Runs {@code eventloom args...} with the shop's variables, and more or replaced ones from {@code extra}. */
    Run run(Map<String, String> extra, String... args) {
        Map<String, String> env = new HashMap<>(environment);
        env.putAll(extra);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = Main.commandLine(new Main(env)).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    Run run(String... args) {
        return run(Map.of(), args);
    }

    /** What a command printed, and how it ended. */
    record Run(int exitCode, String out, String err) {
    }

    @Override
    public void close() {
        app.close();
    }
}
