package io.eventloom.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventloom.kafka.FreePort;
import io.eventloom.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged {@code target/eventloom.jar}, run as README says (Maven's verify phase runs this after package): what
 * the classpath of the unit tests cannot show, such as resources the shading merged or dropped.
 */
class PackagedJarIT {

    private static final Path JAR = Path.of("target", "eventloom.jar");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void givenJsonLogFormat_whenTheJarStarts_thenEveryLineIsAnEcsJsonObjectAndLog4jReportsNoError(@TempDir Path dir)
            throws Exception {
        // A broker nobody listens on: the app logs its configuration first, then waits for Kafka; that is enough.
        Map<String, String> environment = Map.of(
                "EVENTLOOM_LOG_FORMAT", "json",
                "EVENTLOOM_BOOTSTRAP_SERVERS", "127.0.0.1:" + FreePort.find(),
                "EVENTLOOM_SCHEMA_REGISTRY_URL", "http://127.0.0.1:" + FreePort.find(),
                "EVENTLOOM_HTTP_PORT", String.valueOf(FreePort.find()),
                "EVENTLOOM_STREAMS_STATE_DIR", dir.resolve("state").toString());
        Path log = dir.resolve("app.log");
        try (ChildJvm app = ChildJvm.startJar(JAR, environment, log)) {
            app.awaitLine("Starting with this configuration", Duration.ofSeconds(60));
        }

        List<String> lines = Files.readAllLines(log).stream().filter(line -> !line.isBlank()).toList();
        assertThat(lines).isNotEmpty().noneMatch(line -> line.contains("ERROR") && !line.startsWith("{"));
        for (String line : lines) {
            JsonNode event = JSON.readTree(line);
            assertThat(event.path("log.level").asText()).as(line).isNotEmpty();
            assertThat(event.path("message").asText()).as(line).isNotEmpty();
        }
        assertThat(lines).anySatisfy(line -> assertThat(JSON.readTree(line).path("message").asText())
                .startsWith("Starting with this configuration"));
    }
}
