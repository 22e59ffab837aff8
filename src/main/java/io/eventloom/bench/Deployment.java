package io.eventloom.bench;

import io.eventloom.core.TopicNames;

/**
 * One configuration's runtime on the bench's broker: its own topic namespace and application id, and the
 * partition count of its topics.
 */
record Deployment(String bootstrapServers, String schemaRegistryUrl, TopicNames topics, String applicationId,
                  int partitions, StoreConfiguration configuration) {

    static Deployment of(BenchCluster cluster, StoreConfiguration configuration, int partitions) {
        return new Deployment(cluster.bootstrapServers(), cluster.schemaRegistryUrl(),
                new TopicNames("bench-" + configuration.slug()), "eventloom-bench-" + configuration.slug(),
                partitions, configuration);
    }
}
