package io.eventloom.app;

import io.eventloom.serde.HttpSchemaRegistryClient;
import io.eventloom.serde.SchemaRegistryException;
import org.apache.avro.Schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares every schema the app would register with what a registry holds under its subject, as the registry judges
 * it at the subject's own level: the public topics' subjects, and the subjects the runtime registered for its stores
 * and internal topics (found by the application id they start with, each checked against this build's version of
 * the type it holds).
 */
final class SchemasCheck {

    /** How a subject's schema in this build stands against the registry. */
    enum Status {
        /** The registry accepts this build's schema after what it holds. */
        FITS,
        /** The registry holds nothing under the subject: any schema may be its first. */
        NEW,
        /** The registry would refuse this build's schema; the problems say why. */
        INCOMPATIBLE,
        /** The subject holds a type this build does not define, so there is nothing to compare. */
        NOT_CHECKED
    }

    /** One subject's outcome, with one readable line per problem. */
    record Verdict(String subject, Status status, List<String> problems) {
    }

    // Confluent words each incompatibility as {errorType:'…', description:'…', additionalInfo:'…'}.
    private static final Pattern CONFLUENT_PROBLEM = Pattern.compile(
            "^\\{errorType:'[^']*', description:'(.*?)'(?:, additionalInfo:'.*)?}$", Pattern.DOTALL);
    // ...and follows them with the version they break, its schema and the level: context, not problems.
    private static final Pattern CONFLUENT_CONTEXT = Pattern.compile(
            "^\\{(oldSchemaVersion|oldSchema|compatibility|validateFields):.*", Pattern.DOTALL);
    private static final int MAX_LINE = 300;

    private final DomainSchemas schemas;
    private final String applicationId;
    private final HttpSchemaRegistryClient registry;

    SchemasCheck(DomainSchemas schemas, String applicationId, HttpSchemaRegistryClient registry) {
        this.schemas = schemas;
        this.applicationId = applicationId;
        this.registry = registry;
    }

    /**
     * Every subject's verdict: the public ones first, then the runtime's own.
     *
     * @throws SchemaRegistryException when the registry cannot be reached or refuses to answer
     */
    List<Verdict> run() {
        Set<String> held = new HashSet<>(registry.subjects());
        List<Verdict> verdicts = new ArrayList<>();
        Set<String> publicNames = new HashSet<>();
        for (DomainSchemas.Subject subject : schemas.publicSubjects()) {
            publicNames.add(subject.name());
            verdicts.add(held.contains(subject.name()) ? check(subject.name(), subject.schema())
                    : new Verdict(subject.name(), Status.NEW, List.of()));
        }
        held.stream().filter(subject -> subject.startsWith(applicationId + "-") && !publicNames.contains(subject))
                .sorted().forEach(subject -> verdicts.add(checkInternal(subject)));
        return verdicts;
    }

    private Verdict checkInternal(String subject) {
        Schema holds = registry.latestSchema(subject);
        Optional<Schema> current = holds.getType() == Schema.Type.RECORD ? schemas.named(holds.getFullName())
                : Optional.empty();
        return current.map(schema -> check(subject, schema)).orElseGet(() -> new Verdict(subject,
                Status.NOT_CHECKED, List.of("not checked: it holds " + holds.getFullName()
                        + ", which this build does not define")));
    }

    private Verdict check(String subject, Schema schema) {
        List<String> problems;
        try {
            problems = registry.compatibilityProblems(subject, schema);
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND) {
                return new Verdict(subject, Status.NEW, List.of());
            }
            throw e;
        }
        if (problems.isEmpty()) {
            return new Verdict(subject, Status.FITS, List.of());
        }
        List<String> lines = problems.stream().map(SchemasCheck::readable).flatMap(Optional::stream).toList();
        return new Verdict(subject, Status.INCOMPATIBLE,
                lines.isEmpty() ? List.of("the registry refuses it without saying why") : lines);
    }

    /** A registry's message as one line a person reads; empty for the context Confluent adds after the problems. */
    static Optional<String> readable(String message) {
        if (CONFLUENT_CONTEXT.matcher(message).matches()) {
            return Optional.empty();
        }
        Matcher problem = CONFLUENT_PROBLEM.matcher(message);
        String text = (problem.matches() ? problem.group(1) : message).replaceAll("\\s+", " ").trim();
        return Optional.of(text.length() > MAX_LINE ? text.substring(0, MAX_LINE) + "…" : text);
    }
}
