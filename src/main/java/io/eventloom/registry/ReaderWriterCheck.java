package io.eventloom.registry;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Why one schema cannot read data written with another, as Avro's {@link SchemaCompatibility} finds it, told in
 * words: which field of which record changed, how, and what that breaks.
 */
final class ReaderWriterCheck {

    /** Which way data flows between the schema being checked and an earlier version. */
    enum Direction {
        /** Confluent's BACKWARD: the new schema reads what the earlier version wrote. */
        NEW_READS_OLD,
        /** Confluent's FORWARD: the earlier version reads what the new schema writes. */
        OLD_READS_NEW
    }

    private ReaderWriterCheck() {
    }

    /** Each incompatibility between {@code candidate} and {@code earlier} in the given direction; empty if none. */
    static List<Incompatibility> find(Schema candidate, SchemaVersion earlier, Direction direction) {
        boolean newReads = direction == Direction.NEW_READS_OLD;
        String consequence = newReads
                ? "so data written with version " + earlier.version() + " cannot be read"
                : "so readers of version " + earlier.version() + " cannot read data written with the new schema";
        return findings(newReads ? candidate : earlier.schema(), newReads ? earlier.schema() : candidate, newReads,
                new HashSet<>()).stream()
                .map(finding -> new Incompatibility(finding.type(), finding.fact() + ", " + consequence,
                        finding.detail()))
                .toList();
    }

    /** What changed, in words, and Avro's type and detail for it. */
    private record Finding(String type, String fact, String detail) {
    }

