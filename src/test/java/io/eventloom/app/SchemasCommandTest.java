package io.eventloom.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventloom.core.TopicNames;
import io.eventloom.kafka.FreePort;
import io.eventloom.kafka.KafkaBrokerExtension;
import io.eventloom.kafka.TestBroker;
import io.eventloom.registry.Compatibility;
import io.eventloom.registry.EmbeddedSchemaRegistry;
import io.eventloom.serde.HttpSchemaRegistryClient;
import io.eventloom.shop.Shop;
import io.eventloom.shop.order.OrderEventEnvelope;
import io.eventloom.shop.order.OrderState;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code eventloom schemas check} against the running embedded registry, each test on a registry of its own. */
@ExtendWith(KafkaBrokerExtension.class)
class SchemasCommandTest {

    private static final Schema GONE = new Schema.Parser().parse("""
            {"type": "record", "name": "Gone", "namespace": "test", "fields": []}""");

    private EmbeddedSchemaRegistry registry;
    private HttpSchemaRegistryClient client;
    private String namespace;
    private String applicationId;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void startRegistry(TestBroker broker, TestInfo test) {
        registry = EmbeddedSchemaRegistry.start(EmbeddedSchemaRegistry.Settings.of(broker.bootstrapServers(),
                FreePort.find()).withTopic("_eventloom_schemas-check-" + UUID.randomUUID()));
        client = new HttpSchemaRegistryClient(registry.url());
        namespace = "check";
        applicationId = "check-" + test.getTestMethod().orElseThrow().getName().hashCode();
    }

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    @Test
    void givenARegistryHoldingThisBuildsSchemas_whenChecked_thenExit0AndEachSubjectFitsIsNewOrCannotBeChecked() {
        DomainSchemas schemas = DomainSchemas.of(Shop.domain(), new TopicNames(namespace));
        schemas.publicSubjects().stream().filter(subject -> !subject.name().startsWith(namespace + ".customer."))
                .forEach(subject -> client.register(subject.name(), subject.schema()));
        client.register(applicationId + "-order-aggregate-state-changelog-value", OrderState.getClassSchema());
        client.register(applicationId + "-gone-changelog-value", GONE);

        int exitCode = check(registry.url());

        assertThat(exitCode).as(out + "" + err).isZero();
        assertThat(out.toString()).contains(applicationId + "-gone-changelog-value: not checked: it holds test.Gone,"
                        + " which this build does not define")
                .contains("11 subjects checked against " + registry.url() + ": 7 fit, 3 new, 0 incompatible,"
                        + " 1 not checked.");
    }

    // BACKWARD checks that this build reads what the registry's versions wrote: a newer deploy's added union branch
    // or enum symbol is data this older build cannot read.
    @Test
    void givenARegistryHoldingNewerVersionsThisBuildCannotRead_whenChecked_thenExit1NamingTheSubjectsAndFields() {
        String events = namespace + ".order.events-value";
        String state = applicationId + "-order-aggregate-state-changelog-value";
        client.setCompatibility(events, Compatibility.BACKWARD_TRANSITIVE);
        client.setCompatibility(state, Compatibility.BACKWARD_TRANSITIVE);
        client.register(events, OrderEventEnvelope.getClassSchema());
        client.register(events, withRefundedEvent(OrderEventEnvelope.getClassSchema()));
        client.register(state, OrderState.getClassSchema());
        client.register(state, withReturnedStatus(OrderState.getClassSchema()));

        int exitCode = check(registry.url());

        assertThat(exitCode).as(out + "" + err).isEqualTo(SchemasCommand.CheckCommand.INCOMPATIBLE);
        assertThat(out.toString()).contains(events + ": field 'payload' in OrderEventEnvelope no longer allows"
                        + " OrderRefunded, so data written with version 2 cannot be read\n")
                .contains(state + ": enum OrderStatus in field 'status' in OrderState lost symbols [RETURNED], so"
                        + " data written with version 2 cannot be read\n")
                .contains("10 subjects checked against " + registry.url() + ": 0 fit, 8 new, 2 incompatible,"
                        + " 0 not checked.");
    }

    @Test
    void givenAnUnreachableRegistry_whenChecked_thenExit3WithOneLineSayingSoAndNoStackTrace() {
        String nowhere = "http://localhost:" + FreePort.find();

        int exitCode = check(nowhere);

        assertThat(exitCode).isEqualTo(SchemasCommand.CheckCommand.REGISTRY_UNAVAILABLE);
        assertThat(err.toString()).startsWith("Cannot check the schemas against the registry at " + nowhere
                + ": it cannot be reached (").endsWith(")\n").hasLineCount(1);
        assertThat(out.toString()).isEmpty();
    }

    private int check(String registryUrl) {
        return Main.commandLine(new Main(Map.of(
                        "EVENTLOOM_SCHEMA_REGISTRY_URL", registryUrl,
                        "EVENTLOOM_TOPIC_NAMESPACE", namespace,
                        "EVENTLOOM_APPLICATION_ID", applicationId)))
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute("schemas", "check");
    }

    /** The schema with one more event: what a newer deploy would have registered. */
    private static Schema withRefundedEvent(Schema envelope) {
        ObjectNode json = parse(envelope);
        for (var field : json.withArray("fields")) {
            if (field.path("name").asText().equals("payload")) {
                ((ArrayNode) field.path("type")).addObject().put("type", "record").put("name", "OrderRefunded")
                        .putArray("fields");
            }
        }
        return new Schema.Parser().parse(json.toString());
    }

    /** The state with one more status: what a newer deploy would have written to the changelog. */
    private static Schema withReturnedStatus(Schema state) {
        ObjectNode json = parse(state);
        for (var field : json.withArray("fields")) {
            if (field.path("name").asText().equals("status")) {
                ((ArrayNode) field.path("type").path("symbols")).add("RETURNED");
            }
        }
        return new Schema.Parser().parse(json.toString());
    }

    private static ObjectNode parse(Schema schema) {
        try {
            return (ObjectNode) new ObjectMapper().readTree(schema.toString());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
