package io.eventloom.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * API keys from a properties file, one key a line: {@code <name> = sha256:<hex> <scope> <scope>...}. The file is
 * read again when it changes (looked at no more than once a second), so a key is added or revoked without a restart;
 * a file that no longer parses keeps the keys read before and logs why.
 */
public final class ApiKeyFile implements Authenticator {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyFile.class);
    private static final Duration RECHECK = Duration.ofSeconds(1);

    private final Path file;
    private final Clock clock;
    private volatile Loaded loaded;
    private volatile Instant nextCheck;

    private record Loaded(FileTime modified, ApiKeys keys) {
    }

    private ApiKeyFile(Path file, Clock clock, Loaded loaded) {
        this.file = file;
        this.clock = clock;
        this.loaded = loaded;
        this.nextCheck = clock.instant().plus(RECHECK);
    }

    /**
     * Reads the file.
     *
     * @throws IllegalArgumentException naming the file and each line that is not a key (an unknown scope included)
     */
    public static ApiKeyFile read(Path file, Clock clock) {
        ApiKeyFile keys = new ApiKeyFile(file, clock, load(file));
        log.info("{} API keys read from {}", keys.loaded.keys().size(), file.toAbsolutePath());
        return keys;
    }

    @Override
    public Optional<Principal> authenticate(String token) {
        return current().authenticate(token);
    }

    /** Parses {@code file}; every problem is named at once, so one fix-and-restart suffices. */
    private static Loaded load(Path file) {
        Properties lines = new Properties();
        FileTime modified;
        try (Reader reader = Files.newBufferedReader(file)) {
            modified = Files.getLastModifiedTime(file);
            lines.load(reader);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("the API key file " + file.toAbsolutePath() + " does not exist");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the API key file " + file.toAbsolutePath(), e);
        }
        List<ApiKeys.Entry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        new TreeMap<>(lines).forEach((name, value) -> {
            List<String> words = Arrays.stream(value.toString().trim().split("\\s+")).filter(w -> !w.isEmpty())
                    .toList();
            if (words.isEmpty() || !ApiKeys.isHash(words.get(0))) {
                problems.add(name + ": expected sha256:<64 hex digits> and then scopes (the key's hash as"
                        + " `eventloom token` prints it)");
                return;
            }
            List<String> scopes = words.subList(1, words.size());
            if (scopes.isEmpty()) {
                problems.add(name + ": a key without scopes may do nothing; give it at least one");
            }
            scopes.stream().map(Scopes::problem).flatMap(Optional::stream).forEach(p -> problems.add(name + ": " + p));
            entries.add(new ApiKeys.Entry(name.toString(), words.get(0), Scopes.of(scopes)));
        });
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("the API key file " + file.toAbsolutePath() + " has errors: "
                    + String.join("; ", problems));
        }
        return new Loaded(modified, new ApiKeys(entries));
    }

    private ApiKeys current() {
        Instant now = clock.instant();
        if (now.isBefore(nextCheck)) {
            return loaded.keys();
        }
        nextCheck = now.plus(RECHECK);
        try {
            if (!Files.getLastModifiedTime(file).equals(loaded.modified())) {
                Loaded reloaded = load(file);
                loaded = reloaded;
                log.info("API key file {} changed: {} keys now", file.toAbsolutePath(), reloaded.keys().size());
            }
        } catch (IOException | RuntimeException e) {
            log.error("API key file {} could not be read again; the {} keys read before stay in force: {}",
                    file.toAbsolutePath(), loaded.keys().size(), e.getMessage());
        }
        return loaded.keys();
    }
}