    /** A reader and a writer schema, the same pair only when both are the same objects. */
    private record Pair(Schema reader, Schema writer) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Pair that && that.reader == reader && that.writer == writer;
        }

        @Override
        public int hashCode() {
            return 31 * System.identityHashCode(reader) + System.identityHashCode(writer);
        }
    }

    /** @param explained the pairs already being explained, so that a recursive type is looked into once */
    private static List<Finding> findings(Schema reader, Schema writer, boolean newReads, Set<Pair> explained) {
        explained.add(new Pair(reader, writer));
        List<Finding> findings = new ArrayList<>();
        for (SchemaCompatibility.Incompatibility found : SchemaCompatibility
                .checkReaderWriterCompatibility(reader, writer).getResult().getIncompatibilities()) {
            findings.addAll(explain(found, reader, newReads, explained));
        }
        return findings;
    }

    private static List<Finding> explain(SchemaCompatibility.Incompatibility found, Schema reader, boolean newReads,
                                         Set<Pair> explained) {
        Place place = Place.of(reader, found.getLocation());
        String type = found.getType().name();
        String detail = found.getMessage();
        Schema oldSide = newReads ? found.getWriterFragment() : found.getReaderFragment();
        Schema newSide = newReads ? found.getReaderFragment() : found.getWriterFragment();
        return switch (found.getType()) {
            case READER_FIELD_MISSING_DEFAULT_VALUE -> List.of(new Finding(type, "field '" + detail + "' in "
                    + found.getReaderFragment().getName() + (newReads ? " has no default"
                    : " was removed, and the earlier version has no default for it"), detail));
            case MISSING_UNION_BRANCH -> unionBranch(found, place, newReads, explained);
            case TYPE_MISMATCH -> List.of(new Finding(type, place.unionBranch().isPresent()
                    ? place + (newReads ? " no longer allows " + nameOf(oldSide) : " now allows " + nameOf(newSide))
                    : place + " changed type from " + nameOf(oldSide) + " to " + nameOf(newSide), detail));
            case MISSING_ENUM_SYMBOLS -> List.of(new Finding(type, "enum " + found.getReaderFragment().getName()
                    + place.inField() + (newReads ? " lost symbols " : " gained symbols ") + detail, detail));
            case NAME_MISMATCH -> List.of(new Finding(type, place.typeOf() + " was renamed from "
                    + oldSide.getFullName() + " to " + newSide.getFullName(), detail));
            case FIXED_SIZE_MISMATCH -> List.of(new Finding(type, "fixed " + found.getReaderFragment().getName()
                    + place.inField() + " changed size from " + oldSide.getFixedSize() + " to "
                    + newSide.getFixedSize(), detail));
        };
    }

    /**
     * Avro reports a changed record inside a union only as a branch the reader lacks; when the reader still has a
     * branch of that name, the changes inside it are what a person needs to see.
     */
    private static List<Finding> unionBranch(SchemaCompatibility.Incompatibility found, Place place,
                                             boolean newReads, Set<Pair> explained) {
        Schema writer = found.getWriterFragment();
        Schema branch = writer.isUnion() && place.unionBranch().isPresent()
                ? writer.getTypes().get(place.unionBranch().get()) : writer;
        Optional<Schema> readerBranch = found.getReaderFragment().isUnion()
                ? found.getReaderFragment().getTypes().stream().filter(candidate -> sameType(candidate, branch))
                .findFirst()
                : Optional.empty();
        if (readerBranch.isPresent() && !explained.contains(new Pair(readerBranch.get(), branch))) {
            List<Finding> inside = findings(readerBranch.get(), branch, newReads, explained);
            if (!inside.isEmpty()) {
                return inside;
            }
        }
        return List.of(new Finding(found.getType().name(), place
                + (newReads ? " no longer allows " : " now allows ") + nameOf(branch), found.getMessage()));
    }

    private static boolean sameType(Schema reader, Schema writer) {
        if (reader.getType() != writer.getType()) {
            return false;
        }
        return switch (reader.getType()) {
            case RECORD, ENUM, FIXED -> SchemaCompatibility.schemaNameEquals(reader, writer);
            default -> true;
        };
    }

    private static String nameOf(Schema schema) {
        return switch (schema.getType()) {
            case RECORD, ENUM, FIXED -> schema.getName();
            default -> schema.getType().getName();
        };
    }

    /**
     * Where in the reader an incompatibility is: the field (and its record) its location last passed through, and
     * the branch of a union it ends at, if it does.
     */
    private record Place(String record, String field, Optional<Integer> unionBranch) {

        /** Follows Avro's location ({@code /fields/1/type/items/fields/0}) through the reader schema. */
        static Place of(Schema root, String location) {
            Schema current = root;
            String record = root.isUnion() ? null : nameOf(root);
            String field = null;
            String[] tokens = location.replaceFirst("^/", "").split("/");
            for (int i = 0; i < tokens.length; i++) {
                String token = tokens[i];
                if (token.equals("fields") && current.getType() == Schema.Type.RECORD && i + 1 < tokens.length
                        && isIndex(tokens[i + 1]) && Integer.parseInt(tokens[i + 1]) < current.getFields().size()) {
                    Schema.Field next = current.getFields().get(Integer.parseInt(tokens[++i]));
                    record = current.getName();
                    field = next.name();
                    current = next.schema();
                } else if (token.equals("items") && current.getType() == Schema.Type.ARRAY) {
                    current = current.getElementType();
                } else if (token.equals("values") && current.getType() == Schema.Type.MAP) {
                    current = current.getValueType();
                } else if (isIndex(token)) {
                    // Avro numbers the writer's union branches: the place is the field holding the union.
                    return new Place(record, field, Optional.of(Integer.parseInt(token)));
                } else if (!token.equals("type") && !token.isEmpty()) {
                    break;
                }
            }
            return new Place(record, field, Optional.empty());
        }

        String inField() {
            return field == null ? "" : " in " + this;
        }

        String typeOf() {
            return field == null ? "the schema" : "the type of " + this;
        }

        @Override
        public String toString() {
            if (field != null) {
                return "field '" + field + "' in " + record;
            }
            return record != null ? record : "the schema";
        }

        private static boolean isIndex(String token) {
            return !token.isEmpty() && token.chars().allMatch(Character::isDigit);
        }
    }
}
