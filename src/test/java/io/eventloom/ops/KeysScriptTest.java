package io.eventloom.ops;

import io.eventloom.app.Main;
import io.eventloom.auth.ApiKeyFile;
import io.eventloom.auth.Principal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ops/stack/make-keys.sh, as the compose stack's keys service runs it, but with this build's eventloom in place of
 * the image's jar: the keys it makes are the ones the app's key file grants.
 */
class KeysScriptTest {

    @TempDir
    Path keys;

    @Test
    void givenAnEmptyKeysVolume_whenTheScriptRuns_thenAMetricsKeyForPrometheusAndAnAdminKeyTheKeyFileGrants()
            throws Exception {
        Run run = makeKeys();

        assertThat(run.exitCode()).as(run.output()).isZero();
        ApiKeyFile keyFile = ApiKeyFile.read(keys.resolve("api-keys.properties"), Clock.systemUTC());
        Optional<Principal> prometheus = keyFile.authenticate(Files.readString(keys.resolve("prometheus.token")));
        Optional<Principal> admin = keyFile.authenticate(Files.readString(keys.resolve("admin.token")));
        assertThat(prometheus).hasValueSatisfying(principal -> {
            assertThat(principal.name()).isEqualTo("prometheus");
            assertThat(principal.scopes().names()).containsExactly("metrics");
        });
        assertThat(admin).hasValueSatisfying(principal -> assertThat(principal.scopes().isAdmin()).isTrue());
        // Prometheus runs as nobody: its key must be readable by others; the admin key by its owner alone.
        assertThat(Files.getPosixFilePermissions(keys.resolve("prometheus.token")))
                .contains(PosixFilePermission.OTHERS_READ);
        assertThat(Files.getPosixFilePermissions(keys.resolve("admin.token")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.readString(keys.resolve("api-keys.properties"))).doesNotContain(
                Files.readString(keys.resolve("prometheus.token")), Files.readString(keys.resolve("admin.token")));
    }

    @Test
    void givenKeysMadeBefore_whenTheScriptRunsAgain_thenTheyAreKept() throws Exception {
        assertThat(makeKeys().exitCode()).isZero();
        String keyFile = Files.readString(keys.resolve("api-keys.properties"));
        String prometheus = Files.readString(keys.resolve("prometheus.token"));

        Run again = makeKeys();

        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(again.output()).contains("already made");
        assertThat(Files.readString(keys.resolve("api-keys.properties"))).isEqualTo(keyFile);
        assertThat(Files.readString(keys.resolve("prometheus.token"))).isEqualTo(prometheus);
    }

    private record Run(int exitCode, String output) {
    }

    private Run makeKeys() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of("sh", StackFiles.MAKE_KEYS.toString(), keys.toString()))
                .redirectErrorStream(true);
        builder.environment().putAll(Map.of("EVENTLOOM",
                java + " -cp " + System.getProperty("java.class.path") + " " + Main.class.getName()));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(output).isTrue();
        return new Run(process.exitValue(), output);
    }
}
