package io.eventloom.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an app's memory from outside: a full GC through {@code jcmd <pid> GC.run}, then heap used from its
 * {@code /metrics} ({@code jvm_memory_used_bytes} of the heap pools) and resident set size from
 * {@code /proc/<pid>/status}.
 */
final class ProcessMemory {

    private static final Pattern HEAP_USED = Pattern.compile(
            "^jvm_memory_used_bytes\\{([^}]*)}\\s+(\\S+)", Pattern.MULTILINE);
    private static final Pattern VM_RSS = Pattern.compile("^VmRSS:\\s+(\\d+)\\s+kB", Pattern.MULTILINE);
    private static final Duration JCMD_TIMEOUT = Duration.ofMinutes(2);

    private ProcessMemory() {
    }

    /** Asks the JVM for a full GC and waits for it; false when the JDK has no {@code jcmd} or it failed. */
    static boolean fullGc(long pid) throws InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return false;
        }
        try {
            Process process = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "GC.run")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(JCMD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Heap used in bytes, the sum over the heap's memory pools, as the app's Prometheus metrics give it. */
    static long heapUsed(URI base, String authorization) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/metrics")).timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization).GET().build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET /metrics answered " + response.statusCode());
            }
            return heapUsed(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + request.uri(), e);
        }
    }

    static long heapUsed(String prometheusText) {
        Matcher matcher = HEAP_USED.matcher(prometheusText);
        double sum = 0;
        boolean found = false;
        while (matcher.find()) {
            if (matcher.group(1).contains("area=\"heap\"")) {
                sum += Double.parseDouble(matcher.group(2));
                found = true;
            }
        }
        if (!found) {
            throw new IllegalStateException("no jvm_memory_used_bytes{area=\"heap\"} in the metrics");
        }
        return (long) sum;
    }

    /** Resident set size in bytes, or empty where there is no {@code /proc} (not Linux). */
    static OptionalLong residentSetSize(long pid) {
        Path status = Path.of("/proc", String.valueOf(pid), "status");
        try {
            return Files.isReadable(status) ? residentSetSize(Files.readString(status)) : OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    static OptionalLong residentSetSize(String procStatus) {
        Matcher matcher = VM_RSS.matcher(procStatus);
        return matcher.find() ? OptionalLong.of(Long.parseLong(matcher.group(1)) * 1024) : OptionalLong.empty();
    }

    /** Bytes of every file under {@code dir}: what the state stores hold on disk. */
    static long directorySize(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        // RocksDB deletes files as it compacts, and a walk that meets one gone fails: the next walk will not.
        for (int attempt = 1; ; attempt++) {
            try (var paths = Files.walk(dir)) {
                return paths.filter(Files::isRegularFile).mapToLong(ProcessMemory::sizeOrZero).sum();
            } catch (IOException | UncheckedIOException e) {
                if (attempt == 3) {
                    throw new IllegalStateException("cannot measure " + dir, e);
                }
            }
        }
    }

    private static long sizeOrZero(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
