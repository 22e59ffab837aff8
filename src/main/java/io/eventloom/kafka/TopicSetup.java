package io.eventloom.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Makes sure the topics Eventloom needs exist in the right shape. Safe to run at every start and from
 * several instances at once: it creates what is missing and checks what is there.
 */
public final class TopicSetup {

    private static final Logger log = LoggerFactory.getLogger(TopicSetup.class);

    private final Admin admin;
    private final Duration timeout;

    public TopicSetup(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /** What one run did: the topics it created and the ones that were already there. */
    public record Outcome(List<String> created, List<String> existing) {
    }

    /**
     * Creates the missing topics and verifies the existing ones.
     *
     * @throws TopicMismatchException when a topic exists with another partition count than its spec
     */
    public Outcome ensure(Collection<TopicSpec> specs) {
        Map<String, TopicSpec> byName = specs.stream()
                .collect(Collectors.toMap(TopicSpec::name, Function.identity(), (a, b) -> {
                    throw new IllegalArgumentException("topic " + a.name() + " is specified twice");
                }));
        Set<String> present = await(admin.listTopics().names());
        List<String> created = new ArrayList<>();
        List<TopicSpec> missing = byName.values().stream().filter(s -> !present.contains(s.name())).toList();
        if (!missing.isEmpty()) {
            CreateTopicsResult result = admin.createTopics(missing.stream().map(TopicSpec::toNewTopic).toList());
            for (TopicSpec spec : missing) {
                if (createOrFindExisting(result, spec)) {
                    created.add(spec.name());
                    log.info("Created topic {} ({} partitions, replication {}, {})",
                            spec.name(), spec.partitions(), spec.replicationDescription(), spec.configs());
                }
            }
        }
        // What we created has the spec's shape by construction; only what was there already needs checking.
        List<TopicSpec> existing = byName.values().stream().filter(s -> !created.contains(s.name())).toList();
        verifyPartitions(existing);
        warnOnConfigDrift(existing);
        return new Outcome(created.stream().sorted().toList(),
                existing.stream().map(TopicSpec::name).sorted().toList());
    }

    private boolean createOrFindExisting(CreateTopicsResult result, TopicSpec spec) {
        try {
            await(result.values().get(spec.name()));
            return true;
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false; // another instance created it between our listing and our request
            }
            throw new IllegalStateException("cannot create topic " + spec.name() + ": " + e.getMessage(), e.getCause());
        }
    }

    private void verifyPartitions(List<TopicSpec> specs) {
        if (specs.isEmpty()) {
            return;
        }
        Map<String, TopicDescription> descriptions = describe(specs.stream().map(TopicSpec::name).toList());
        List<String> problems = new ArrayList<>();
        specs.forEach(spec -> {
            int actual = descriptions.get(spec.name()).partitions().size();
            if (actual != spec.partitions()) {
                problems.add("topic " + spec.name() + " has " + actual + " partitions but " + spec.partitions()
                        + " are configured");
            }
        });
        if (!problems.isEmpty()) {
            throw new TopicMismatchException(String.join("; ", problems)
                    + ". Records are routed to partitions by key, so a different count would split an aggregate's"
                    + " history; set the configured partition count to match, or migrate the topic.");
        }
    }

    // A topic another instance has just created may not be in every broker's metadata yet.
    private Map<String, TopicDescription> describe(List<String> names) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return await(admin.describeTopics(names).allTopicNames());
            } catch (IllegalStateException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for topic metadata", e);
        }
    }

    // Operators may tune existing topics on purpose, so drift is reported, never overwritten.
    private void warnOnConfigDrift(List<TopicSpec> existing) {
        List<TopicSpec> withConfigs = existing.stream().filter(s -> !s.configs().isEmpty()).toList();
        if (withConfigs.isEmpty()) {
            return;
        }
        List<ConfigResource> resources = withConfigs.stream()
                .map(s -> new ConfigResource(ConfigResource.Type.TOPIC, s.name())).toList();
        Map<ConfigResource, Config> configs = await(admin.describeConfigs(resources).all());
        for (TopicSpec spec : withConfigs) {
            Config actual = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()));
            spec.configs().forEach((key, expected) -> {
                ConfigEntry entry = actual.get(key);
                String value = entry == null ? null : entry.value();
                if (!expected.equals(value)) {
                    log.warn("Topic {} has {}={} where Eventloom expects {}", spec.name(), key, value, expected);
                }
            });
        }
    }

    private <T> T await(KafkaFuture<T> future) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka admin request failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer from Kafka within " + timeout, e);
        }
    }
}
