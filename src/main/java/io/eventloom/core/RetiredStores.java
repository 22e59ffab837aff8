package io.eventloom.core;

import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Deletes what a previous start kept on disk for projections the runtime no longer keeps: their RocksDB stores in
 * each task directory, which Kafka Streams leaves alone once no store of the topology has that name.
 */
final class RetiredStores {

    private static final Logger log = LoggerFactory.getLogger(RetiredStores.class);

    private RetiredStores() {
    }

    /** @param applicationDir the application's directory in the state directory, holding one directory per task */
    static void delete(Path applicationDir, Set<String> projections) {
        if (projections.isEmpty() || !Files.isDirectory(applicationDir)) {
            return;
        }
        try (Stream<Path> tasks = Files.list(applicationDir)) {
            for (Path task : tasks.filter(Files::isDirectory).toList()) {
                for (String projection : projections) {
                    Path store = task.resolve("rocksdb").resolve(projection);
                    if (Files.exists(store)) {
                        Utils.delete(store.toFile());
                        log.info("Deleted the local store {} of projection {}, read from a rebuilt generation now",
                                store, projection);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete retired projection stores in " + applicationDir, e);
        }
    }
}
