package io.eventloom.registry;

import java.util.ArrayList;
import java.util.List;

/** Why a schema may not follow its subject: what is wrong with it against the first earlier version that refuses it. */
public record Refusal(Compatibility level, SchemaVersion earlier, List<Incompatibility> incompatibilities) {

    public Refusal {
        incompatibilities = List.copyOf(incompatibilities);
    }

    /** One sentence per incompatibility, naming the field and what it breaks. */
    public List<String> reasons() {
        return incompatibilities.stream().map(Incompatibility::description).toList();
    }

    /** Confluent's registry's messages for it: each incompatibility, then the version, its schema and the level. */
    public List<String> confluentMessages() {
        List<String> messages = new ArrayList<>();
        incompatibilities.forEach(incompatibility -> messages.add(incompatibility.confluentMessage()));
        messages.add("{oldSchemaVersion: " + earlier.version() + "}");
        messages.add("{oldSchema: '" + earlier.schema() + "'}");
        messages.add("{compatibility: '" + level + "'}");
        return messages;
    }
}
