package io.eventloom.app;

import io.eventloom.core.TopicNames;
import io.eventloom.registry.Compatibility;
import io.eventloom.shop.Shop;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The build-time gate: every current schema against every released version kept under {@code schema-history/}, at
 * the level its subjects get (events BACKWARD_TRANSITIVE, commands and results BACKWARD, aggregate state NONE,
 * process state and rows BACKWARD_TRANSITIVE), so that a change the registry would refuse fails the build before it
 * reaches one.
 */
class SchemaHistoryTest {

    private static final DomainSchemas SHOP = DomainSchemas.of(Shop.domain(), new TopicNames("shop"));

    private static final String PLACED_V1 = """
            {"type": "record", "name": "Placed", "fields": [{"name": "customer", "type": "string"}]}""";
    private static final String CANCELLED_V1 = """
            {"type": "record", "name": "Cancelled", "fields": [{"name": "reason", "type": "int"}]}""";

    @Test
    void givenTheReleasedSchemas_whenComparedWithThisBuildsAtTheirSubjectsLevels_thenEveryChangeFits()
            throws URISyntaxException {
        Path history = Path.of(SchemaHistoryTest.class.getResource("/schema-history").toURI());

        assertThat(SchemaHistory.read(history).problems(SchemaHistoryTest::generated,
                schema -> SHOP.kindOf(schema).level())).isEmpty();
    }

    @Test
    void givenANewFieldWithoutDefault_whenChecked_thenTheReasonNamesTheFieldAndItsRecord(@TempDir Path dir)
            throws IOException {
        release(dir, "test/Envelope.v1.avsc", envelope(PLACED_V1 + ", " + CANCELLED_V1));
        Schema current = envelope(PLACED_V1.replace("}]}", "}, {\"name\": \"channel\", \"type\": \"string\"}]}")
                + ", " + CANCELLED_V1);

        assertThat(problems(dir, current, Compatibility.BACKWARD_TRANSITIVE)).containsExactly("test/Envelope"
                + " (BACKWARD_TRANSITIVE): field 'channel' in Placed has no default, so data written with version 1"
                + " cannot be read");
    }

    @Test
    void givenARemovedUnionBranch_whenChecked_thenTheReasonNamesTheBranch(@TempDir Path dir) throws IOException {
        release(dir, "test/Envelope.v1.avsc", envelope(PLACED_V1 + ", " + CANCELLED_V1));

        assertThat(problems(dir, envelope(PLACED_V1), Compatibility.BACKWARD)).containsExactly("test/Envelope"
                + " (BACKWARD): field 'event' in Envelope no longer allows Cancelled, so data written with version 1"
                + " cannot be read");
    }

    @Test
    void givenAChangedType_whenChecked_thenTheReasonSaysFromWhatToWhat(@TempDir Path dir) throws IOException {
        release(dir, "test/Envelope.v1.avsc", envelope(PLACED_V1 + ", " + CANCELLED_V1));
        Schema current = envelope(PLACED_V1 + ", " + CANCELLED_V1.replace("\"int\"", "\"string\""));

        assertThat(problems(dir, current, Compatibility.BACKWARD)).containsExactly("test/Envelope (BACKWARD): field"
                + " 'reason' in Cancelled changed type from int to string, so data written with version 1 cannot be"
                + " read");
    }

    @Test
    void givenAnOptionalFieldWithADefault_whenChecked_thenItFits(@TempDir Path dir) throws IOException {
        release(dir, "test/Envelope.v1.avsc", envelope(PLACED_V1 + ", " + CANCELLED_V1));
        Schema current = envelope(PLACED_V1.replace("}]}",
                "}, {\"name\": \"channel\", \"type\": [\"null\", \"string\"], \"default\": null}]}")
                + ", " + CANCELLED_V1);

        assertThat(problems(dir, current, Compatibility.BACKWARD_TRANSITIVE)).isEmpty();
    }

    // Dropping a default a release added: the latest release's data has the field, the first one's does not.
    @Test
    void givenAChangeOnlyTheLatestReleaseAllows_whenChecked_thenTransitiveRefusesItAndBackwardDoesNot(
            @TempDir Path dir) throws IOException {
        String channel = "}, {\"name\": \"channel\", \"type\": \"string\"";
        release(dir, "test/Placed.v1.avsc", parse(PLACED_V1));
        release(dir, "test/Placed.v2.avsc", parse(PLACED_V1.replace("}]}", channel + ", \"default\": \"web\"}]}")));
        Schema current = parse(PLACED_V1.replace("}]}", channel + "}]}"));

        assertThat(problems(dir, current, Compatibility.BACKWARD)).isEmpty();
        assertThat(problems(dir, current, Compatibility.BACKWARD_TRANSITIVE)).containsExactly("test/Placed"
                + " (BACKWARD_TRANSITIVE): field 'channel' in Placed has no default, so data written with version 1"
                + " cannot be read");
    }

    @Test
    void givenAReleasedSchemaThisBuildNoLongerDefines_whenChecked_thenItIsNamed(@TempDir Path dir) throws IOException {
        release(dir, "test/Envelope.v1.avsc", envelope(PLACED_V1));

        assertThat(SchemaHistory.read(dir).problems(name -> Optional.empty(), schema -> Compatibility.BACKWARD))
                .containsExactly("test/Envelope: released as test.Envelope, which this build no longer defines");
    }

    /** This build's generated class of the record with that full name, if there is one. */
    private static Optional<Schema> generated(String fullName) {
        try {
            return Optional.of(SpecificData.get().getSchema(Class.forName(fullName)));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }

    private static List<String> problems(Path dir, Schema current, Compatibility level) {
        return SchemaHistory.read(dir).problems(name -> Optional.of(current).filter(schema ->
                schema.getFullName().equals(name)), schema -> level);
    }

    private static void release(Path dir, String path, Schema schema) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, schema.toString(true));
    }

    private static Schema parse(String record) {
        return new Schema.Parser().parse(record.replace("\"name\": \"Placed\"",
                "\"name\": \"Placed\", \"namespace\": \"test\""));
    }

    private static Schema envelope(String branches) {
        return new Schema.Parser().parse("{\"type\": \"record\", \"name\": \"Envelope\", \"namespace\": \"test\","
                + " \"fields\": [{\"name\": \"event\", \"type\": [" + branches + "]}]}");
    }
}
