package io.eventloom.core;

import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Renders a topology as Kafka Streams describes it and as a Mermaid flowchart, for {@code topology-docs/}. */
public final class TopologyDocs {

    public static final String DESCRIPTION_FILE = "topology.txt";
    public static final String DIAGRAM_FILE = "topology.md";
    private static final String PER_RECORD_TOPIC = "topic chosen per record";

    private TopologyDocs() {
    }

    /** The documents by file name: the description Kafka Streams prints, and a Markdown page with the diagram. */
    public static Map<String, String> render(Topology topology) {
        TopologyDescription description = topology.describe();
        return Map.of(DESCRIPTION_FILE, description.toString(), DIAGRAM_FILE, markdown(description));
    }

    public static void write(Topology topology, Path directory) throws IOException {
        Files.createDirectories(directory);
        for (Map.Entry<String, String> doc : render(topology).entrySet()) {
            Files.writeString(directory.resolve(doc.getKey()), doc.getValue());
        }
    }

    private static String markdown(TopologyDescription description) {
        StringBuilder out = new StringBuilder()
                .append("# Topology\n\n")
                .append("Generated from the code by `java -jar target/eventloom.jar topology-docs`; do not edit.\n")
                .append("Topics are cylinders, state stores are rounded boxes.\n\n")
                .append("```mermaid\nflowchart LR\n");
        TreeSet<String> topics = new TreeSet<>();
        TreeSet<String> stores = new TreeSet<>();
        List<TopologyDescription.Subtopology> subtopologies = description.subtopologies().stream()
                .sorted(Comparator.comparingInt(TopologyDescription.Subtopology::id)).toList();
        for (TopologyDescription.Subtopology sub : subtopologies) {
            out.append("  subgraph sub").append(sub.id()).append("[\"Sub-topology ").append(sub.id())
                    .append("\"]\n");
            sorted(sub).forEach(node -> out.append("    ").append(id(node.name())).append("[\"").append(node.name())
                            .append("\"]\n"));
            out.append("  end\n");
            for (TopologyDescription.Node node : sorted(sub)) {
                node.successors().stream().map(TopologyDescription.Node::name).sorted().forEach(next ->
                        out.append("  ").append(id(node.name())).append(" --> ").append(id(next)).append('\n'));
                if (node instanceof TopologyDescription.Source source) {
                    source.topicSet().stream().sorted().forEach(topic -> {
                        topics.add(topic);
                        out.append("  ").append(topicId(topic)).append(" --> ").append(id(node.name())).append('\n');
                    });
                } else if (node instanceof TopologyDescription.Sink sink) {
                    // A sink with a topic name extractor picks its topic per record.
                    String topic = sink.topic() != null ? sink.topic() : PER_RECORD_TOPIC;
                    topics.add(topic);
                    out.append("  ").append(id(node.name())).append(" --> ").append(topicId(topic)).append('\n');
                } else if (node instanceof TopologyDescription.Processor processor) {
                    processor.stores().stream().sorted().forEach(store -> {
                        stores.add(store);
                        out.append("  ").append(id(node.name())).append(" -.- ").append(storeId(store))
                                .append('\n');
                    });
                }
            }
        }
        topics.forEach(topic -> out.append("  ").append(topicId(topic)).append("[(\"").append(topic)
                .append("\")]\n"));
        stores.forEach(store -> out.append("  ").append(storeId(store)).append("(\"").append(store)
                .append("\")\n"));
        return out.append("```\n").toString();
    }

    private static List<TopologyDescription.Node> sorted(TopologyDescription.Subtopology sub) {
        return sub.nodes().stream().sorted(Comparator.comparing(TopologyDescription.Node::name)).toList();
    }

    private static String id(String name) {
        return "n_" + name.replaceAll("[^A-Za-z0-9]", "_");
    }

    private static String topicId(String topic) {
        return "t_" + topic.replaceAll("[^A-Za-z0-9]", "_");
    }

    private static String storeId(String store) {
        return "s_" + store.replaceAll("[^A-Za-z0-9]", "_");
    }
}
