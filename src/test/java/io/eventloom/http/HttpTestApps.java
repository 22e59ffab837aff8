package io.eventloom.http;

import io.eventloom.app.EventloomApp;
import io.eventloom.app.EventloomConfig;
import io.eventloom.kafka.FreePort;
import io.eventloom.kafka.TestBroker;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * Starts shop apps serving HTTP on the shared test broker, each on free ports with its own state directory and admin
 * key, sharing a forwarding secret.
 */
final class HttpTestApps {

    static final Duration STARTUP = Duration.ofSeconds(90);

    private HttpTestApps() {
    }

    static EventloomConfig config(TestBroker broker, String registryUrl, String applicationId, Path stateDir,
                                  Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(Map.of(
                EventloomConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers(),
                EventloomConfig.SCHEMA_REGISTRY_URL, registryUrl,
                EventloomConfig.SCHEMA_REGISTRY_AUTO_REGISTER, "true",
                EventloomConfig.APPLICATION_ID, applicationId,
                EventloomConfig.TOPIC_NAMESPACE, applicationId,
                EventloomConfig.TOPIC_PARTITIONS, "4",
                EventloomConfig.STREAMS_STATE_DIR, stateDir.toString(),
                EventloomConfig.HTTP_PORT, String.valueOf(FreePort.find())));
        // Each app keeps its own admin key; the instances of one application share the forwarding secret.
        values.put(EventloomConfig.HTTP_AUTH_ADMIN_TOKEN_FILE, stateDir.resolve("admin.token").toString());
        values.put(EventloomConfig.HTTP_FORWARDING_SECRET, new String(TestAccess.FORWARDING_SECRET,
                StandardCharsets.UTF_8));
        values.putAll(overrides);
        return EventloomConfig.of(values);
    }

    /** The HTTP port of the instance whose active task holds the key in the store, as Kafka Streams says. */
    static int ownerPort(EventloomApp app, String store, String id) {
        return app.services().runtime().streamsFor(store)
                .queryMetadataForKey(store, id, new StringSerializer()).activeHost().port();
    }

    /** Starts the shop and waits until it reports ready over HTTP. */
    static EventloomApp startReady(EventloomConfig config) {
        EventloomApp app = EventloomApp.start(config);
        HttpClientSupport http = HttpClientSupport.anonymous(app.httpPort());
        await().atMost(STARTUP).until(() -> http.get("/health/ready").statusCode() == 200);
        return app;
    }
}
