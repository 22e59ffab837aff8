package io.eventloom.app;

import io.eventloom.core.CommandOptions;
import io.eventloom.core.avro.CommandResult;
import io.eventloom.core.avro.CommandStatus;
import io.eventloom.kafka.FreePort;
import io.eventloom.kafka.TestBroker;
import org.apache.avro.specific.SpecificRecord;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shop running on the test broker with its embedded registry, and operator commands run against it configured
 * as an operator would: by {@code EVENTLOOM_*} variables alone.
 */
final class CliShop implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final EventloomApp app;
    private final Map<String, String> environment;

    private CliShop(EventloomApp app, Map<String, String> environment) {
        this.app = app;
        this.environment = environment;
    }

    /** Starts the shop in its own topic namespace, its admin key kept under {@code dir}. */
    static CliShop start(TestBroker broker, String namespace, Path dir) {
        return start(broker, namespace, dir, Map.of());
    }

    /** As {@link #start(TestBroker, String, Path)}, with {@code more} settings for the app. */
    static CliShop start(TestBroker broker, String namespace, Path dir, Map<String, String> more) {
        Path tokenFile = dir.resolve("admin.token");
        EventloomApp app = EventloomApp.start(config(broker, namespace, dir, more));
        app.services().runtime().awaitRunning(Duration.ofSeconds(60));
        return new CliShop(app, Map.of(
                EventloomConfig.envNameOf(EventloomConfig.BOOTSTRAP_SERVERS), broker.bootstrapServers(),
                EventloomConfig.envNameOf(EventloomConfig.SCHEMA_REGISTRY_URL), app.schemaRegistryUrl(),
                EventloomConfig.envNameOf(EventloomConfig.TOPIC_NAMESPACE), namespace,
                EventloomConfig.envNameOf(EventloomConfig.APPLICATION_ID), namespace,
                EventloomConfig.envNameOf(EventloomConfig.HTTP_PORT), String.valueOf(app.httpPort()),
                EventloomConfig.envNameOf(EventloomConfig.HTTP_AUTH_ADMIN_TOKEN_FILE), tokenFile.toString()));
    }

    /**
     * An app's configuration on the test broker with its embedded registry, in its own topic namespace (also its
     * application id), its state and admin key kept under {@code dir}, free ports, and {@code more} on top.
     */
    static EventloomConfig config(TestBroker broker, String namespace, Path dir, Map<String, String> more) {
        Map<String, String> values = new HashMap<>(Map.of(
                EventloomConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers(),
                EventloomConfig.SCHEMA_REGISTRY_PORT, String.valueOf(FreePort.find()),
                EventloomConfig.HTTP_PORT, String.valueOf(FreePort.find()),
                EventloomConfig.APPLICATION_ID, namespace,
                EventloomConfig.TOPIC_NAMESPACE, namespace,
                EventloomConfig.TOPIC_PARTITIONS, "2",
                EventloomConfig.STREAMS_STATE_DIR, dir.resolve("state").toString(),
                EventloomConfig.HTTP_AUTH_ADMIN_TOKEN_FILE, dir.resolve("admin.token").toString()));
        values.putAll(more);
        return EventloomConfig.of(values);
    }

    EventloomApp app() {
        return app;
    }

    /** Sends a command through the app's gateway, and fails unless it is accepted. */
    void accept(String type, String id, SpecificRecord payload) throws ExecutionException, InterruptedException {
        CommandResult result = app.services().gateway().send(type, id, payload, CommandOptions.defaults(), TIMEOUT)
                .get();
        assertThat(result.getStatus()).as(type + " " + id + ": " + result.getRejectionMessage())
                .isEqualTo(CommandStatus.ACCEPTED);
    }

    /** Waits until the aggregate's state, as its store holds it, is as asked: a saga's steps are asynchronous. */
    <S extends SpecificRecord> void awaitState(String type, String id, Class<S> state, Predicate<S> condition) {
        await().atMost(TIMEOUT).until(() -> app.services().reader().state(type, id)
                .map(snapshot -> condition.test(state.cast(snapshot.state()))).orElse(false));
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

    /** The RocksDB directories of a store in an application's task directories. */
    static List<Path> localStores(Path applicationDir, String store) throws IOException {
        try (Stream<Path> paths = Files.walk(applicationDir)) {
            return paths.filter(path -> path.getFileName().toString().equals(store)
                    && path.getParent().getFileName().toString().equals("rocksdb")).toList();
        }
    }

    /** What a command printed, and how it ended. */
    record Run(int exitCode, String out, String err) {
    }

    @Override
    public void close() {
        app.close();
    }
}
