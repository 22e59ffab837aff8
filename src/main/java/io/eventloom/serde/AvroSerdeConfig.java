package io.eventloom.serde;

import java.util.Objects;

/** How an Avro serde finds subjects and whether it may register schemas itself. */
public record AvroSerdeConfig(boolean autoRegister, SubjectNameStrategy subjectNameStrategy) {

    public AvroSerdeConfig {
        Objects.requireNonNull(subjectNameStrategy, "subjectNameStrategy");
    }

    /** For shared registries: schemas must be registered beforehand; subjects by topic name. */
    public static AvroSerdeConfig defaults() {
        return new AvroSerdeConfig(false, SubjectNameStrategy.TOPIC_NAME);
    }

    /** For the local default and tests: the serializer registers the schemas it writes. */
    public static AvroSerdeConfig autoRegistering() {
        return new AvroSerdeConfig(true, SubjectNameStrategy.TOPIC_NAME);
    }

    public AvroSerdeConfig withAutoRegister(boolean value) {
        return new AvroSerdeConfig(value, subjectNameStrategy);
    }

    public AvroSerdeConfig withSubjectNameStrategy(SubjectNameStrategy value) {
        return new AvroSerdeConfig(autoRegister, value);
    }
}
