package io.eventloom.cli.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventloom.core.ProjectionType;
import io.eventloom.core.Snapshot;
import io.eventloom.http.AvroJson;
import io.eventloom.http.PersonalData;
import org.apache.avro.specific.SpecificRecord;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Compares what the events make with what the live app answers, as JSON: a recomputed record is written by the HTTP
 * API's own {@link AvroJson} and read back as answers are read, so both sides meet in one form. A caller without
 * {@code read:pii} is answered with personal fields masked, so a record also matches its masked form: such an audit
 * sees that personal data is there, not what it says.
 */
final class LiveComparison {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VERSION = "version";

    /**
     * @param events what the aggregate's events fold to
     * @param live   the API's answer for the aggregate ({@code version} and {@code state}); empty when it has none
     */
    Optional<Difference> state(String type, String id, Optional<? extends Snapshot<? extends SpecificRecord>> events,
                               Optional<JsonNode> live) {
        OptionalLong liveVersion = live.map(answer -> OptionalLong.of(answer.path(VERSION).asLong()))
                .orElse(OptionalLong.empty());
        OptionalLong eventsVersion = events.map(snapshot -> OptionalLong.of(snapshot.version()))
                .orElse(OptionalLong.empty());
        List<String> fields = live.isPresent() && events.isPresent()
                ? differingFields(live.get().path("state"), events.get().state(), Set.of()) : List.of();
        if (live.isPresent() && liveVersion.equals(eventsVersion) && fields.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Difference.ofAggregate(Difference.Source.STATE, type, id, liveVersion, eventsVersion,
                fields));
    }

    /**
     * A row kept per aggregate (a fold's, or a join's, keyed and versioned by its left side) is compared with its
     * version; a regroup row, whose version is only that of the source row the runtime added last, without.
     *
     * @param events the row the events make, empty when they make none
     * @param live   the row the API answers, empty when it has none
     */
    Optional<Difference> row(ProjectionType<?> projection, String key, Optional<? extends SpecificRecord> events,
                             Optional<JsonNode> live) {
        List<String> fields = live.isPresent() && events.isPresent()
                ? differingFields(live.get(), events.get(), Set.of(VERSION)) : List.of();
        if (projection.definition() instanceof ProjectionType.Regroup<?, ?>) {
            return live.isPresent() && events.isPresent() && fields.isEmpty() ? Optional.empty()
                    : Optional.of(Difference.ofGroup(projection.name(), key, live.isPresent(), events.isPresent(),
                    fields));
        }
        OptionalLong liveVersion = live.map(row -> OptionalLong.of(row.path(VERSION).asLong()))
                .orElse(OptionalLong.empty());
        OptionalLong eventsVersion = events.map(row -> OptionalLong.of(version(row))).orElse(OptionalLong.empty());
        if (live.isPresent() && liveVersion.equals(eventsVersion) && fields.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Difference.ofAggregate(Difference.Source.PROJECTION, projection.name(), key, liveVersion,
                eventsVersion, fields));
    }

    // The fields, but those compared apart or not at all, that differ from the record shown, or, when fewer differ
    // from it masked, from that: then the answer was masked, and its personal fields say nothing more.
    private static List<String> differingFields(JsonNode live, SpecificRecord record, Set<String> apart) {
        List<String> shown = differing(live, written(record, PersonalData.SHOWN), apart);
        if (shown.isEmpty()) {
            return shown;
        }
        List<String> masked = differing(live, written(record, PersonalData.MASKED), apart);
        return masked.size() < shown.size() ? masked : shown;
    }

    private static List<String> differing(JsonNode live, JsonNode events, Set<String> apart) {
        Set<String> names = new LinkedHashSet<>();
        events.fieldNames().forEachRemaining(names::add);
        for (Iterator<String> liveNames = live.fieldNames(); liveNames.hasNext(); ) {
            names.add(liveNames.next());
        }
        names.removeAll(apart);
        List<String> differing = new ArrayList<>();
        for (String name : names) {
            if (!Objects.equals(live.get(name), events.get(name))) {
                differing.add(name);
            }
        }
        return differing;
    }

    // Written as the API writes it, then read as the API client reads it: a long that fits an int reads as one.
    private static JsonNode written(SpecificRecord record, PersonalData personal) {
        try {
            return JSON.readTree(JSON.writeValueAsString(AvroJson.write(record, record.getSchema(), personal)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("JSON written here reads back", e);
        }
    }

    private static long version(SpecificRecord row) {
        return ((Number) row.get(row.getSchema().getField(VERSION).pos())).longValue();
    }
}
