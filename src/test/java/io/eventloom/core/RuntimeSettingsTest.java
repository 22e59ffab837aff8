package io.eventloom.core;

import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RuntimeSettingsTest {

    private static final RuntimeSettings RUNTIME = RuntimeSettings.of("app", "localhost:9092", Path.of("state"));

    @Test
    void givenEachPlacement_thenTheProjectionsApplicationIdIsTheRuntimesOrItsOwn() {
        assertThat(RUNTIME.projectionsApplicationId()).isEqualTo("app");
        assertThat(RUNTIME.withProjectionsPlacement(ProjectionsPlacement.OWN_APPLICATION).projectionsApplicationId())
                .isEqualTo("app-projections");
    }

    @Test
    void givenTheProjectionsApplication_thenItCommitsAtItsOwnIntervalWhenItHasOneElseAtTheCommands() {
        RuntimeSettings apart = RUNTIME.withProjectionsPlacement(ProjectionsPlacement.OWN_APPLICATION)
                .withCommitInterval(Duration.ofMillis(10));

        assertThat(apart.projectionsApplication().applicationId()).isEqualTo("app-projections");
        assertThat(apart.projectionsApplication().commitInterval()).isEqualTo(Duration.ofMillis(10));
        assertThat(apart.withProjectionsCommitInterval(Duration.ofMillis(100)).projectionsApplication()
                .commitInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(apart.withProjectionsCommitInterval(Duration.ofMillis(100)).commitInterval())
                .isEqualTo(Duration.ofMillis(10));
    }

    @Test
    void givenAClientIdPassedThrough_whenAnotherApplicationIsNamed_thenItsClientsGetWhatItsIdAdds() {
        RuntimeSettings withClientId = RUNTIME.withStreamsOverrides(Map.of(StreamsConfig.CLIENT_ID_CONFIG, "shop"));

        assertThat(streamsConfig(withClientId.withApplicationId("app-projections")))
                .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "app-projections")
                .containsEntry(StreamsConfig.CLIENT_ID_CONFIG, "shop-projections");
        assertThat(streamsConfig(withClientId.withApplicationId("elsewhere")))
                .containsEntry(StreamsConfig.CLIENT_ID_CONFIG, "shop-elsewhere");
        assertThat(streamsConfig(withClientId)).containsEntry(StreamsConfig.CLIENT_ID_CONFIG, "shop");
    }

    @Test
    void givenNoClientIdPassedThrough_whenAnotherApplicationIsNamed_thenKafkaStreamsNamesItsClients() {
        assertThat(streamsConfig(RUNTIME.withApplicationId("app-projections")))
                .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "app-projections")
                .doesNotContainKey(StreamsConfig.CLIENT_ID_CONFIG);
    }

    @Test
    void givenACommitInterval_thenNoPollOutlastsItOrTenMilliseconds_unlessPollMsIsPassedThrough() {
        assertThat(streamsConfig(RUNTIME)).containsEntry(StreamsConfig.POLL_MS_CONFIG, 10L);
        assertThat(streamsConfig(RUNTIME.withCommitInterval(Duration.ofMillis(5))))
                .containsEntry(StreamsConfig.POLL_MS_CONFIG, 5L);
        assertThat(streamsConfig(RUNTIME.withProjectionsPlacement(ProjectionsPlacement.OWN_APPLICATION)
                .withProjectionsCommitInterval(Duration.ofMillis(1000)).projectionsApplication()))
                .containsEntry(StreamsConfig.POLL_MS_CONFIG, 10L);
        assertThat(streamsConfig(RUNTIME.withStreamsOverrides(Map.of(StreamsConfig.POLL_MS_CONFIG, "100"))))
                .containsEntry(StreamsConfig.POLL_MS_CONFIG, "100");
    }

    private static Map<String, Object> streamsConfig(RuntimeSettings runtime) {
        return runtime.streamsConfig(TopologySettings.of(new TopicNames("test"), 1), new DeadLetters());
    }
}
