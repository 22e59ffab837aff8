package io.eventloom.kafka;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaClientSettingsTest {

    private static final KafkaClientSettings SETTINGS = new KafkaClientSettings("kafka:9092", Map.of(
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "PLAIN",
            "linger.ms", "20",
            "fetch.min.bytes", "10",
            "num.stream.threads", "2",
            "config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider"));

    @Test
    void givenPassThroughSettings_whenAClientIsConfigured_thenItGetsOnlyTheNamesItsOwnConfigKnows() {
        assertThat(SETTINGS.producer("p", Map.of())).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "PLAIN").containsEntry("linger.ms", "20")
                .containsEntry("config.providers.file.class",
                        "org.apache.kafka.common.config.provider.FileConfigProvider")
                .containsEntry("bootstrap.servers", "kafka:9092")
                .doesNotContainKeys("fetch.min.bytes", "num.stream.threads");
        assertThat(SETTINGS.consumer("c", Map.of())).containsEntry("sasl.mechanism", "PLAIN")
                .containsEntry("fetch.min.bytes", "10").doesNotContainKeys("linger.ms", "num.stream.threads");
        assertThat(SETTINGS.admin("a", Map.of())).containsEntry("security.protocol", "SASL_SSL")
                .doesNotContainKeys("linger.ms", "fetch.min.bytes", "num.stream.threads");
        assertThat(SETTINGS.streams()).containsAllEntriesOf(SETTINGS.passThrough())
                .containsEntry("bootstrap.servers", "kafka:9092");
    }

    @Test
    void givenEventloomsOwnSetting_whenAlsoPassedThrough_thenEventloomsWins() {
        assertThat(SETTINGS.producer("p", Map.of("linger.ms", 1))).containsEntry("linger.ms", 1);
    }

    @Test
    void givenAPassedThroughClientId_whenClientsAreConfigured_thenEachGetsItWithItsRole() {
        KafkaClientSettings settings = new KafkaClientSettings("kafka:9092", Map.of("client.id", "shop-1"));

        assertThat(settings.producer("gateway-producer", Map.of())).containsEntry("client.id",
                "shop-1-gateway-producer");
        assertThat(settings.consumer("gateway-results", Map.of())).containsEntry("client.id",
                "shop-1-gateway-results");
        assertThat(settings.streams()).containsEntry("client.id", "shop-1");
        assertThat(KafkaClientSettings.of("kafka:9092").admin("admin", Map.of())).doesNotContainKey("client.id");
    }

    @Test
    void givenNames_whenCheckedAgainstTheClients_thenOnlyThoseSomeClientKnowsAreClientSettings() {
        assertThat(KafkaClientSettings.isClientSetting("sasl.jaas.config")).isTrue();
        assertThat(KafkaClientSettings.isClientSetting("num.stream.threads")).isTrue();
        assertThat(KafkaClientSettings.isClientSetting("config.providers.vault.param.url")).isTrue();
        assertThat(KafkaClientSettings.isClientSetting("sasl.mechanisms")).isFalse();
    }
}
