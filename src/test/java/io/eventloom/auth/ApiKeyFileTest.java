package io.eventloom.auth;

import io.eventloom.testing.MovableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiKeyFileTest {

    private final String ciKey = ApiKeys.newKey();
    private final String opsKey = ApiKeys.newKey();

    @Test
    void givenAKeyLine_whenItsKeyIsPresented_thenItsNameAndScopesAndNothingForOtherKeys(@TempDir Path dir)
            throws Exception {
        Path file = Files.writeString(dir.resolve("keys.properties"), "# the CI pipeline\nci = "
                + ApiKeys.hash(ciKey) + " read write:order\n");

        ApiKeyFile keys = ApiKeyFile.read(file, Clock.systemUTC());

        assertThat(keys.authenticate(ciKey)).hasValue(new Principal("ci", Scopes.of("read", "write:order")));
        assertThat(keys.authenticate(opsKey)).isEmpty();
        assertThat(keys.authenticate(ApiKeys.hash(ciKey))).as("the hash is not the key").isEmpty();
        assertThat(keys.authenticate("")).isEmpty();
    }

    @Test
    void givenTyposInTheFile_whenRead_thenEveryBadLineIsNamedAtOnce(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("keys.properties"), "ci = " + ApiKeys.hash(ciKey) + " raed\n"
                + "ops = " + ciKey + " admin\n" + "idle = " + ApiKeys.hash(opsKey) + "\n");

        assertThatThrownBy(() -> ApiKeyFile.read(file, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ci: 'raed' is not a scope")
                .hasMessageContaining("ops: expected sha256:")
                .hasMessageContaining("idle: a key without scopes")
                .hasMessageNotContaining(ciKey);
    }

    @Test
    void givenTheFileChanges_whenASecondHasPassed_thenAddedKeysWorkAndRemovedOnesNoLonger(@TempDir Path dir)
            throws Exception {
        Path file = Files.writeString(dir.resolve("keys.properties"), "ci = " + ApiKeys.hash(ciKey) + " read\n");
        MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
        ApiKeyFile keys = ApiKeyFile.read(file, clock);

        Files.writeString(file, "ops = " + ApiKeys.hash(opsKey) + " admin\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        boolean ciBeforeRecheck = keys.authenticate(ciKey).isPresent();
        clock.advance(Duration.ofMillis(1001));

        assertThat(ciBeforeRecheck).as("looked at once a second at most").isTrue();
        assertThat(keys.authenticate(opsKey)).hasValueSatisfying(p -> assertThat(p.name()).isEqualTo("ops"));
        assertThat(keys.authenticate(ciKey)).as("revoked").isEmpty();
    }

    @Test
    void givenTheFileBreaks_whenReadAgain_thenTheKeysReadBeforeStayInForce(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("keys.properties"), "ci = " + ApiKeys.hash(ciKey) + " read\n");
        MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
        ApiKeyFile keys = ApiKeyFile.read(file, clock);

        Files.writeString(file, "ci = half a line\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        clock.advance(Duration.ofSeconds(2));

        assertThat(keys.authenticate(ciKey)).isPresent();
    }
}
