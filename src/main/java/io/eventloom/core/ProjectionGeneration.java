package io.eventloom.core;

import java.util.OptionalInt;
import java.util.Set;

/**
 * Which generation of one projection is read ({@code live}) and which, if any, is being built beside it. Generation 1
 * is built by the runtime itself, beside every other projection (in the commands' application or in its projections
 * application, as {@link ProjectionsPlacement} says); each later one by a Kafka Streams application of its own, from
 * the first event on. Kept as text in the projection-generations topic: {@code live=1} or {@code live=1 building=2}.
 */
public record ProjectionGeneration(int live, OptionalInt building) {

    /** What every projection is until it is first rebuilt. */
    public static final ProjectionGeneration BUILT_IN = new ProjectionGeneration(1, OptionalInt.empty());

    public ProjectionGeneration {
        if (live < 1) {
            throw new IllegalArgumentException("generations start at 1, live was " + live);
        }
        if (building.isPresent() && building.getAsInt() <= live) {
            throw new IllegalArgumentException("generation " + building.getAsInt() + " cannot be built after "
                    + live);
        }
    }

    /** The next generation being built beside the live one. */
    public ProjectionGeneration withNextBuilding() {
        return new ProjectionGeneration(live, OptionalInt.of(live + 1));
    }

    /** The generation that was being built, now read. */
    public ProjectionGeneration switched() {
        return new ProjectionGeneration(building.orElseThrow(
                () -> new IllegalStateException("no generation is being built")), OptionalInt.empty());
    }

    public String text() {
        return "live=" + live + building.stream().mapToObj(b -> " building=" + b).findFirst().orElse("");
    }

    /**
     * @throws IllegalArgumentException for text {@link #text()} does not write
     */
    public static ProjectionGeneration parse(String text) {
        int live = 0;
        OptionalInt building = OptionalInt.empty();
        for (String part : text.trim().split(" +")) {
            String[] pair = part.split("=", 2);
            if (pair.length != 2) {
                throw new IllegalArgumentException("not a projection generation: '" + text + "'");
            }
            int value = parseNumber(pair[1], text);
            switch (pair[0]) {
                case "live" -> live = value;
                case "building" -> building = OptionalInt.of(value);
                default -> throw new IllegalArgumentException("not a projection generation: '" + text + "'");
            }
        }
        return new ProjectionGeneration(live, building);
    }

    private static int parseNumber(String value, String text) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a projection generation: '" + text + "'", e);
        }
    }

    /**
     * The application id of a rebuilt generation's Kafka Streams application; its consumer group and internal
     * topics carry it too, so they can be found and removed with it.
     */
    public static String applicationId(String runtimeApplicationId, String projection, int generation) {
        if (generation < 2) {
            throw new IllegalArgumentException("generation 1 runs in the runtime's own applications");
        }
        return runtimeApplicationId + "-" + projection + "-g" + generation;
    }

    /**
     * The application, and so the consumer group, that computes a generation: generation 1 is computed by the
     * runtime's commands application or by its projections application, as the runtime places them.
     */
    public static String groupOf(RuntimeSettings runtime, String projection, int generation) {
        return generation == 1 ? runtime.projectionsApplicationId()
                : applicationId(runtime.applicationId(), projection, generation);
    }

    /**
     * The topics the application of a rebuilt generation reads to compute it: the events of its aggregate types and
     * the repartition and subscription topics of its joins and regroups, named after that application.
     */
    public static Set<String> inputTopics(ProjectionType<?> projection, TopicNames names, String runtimeApplicationId,
                                          int generation) {
        return ProjectionTopology.inputTopics(projection, names,
                applicationId(runtimeApplicationId, projection.name(), generation));
    }
}
