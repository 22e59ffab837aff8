package io.eventloom.app;

import io.eventloom.registry.Compatibility;
import io.eventloom.registry.SchemaVersion;
import org.apache.avro.Schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The released versions of schemas, each kept whole as a registry holds it, as {@code <path>/<Name>.v<N>.avsc}
 * under a directory; checked against the current schemas as the registry would check them.
 */
final class SchemaHistory {

    private static final Pattern RELEASED = Pattern.compile("(.+)\\.v(\\d+)\\.avsc");

    /** Each schema's released versions, newest first, by its path under the directory without the version. */
    private final Map<String, List<SchemaVersion>> releases;

    private SchemaHistory(Map<String, List<SchemaVersion>> releases) {
        this.releases = releases;
    }

    static SchemaHistory read(Path root) {
        Map<String, List<SchemaVersion>> releases = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String relative = root.relativize(file).toString().replace('\\', '/');
                Matcher released = RELEASED.matcher(relative);
                if (!released.matches()) {
                    throw new IllegalArgumentException(relative + " is not named <Name>.v<N>.avsc");
                }
                releases.computeIfAbsent(released.group(1), path -> new ArrayList<>()).add(new SchemaVersion(
                        Integer.parseInt(released.group(2)), new Schema.Parser().parse(Files.readString(file))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        releases.values().forEach(versions -> versions.sort(Comparator.comparingInt(SchemaVersion::version)
                .reversed()));
        return new SchemaHistory(releases);
    }

    /**
     * One line per reason a current schema may not follow its released versions at its level, and per released
     * schema this build no longer defines; empty when every change fits.
     *
     * @param current this build's schema of a record, by full name
     * @param levelOf the level the subjects of a schema get
     */
    List<String> problems(Function<String, Optional<Schema>> current, Function<Schema, Compatibility> levelOf) {
        List<String> problems = new ArrayList<>();
        releases.forEach((path, newestFirst) -> {
            String name = newestFirst.get(0).schema().getFullName();
            Optional<Schema> schema = current.apply(name);
            if (schema.isEmpty()) {
                problems.add(path + ": released as " + name + ", which this build no longer defines");
                return;
            }
            Compatibility level = levelOf.apply(schema.get());
            level.refusal(schema.get(), newestFirst).ifPresent(refusal -> refusal.reasons()
                    .forEach(reason -> problems.add(path + " (" + level + "): " + reason)));
        });
        return problems;
    }
}
