package io.eventloom.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Node.js project in {@code interop/node}, whose third-party clients prove the wire contract from outside
 * Java. Installs its packages with {@code npm ci} from the committed lock file when they are missing.
 */
public final class NodeProject {

    public static final Path DIRECTORY = Path.of("interop", "node");
    private static final Duration NPM_TIMEOUT = Duration.ofMinutes(5);

    private NodeProject() {
    }

    /** Skips the calling test, with the reason, where node or npm is not installed; installs packages if needed. */
    public static void requireInstalled(Path work) throws IOException, InterruptedException {
        Assumptions.assumeTrue(onPath("node") && onPath("npm"),
                "node and npm are not on PATH: skipping the Node.js interop test");
        if (!Files.isDirectory(DIRECTORY.resolve("node_modules"))) {
            run(work, NPM_TIMEOUT, "npm", "ci", "--no-audit", "--no-fund");
        }
    }

    /** Runs a command in the project directory and returns its standard output; fails with its output if it fails. */
    public static String run(Path work, Duration timeout, String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        Process process = new ProcessBuilder(List.of(command)).directory(DIRECTORY.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout);
        }
        if (process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed with exit code " + process.exitValue()
                    + ":\n" + Files.readString(err) + Files.readString(out));
        }
        return Files.readString(out);
    }

    private static boolean onPath(String program) {
        try {
            Process process = new ProcessBuilder(program, "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
