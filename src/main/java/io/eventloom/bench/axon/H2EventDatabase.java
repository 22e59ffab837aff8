package io.eventloom.bench.axon;

import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.h2.jdbcx.JdbcConnectionPool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * An embedded H2 database in one file, holding Axon's event tables, with a small pool of connections. A file and
 * not memory, so the peer's events reach the disk as Eventloom's reach its broker's log.
 */
final class H2EventDatabase implements AutoCloseable {

    private static final String NAME = "events";
    // H2 keeps one file per database: <name>.mv.db.
    private static final String FILE_SUFFIX = ".mv.db";

    private final Path directory;
    private final JdbcConnectionPool pool;
    private boolean closed;

    private H2EventDatabase(Path directory, JdbcConnectionPool pool) {
        this.directory = directory;
        this.pool = pool;
    }

    /** Opens (creating) the database in the directory, with at most that many connections open at once. */
    static H2EventDatabase open(Path directory, int connections) {
        JdbcConnectionPool pool = JdbcConnectionPool.create(
                "jdbc:h2:file:" + directory.resolve(NAME).toAbsolutePath(), "sa", "");
        pool.setMaxConnections(connections);
        return new H2EventDatabase(directory, pool);
    }

    /** Axon's JDBC storage engine on this database, its tables created by Axon's {@code createSchema}. */
    JdbcEventStorageEngine storageEngine(Serializer serializer) {
        JdbcEventStorageEngine engine = JdbcEventStorageEngine.builder()
                // One connection per command's unit of work, as Axon advises without Spring; Axon has no JDBC
                // transaction manager of its own, and auto-commit suffices for one event appended per command.
                .connectionProvider(new UnitOfWorkAwareConnectionProviderWrapper(
                        new DataSourceConnectionProvider(pool)))
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .build();
        engine.createSchema(H2EventTableFactory.INSTANCE);
        return engine;
    }

    /** The rows in Axon's domain event table. */
    long eventsStored() {
        try (Connection connection = pool.getConnection();
             Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM DomainEventEntry")) {
            count.next();
            return count.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the events in " + directory, e);
        }
    }

    /** H2's own version string, for the report. */
    String version() {
        try (Connection connection = pool.getConnection()) {
            return connection.getMetaData().getDatabaseProductVersion();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read H2's version", e);
        }
    }

    /** The database file's size; meant after {@link #close()}, when H2 has written everything out. */
    long fileBytes() {
        try {
            return Files.size(directory.resolve(NAME + FILE_SUFFIX));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of the database in " + directory, e);
        }
    }

    /** Shuts the database down, so that its file is complete, and closes the pool. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot shut down the database in " + directory, e);
        } finally {
            pool.dispose();
        }
    }
}
