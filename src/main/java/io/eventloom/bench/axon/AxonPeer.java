package io.eventloom.bench.axon;

import io.eventloom.bench.axon.ProductCommand.Restock;
import org.HdrHistogram.Histogram;
import org.axonframework.commandhandling.gateway.CommandGateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

/** Runs the shop's product workload on Axon Framework with its JDBC event store on H2, the bench's peer. */
public final class AxonPeer {

    private static final double NANOS_PER_MILLI = 1e6;

    private AxonPeer() {
    }

    /** Runs the plan in a temporary directory, deleted afterwards; progress goes to the given stream. */
    public static AxonPeerResult run(AxonPeerPlan plan, PrintStream progress) throws InterruptedException {
        Path directory;
        try {
            directory = Files.createTempDirectory("eventloom-axon-peer-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory", e);
        }
        try {
            return run(plan, directory, progress);
        } finally {
            delete(directory);
        }
    }

    private static AxonPeerResult run(AxonPeerPlan plan, Path directory, PrintStream progress)
            throws InterruptedException {
        PeerLoad load = new PeerLoad(plan.products());
        // A connection for each handler thread's unit of work, and spare ones for the bench's own reads.
        H2EventDatabase database = H2EventDatabase.open(directory, plan.clients() + 2);
        String peer;
        long accepted;
        double commandsPerSecond;
        Histogram latencies;
        long availableStock = 0;
        long eventsStored;
        try {
            peer = "Axon Framework " + axonVersion() + ", JDBC event store on H2 " + database.version();
            progress.println("Axon peer: " + peer + " in " + directory + ", " + plan.clients() + " clients and "
                    + plan.clients() + " handler threads");
            try (AxonProducts products = AxonProducts.start(database, plan.clients())) {
                CommandGateway gateway = products.gateway();
                long started = System.nanoTime();
                // Every product exists before its first restock: Eventloom gets that from per-key order.
                accepted = ClosedLoop.run(gateway, plan.products(), load::create, plan.clients(),
                        new ProgressLog("closed loop, CreateProduct", plan.products(), progress));
                accepted += ClosedLoop.run(gateway, plan.restocks(), load::restock, plan.clients(),
                        new ProgressLog("closed loop, Restock", plan.restocks(), progress));
                commandsPerSecond = plan.closedLoopCommands() * 1e9 / (System.nanoTime() - started);

                long firstPass = plan.restocks();
                long secondPass = firstPass + plan.latencyCommands();
                Histogram warmUp = OpenLoop.run(gateway, plan.latencyCommands(), n -> restock(load, firstPass, n),
                        plan.ratePerSecond(), new ProgressLog("open loop, warm-up pass (not counted), sent",
                                plan.latencyCommands(), progress));
                latencies = OpenLoop.run(gateway, plan.latencyCommands(), n -> restock(load, secondPass, n),
                        plan.ratePerSecond(),
                        new ProgressLog("open loop, measured pass, sent", plan.latencyCommands(), progress));
                accepted += warmUp.getTotalCount() + latencies.getTotalCount();

                for (int product = 0; product < plan.products(); product++) {
                    availableStock += products.availableStock(load.productId(product));
                }
            }
            eventsStored = database.eventsStored();
        } finally {
            database.close();
        }
        return new AxonPeerResult(peer, plan, accepted, commandsPerSecond,
                latencies.getValueAtPercentile(50) / NANOS_PER_MILLI,
                latencies.getValueAtPercentile(99) / NANOS_PER_MILLI,
                latencies.getValueAtPercentile(99.9) / NANOS_PER_MILLI,
                eventsStored, availableStock, database.fileBytes());
    }

    // Numbered on from where the previous step stopped, so the round-robin over the products continues.
    private static Restock restock(PeerLoad load, long offset, long n) {
        return load.restock(offset + n);
    }

    // From the jar's Maven metadata, which the shaded jar keeps: Axon 4 has no version constant.
    private static String axonVersion() {
        try (InputStream in = AxonPeer.class.getResourceAsStream(
                "/META-INF/maven/org.axonframework/axon-messaging/pom.properties")) {
            if (in == null) {
                return "4 (version unknown)";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "4 (version unknown)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Axon's version", e);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path each : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(each);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }
}
