package io.eventloom.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A fresh temporary directory for one bench run, deleted at the end unless it is to be kept for inspection. */
final class ScratchDirectory implements AutoCloseable {

    private final Path path;
    private boolean keep;

    private ScratchDirectory(Path path, boolean keep) {
        this.path = path;
        this.keep = keep;
    }

    static ScratchDirectory create(boolean keep) {
        try {
            return new ScratchDirectory(Files.createTempDirectory("eventloom-bench-"), keep);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory", e);
        }
    }

    Path path() {
        return path;
    }

    /** Keeps the directory after all: the runtime logs in it are what explains a failed run. */
    void keep() {
        keep = true;
    }

    @Override
    public void close() {
        if (keep) {
            System.err.println("Kept the broker data, state directories and runtime logs in " + path);
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path each : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(each);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }
}
