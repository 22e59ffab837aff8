package io.eventloom.bench;

import io.eventloom.app.EventloomConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AppDeploymentTest {

    @Test
    void givenADeployment_whenTheAppLoadsItsEnvironment_thenEverySettingArrivesUnderItsOwnName() {
        AppDeployment deployment = new AppDeployment("localhost:19092", "http://localhost:18081", "bench-latency-20",
                3, Duration.ofMillis(20), Path.of("/tmp/state"), 18080,
                Map.of(EventloomConfig.STREAMS_THREADS, "1", "kafka.linger.ms", "2"));

        EventloomConfig config = EventloomConfig.load(Optional.empty(), deployment.environment());

        assertThat(config.get(EventloomConfig.BOOTSTRAP_SERVERS)).contains("localhost:19092");
        assertThat(config.get(EventloomConfig.SCHEMA_REGISTRY_URL)).contains("http://localhost:18081");
        assertThat(config.booleanValue(EventloomConfig.SCHEMA_REGISTRY_AUTO_REGISTER, false)).isTrue();
        assertThat(config.get(EventloomConfig.TOPIC_NAMESPACE)).contains("bench-latency-20");
        assertThat(config.intValue(EventloomConfig.TOPIC_PARTITIONS)).isEqualTo(3);
        assertThat(config.get(EventloomConfig.APPLICATION_ID)).contains("bench-latency-20");
        assertThat(config.path(EventloomConfig.STREAMS_STATE_DIR)).isEqualTo(Path.of("/tmp/state"));
        assertThat(config.intValue(EventloomConfig.STREAMS_COMMIT_INTERVAL_MS)).isEqualTo(20);
        assertThat(config.intValue(EventloomConfig.HTTP_PORT)).isEqualTo(18080);
        assertThat(config.streamThreads()).isEqualTo(1);
        assertThat(deployment.environment()).containsEntry("EVENTLOOM_KAFKA_LINGER_MS", "2");
    }
}
