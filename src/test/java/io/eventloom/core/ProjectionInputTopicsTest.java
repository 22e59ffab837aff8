package io.eventloom.core;

import io.eventloom.core.counter.CounterAggregate;
import io.eventloom.core.counter.CounterProjections;
import io.eventloom.serde.AvroSerdes;
import io.eventloom.testing.TestSerdes;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The topics a projection's lag is measured on: its event topics and the internal topics of its joins and regroups. */
class ProjectionInputTopicsTest {

    private static final TopicNames TOPICS = new TopicNames("test");
    private static final String APP = "app";

    private final AvroSerdes serdes = TestSerdes.inMemory();

    @Test
    void givenAFold_thenItsEventTopicOnly() {
        assertThat(ProjectionTopology.inputTopics(CounterProjections.ROWS, TOPICS, APP))
                .containsExactly("test.counter.events");
    }

    @Test
    void givenAJoinOfFolds_thenTheEventTopicAndTheJoinsSubscriptionTopics() {
        assertThat(ProjectionTopology.inputTopics(CounterProjections.WITH_BASE, TOPICS, APP)).containsExactlyInAnyOrder(
                "test.counter.events", "app-counter-with-base-join-subscription-registration-topic",
                "app-counter-with-base-join-subscription-response-topic");
    }

    @Test
    void givenARebuiltGeneration_thenItsInternalTopicsCarryItsOwnApplicationId() {
        assertThat(ProjectionGeneration.inputTopics(CounterProjections.WITH_BASE, TOPICS, APP, 3))
                .contains("test.counter.events",
                        "app-counter-with-base-g3-counter-with-base-join-subscription-response-topic");
        RuntimeSettings runtime = RuntimeSettings.of(APP, "localhost:9092", Path.of("state"));
        assertThat(ProjectionGeneration.groupOf(runtime, "counter-with-base", 3)).isEqualTo("app-counter-with-base-g3");
        assertThat(ProjectionGeneration.groupOf(runtime.withProjectionsPlacement(ProjectionsPlacement.OWN_APPLICATION),
                "counter-with-base", 3)).isEqualTo("app-counter-with-base-g3");
    }

    @Test
    void givenGenerationOne_thenItsGroupIsTheApplicationThePlacementPutsTheProjectionsIn() {
        RuntimeSettings runtime = RuntimeSettings.of(APP, "localhost:9092", Path.of("state"));
        assertThat(ProjectionGeneration.groupOf(runtime, "counter-with-base", 1)).isEqualTo(APP);
        assertThat(ProjectionGeneration.groupOf(runtime.withProjectionsPlacement(ProjectionsPlacement.OWN_APPLICATION),
                "counter-with-base", 1)).isEqualTo("app-projections");
    }

    @Test
    void givenEveryProjection_thenEachInputIsASourceTopicOfTheTopology() {
        Domain domain = new Domain(List.of(CounterAggregate.TYPE), List.of(), CounterProjections.ALL);
        Set<String> sources = new HashSet<>();
        for (TopologyDescription.Subtopology subtopology : EventloomRuntime.topology(domain,
                TopologySettings.of(TOPICS, 1), serdes, serdes).describe().subtopologies()) {
            subtopology.nodes().stream().filter(TopologyDescription.Source.class::isInstance)
                    .forEach(source -> sources.addAll(((TopologyDescription.Source) source).topicSet()));
        }

        for (ProjectionType<?> projection : CounterProjections.ALL) {
            // The description names internal topics without the application id Kafka Streams puts before them.
            assertThat(ProjectionTopology.inputTopics(projection, TOPICS, APP))
                    .extracting(topic -> topic.startsWith(APP + "-") ? topic.substring(APP.length() + 1) : topic)
                    .as(projection.name()).isSubsetOf(sources);
        }
    }
}
