package io.eventloom.serde;

import com.sun.net.httpserver.HttpServer;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The client asks the registry once per schema: by the same object, by an equal copy, and per subject. */
class HttpSchemaRegistryClientCacheTest {

    private static final Schema SCHEMA = SchemaBuilder.record("Thing").namespace("test").fields()
            .requiredString("name").endRecord();

    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer registry;
    private HttpSchemaRegistryClient client;

    @BeforeEach
    void startRegistry() throws IOException {
        registry = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        registry.createContext("/subjects/", exchange -> {
            requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{\"id\":7}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", HttpSchemaRegistryClient.CONTENT_TYPE);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        registry.start();
        client = new HttpSchemaRegistryClient("http://localhost:" + registry.getAddress().getPort());
    }

    @AfterEach
    void stopRegistry() {
        registry.stop(0);
    }

    @Test
    void givenSameSchemaObject_whenLookedUpManyTimes_thenOneRequest() {
        for (int i = 0; i < 1_000; i++) {
            assertThat(client.idOf("things-value", SCHEMA)).isEqualTo(7);
        }

        assertThat(requests).hasValue(1);
    }

    @Test
    void givenEqualCopyParsedAgain_whenLookedUp_thenAnsweredFromTheCacheWithTheSameId() {
        client.register("things-value", SCHEMA);

        int id = client.register("things-value", new Schema.Parser().parse(SCHEMA.toString()));

        assertThat(id).isEqualTo(7);
        assertThat(requests).hasValue(1);
    }

    @Test
    void givenSameSchemaUnderAnotherSubject_whenLookedUp_thenAskedAgain() {
        client.idOf("things-value", SCHEMA);

        client.idOf("other-value", SCHEMA);

        assertThat(requests).hasValue(2);
    }
}
