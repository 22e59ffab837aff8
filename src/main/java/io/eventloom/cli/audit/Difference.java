package io.eventloom.cli.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One place where the live app and its events disagree: an aggregate's state (keyed by aggregate id), a projection
 * row (keyed by its key), or an event that cannot be read. The live side's version and the events' are given where
 * there is one, and for what is kept per aggregate, the first version on which the two differ.
 */
record Difference(Source source, String name, String key, Kind kind, OptionalLong liveVersion,
                         OptionalLong eventsVersion, OptionalLong firstDifferingVersion, List<String> fields,
                         String detail) {

    /** What differs from the events. */
    enum Source {
        /** The events topic itself: a record that is not a readable event. */
        EVENTS,
        /** An aggregate's state, as its state store holds it. */
        STATE,
        /** A projection row, as the projection's store holds it. */
        PROJECTION
    }

    /** How it differs. */
    enum Kind {
        /** Both sides have it, in another version or with other fields. */
        DIFFERENT,
        /** The events make it, and the live side does not have it. */
        MISSING,
        /** The live side has it, and no events make it. */
        UNEXPECTED,
        /** The aggregate's decider throws on one of its events, so what they make is unknown from there on. */
        UNFOLDABLE,
        /** A record of the events topic cannot be read as an event. */
        UNREADABLE
    }

    Difference {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        fields = List.copyOf(fields);
        Objects.requireNonNull(detail, "detail");
    }

    /**
     * What the live side holds of one aggregate, at {@code liveVersion} (empty: nothing), and what its events make,
     * at {@code eventsVersion} (empty: nothing), differ.
     */
    static Difference ofAggregate(Source source, String name, String key, OptionalLong liveVersion,
                                  OptionalLong eventsVersion, List<String> fields) {
        return new Difference(source, name, key, kind(liveVersion.isPresent(), eventsVersion.isPresent()),
                liveVersion, eventsVersion,
                OptionalLong.of(firstDiffering(liveVersion.orElse(0), eventsVersion.orElse(0))), fields, "");
    }

    /** A row kept per group rather than per aggregate differs: its version says nothing the events can check. */
    static Difference ofGroup(String projection, String key, boolean live, boolean events, List<String> fields) {
        return new Difference(Source.PROJECTION, projection, key, kind(live, events), OptionalLong.empty(),
                OptionalLong.empty(), OptionalLong.empty(), fields, "");
    }

    static Difference unfoldable(String type, String id, long version, String reason) {
        return new Difference(Source.STATE, type, id, Kind.UNFOLDABLE, OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.of(version), List.of(), reason);
    }

    static Difference unreadable(String type, String key, String where, String reason) {
        return new Difference(Source.EVENTS, type, key, Kind.UNREADABLE, OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.empty(), List.of(), where + ": " + reason);
    }

    /**
     * Where two versions of one aggregate part: the first version one side has and the other has not, or, at the
     * same version, that version itself (a side that has nothing is at version 0).
     */
    static long firstDiffering(long live, long events) {
        return live == events ? live : Math.min(live, events) + 1;
    }

    private static Kind kind(boolean live, boolean events) {
        return !live ? Kind.MISSING : !events ? Kind.UNEXPECTED : Kind.DIFFERENT;
    }

    /**
     * Whether the live side is at a later version than the events read (none read is version 0): they may simply not
     * be read yet.
     */
    boolean liveIsAhead() {
        return liveVersion.isPresent() && liveVersion.getAsLong() > eventsVersion.orElse(0);
    }

    /** One line for people: where, how, the versions and the fields that differ. */
    String line() {
        List<String> parts = new ArrayList<>();
        String live = source == Source.STATE ? "store" : "row";
        liveVersion.ifPresent(version -> parts.add(live + " at version " + version));
        eventsVersion.ifPresent(version -> parts.add("events at version " + version));
        firstDifferingVersion.ifPresent(version -> parts.add("first differing version " + version));
        if (!fields.isEmpty()) {
            parts.add("fields " + String.join(", ", fields));
        }
        if (!detail.isEmpty()) {
            parts.add(detail);
        }
        return source.name().toLowerCase(Locale.ROOT) + " " + name + " '" + key + "': "
                + kind.name().toLowerCase(Locale.ROOT) + (parts.isEmpty() ? "" : ": " + String.join("; ", parts));
    }

    ObjectNode json() {
        ObjectNode json = JsonNodeFactory.instance.objectNode()
                .put("source", source.name().toLowerCase(Locale.ROOT))
                .put("name", name)
                .put("key", key)
                .put("kind", kind.name().toLowerCase(Locale.ROOT));
        put(json, "liveVersion", liveVersion);
        put(json, "eventsVersion", eventsVersion);
        put(json, "firstDifferingVersion", firstDifferingVersion);
        ArrayNode differing = json.putArray("fields");
        fields.forEach(differing::add);
        if (!detail.isEmpty()) {
            json.put("detail", detail);
        }
        return json;
    }

    private static void put(ObjectNode json, String name, OptionalLong value) {
        if (value.isPresent()) {
            json.put(name, value.getAsLong());
        } else {
            json.putNull(name);
        }
    }
}
