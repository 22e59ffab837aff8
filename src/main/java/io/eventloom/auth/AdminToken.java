package io.eventloom.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The admin key of a system no one has configured keys for: made at its first start and kept in a file only its
 * owner may read, so a one-command start is secured without a setup step and the key survives restarts.
 */
public final class AdminToken {

    /** The key, and whether this start made it (so it is shown once, then only its file is named). */
    public record Kept(String token, boolean created) {
    }

    private AdminToken() {
    }

    /**
     * The key in {@code file}, made first when the file does not exist. Two processes starting at once on the same
     * file end up with the same key: the file appears whole or not at all.
     *
     * @throws IllegalStateException when the file holds something other than a key
     */
    public static Kept keep(Path file) {
        try {
            if (Files.exists(file)) {
                return new Kept(read(file), false);
            }
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            String token = ApiKeys.newKey();
            Path temp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            try {
                ownerOnly(temp);
                Files.writeString(temp, token + "\n", StandardCharsets.UTF_8);
                // A link, unlike a rename, never replaces: a file another process made meanwhile wins, and is read.
                Files.createLink(file, temp);
            } catch (FileAlreadyExistsException e) {
                return new Kept(read(file), false);
            } finally {
                Files.deleteIfExists(temp);
            }
            return new Kept(token, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the admin key in " + file.toAbsolutePath(), e);
        }
    }

    private static String read(Path file) throws IOException {
        String token = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (!token.startsWith(ApiKeys.PREFIX)) {
            throw new IllegalStateException(file.toAbsolutePath() + " does not hold an Eventloom key; delete it to"
                    + " have a new admin key made at the next start");
        }
        return token;
    }

    private static void ownerOnly(Path path) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        }
    }
}
