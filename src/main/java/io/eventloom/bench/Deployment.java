package io.eventloom.bench;

import io.eventloom.core.TopicNames;

/** One configuration's runtime on the bench's broker: its own topic namespace and application id. */
record Deployment(String bootstrapServers, String schemaRegistryUrl, TopicNames topics, String applicationId,
                  StoreConfiguration configuration) {

    static Deployment of(BenchCluster cluster, StoreConfiguration configuration) {
        return new Deployment(cluster.bootstrapServers(), cluster.schemaRegistryUrl(),
                new TopicNames("bench-" + configuration.slug()), "eventloom-bench-" + configuration.slug(),
                configuration);
    }
}
