package io.eventloom.app;

import io.eventloom.core.TopologyDocs;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The committed topology docs must describe the topology the code builds. */
class TopologyDocsTest {

    @Test
    void givenDefaultConfig_whenTopologyRendered_thenItEqualsTheCommittedDocs() throws Exception {
        Map<String, String> rendered = TopologyDocs.render(ShopTopology.of(EventloomConfig.of(Map.of())));

        for (Map.Entry<String, String> doc : rendered.entrySet()) {
            Path committed = Path.of("topology-docs", doc.getKey());
            assertThat(committed).as("run: java -jar target/eventloom.jar topology-docs").exists();
            assertThat(Files.readString(committed))
                    .as("%s is stale; regenerate with: java -jar target/eventloom.jar topology-docs", committed)
                    .isEqualTo(doc.getValue());
        }
    }
}
