package io.eventloom.core;

import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StaticMembershipTest {

    @TempDir
    Path stateDir;

    @Test
    void givenStateDirectory_whenAskedTwice_thenTheSameIdOnTheSameDiskAndAnotherElsewhere(@TempDir Path other) {
        String first = StaticMembership.memberId(stateDir, "shop");

        assertThat(StaticMembership.memberId(stateDir, "shop")).isEqualTo(first).startsWith("shop-");
        assertThat(StaticMembership.memberId(stateDir, "billing")).isNotEqualTo(first);
        assertThat(StaticMembership.memberId(other, "shop")).isNotEqualTo(first);
    }

    @Test
    void givenNoIdSet_whenAdded_thenTheMainConsumerGetsTheStoredId() {
        Map<Object, Object> config = new HashMap<>();

        StaticMembership.addTo(config, stateDir, "shop");

        assertThat(config).containsEntry(StreamsConfig.mainConsumerPrefix("group.instance.id"),
                StaticMembership.memberId(stateDir, "shop"));
    }

    @Test
    void givenUserSetAnId_whenAdded_thenTheirsIsKept() {
        Map<Object, Object> config = new HashMap<>(Map.of("group.instance.id", "mine"));

        StaticMembership.addTo(config, stateDir, "shop");

        assertThat(config).containsOnly(Map.entry("group.instance.id", "mine"));
    }
}
