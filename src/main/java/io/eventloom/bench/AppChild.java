package io.eventloom.bench;

import io.eventloom.app.Main;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Eventloom as users run it ({@link Main}, broker and registry elsewhere) in a child JVM configured by
 * {@code EVENTLOOM_*} variables; ready once {@code GET /health/ready} answers 200.
 */
final class AppChild implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration POLL = Duration.ofMillis(250);

    private final AppDeployment deployment;
    private final ChildJvm jvm;

    private AppChild(AppDeployment deployment, ChildJvm jvm) {
        this.deployment = deployment;
        this.jvm = jvm;
    }

    /** Starts the app and returns once it is ready; fails with the log's place when it exits or takes too long. */
    static AppChild start(AppDeployment deployment, Path log, PrintStream progress) throws InterruptedException {
        progress.printf("[%s] starting Eventloom (commit %d ms, HTTP port %d), log in %s%n", deployment.name(),
                deployment.commitInterval().toMillis(), deployment.httpPort(), log);
        AppChild app = new AppChild(deployment, ChildJvm.start(Main.class.getName(), List.of(),
                deployment.environment(), log, line -> { }));
        try {
            app.awaitReady();
        } catch (RuntimeException | InterruptedException e) {
            app.close();
            throw e;
        }
        return app;
    }

    AppDeployment deployment() {
        return deployment;
    }

    /** The HTTP API's base, such as {@code http://localhost:41234}. */
    URI baseUri() {
        return URI.create("http://localhost:" + deployment.httpPort());
    }

    /** The {@code Authorization} header of the bench's requests: the admin key the app made at its start. */
    String authorization() {
        try {
            return "Bearer " + Files.readString(deployment.adminTokenFile()).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("the app keeps no admin key in " + deployment.adminTokenFile(), e);
        }
    }

    long pid() {
        return jvm.pid();
    }

    boolean isAlive() {
        return jvm.isAlive();
    }

    /** SIGTERM, so its last transaction commits and the next scenario starts on a quiet broker. */
    @Override
    public void close() throws InterruptedException {
        try {
            if (jvm.isAlive()) {
                jvm.stop();
            }
        } finally {
            jvm.close();
        }
    }

    private void awaitReady() throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(baseUri().resolve("/health/ready")).timeout(Duration.ofSeconds(5))
                .GET().build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!jvm.isAlive()) {
                throw new IllegalStateException("Eventloom exited with code " + jvm.exitCode()
                        + " before it was ready; see " + jvm.log());
            }
            try {
                if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet: the HTTP API starts last.
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new IllegalStateException("Eventloom not ready after " + READY_TIMEOUT + "; see " + jvm.log());
    }
}
