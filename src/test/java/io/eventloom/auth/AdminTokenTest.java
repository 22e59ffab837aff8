package io.eventloom.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdminTokenTest {

    @Test
    void givenNoFile_whenKeptTwice_thenMadeOnceOwnerOnlyAndTheSameKeyAfter(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data/admin.token");

        AdminToken.Kept first = AdminToken.keep(file);
        AdminToken.Kept second = AdminToken.keep(file);

        assertThat(first.created()).isTrue();
        assertThat(first.token()).startsWith(ApiKeys.PREFIX).hasSize(ApiKeys.PREFIX.length() + 43);
        assertThat(second.created()).isFalse();
        assertThat(second.token()).isEqualTo(first.token());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.list(file.getParent()).toList()).containsExactly(file);
    }

    @Test
    void givenManyStartsAtOnce_whenEachKeepsTheKey_thenAllHoldTheSameOne(@TempDir Path dir) {
        Path file = dir.resolve("admin.token");

        List<String> tokens = IntStream.range(0, 8)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> AdminToken.keep(file).token()))
                .toList().stream().map(CompletableFuture::join).toList();

        assertThat(tokens).containsOnly(tokens.get(0));
    }

    @Test
    void givenAFileThatHoldsNoKey_whenKept_thenItSaysToDeleteIt(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("admin.token"), "hunter2\n");

        assertThatThrownBy(() -> AdminToken.keep(file)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("delete it").hasMessageNotContaining("hunter2");
    }
}
