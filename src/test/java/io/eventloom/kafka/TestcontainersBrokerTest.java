package io.eventloom.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.testcontainers.kafka.KafkaContainer;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Docker path of the broker extension; without a Docker engine it is skipped with the reason. */
class TestcontainersBrokerTest {

    @Test
    void givenDocker_whenProducingToContainerBroker_thenRecordsReadBack() throws Exception {
        try (KafkaContainer container = KafkaBrokerExtension.startContainerOrSkip()) {
            String bootstrap = container.getBootstrapServers();
            try (var admin = KafkaTestClients.admin(bootstrap)) {
                new TopicSetup(admin, Duration.ofSeconds(30))
                        .ensure(List.of(TopicSpec.withDefaultRetention("docker.check", 1, (short) 1)));
            }
            KafkaTestClients.produce(bootstrap, "docker.check", Map.of("k", "v"));

            assertThat(KafkaTestClients.readAll(bootstrap, "docker.check", Duration.ofSeconds(30)))
                    .extracting(ConsumerRecord::value).containsExactly("v");
        }
    }
}
