package io.eventloom.cli;

import io.eventloom.app.EventloomConfig;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code --url} and {@code --token-file}, the way to the HTTP API: the token from the file, else
 * {@code EVENTLOOM_TOKEN}, else the admin key the app keeps on this machine (http.auth.admin.token.file) when there.
 */
public final class ApiOptions {

    @Option(names = "--url", paramLabel = "URL",
            description = "The HTTP API (default: http://localhost:<http.port>).")
    private String url;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "A file holding the API key to send (default: EVENTLOOM_TOKEN, else the admin key in"
                    + " http.auth.admin.token.file when it exists).")
    private Path tokenFile;

    /** @param tokenVariable the value of {@code EVENTLOOM_TOKEN}, when set */
    public ApiClient client(EventloomConfig config, Optional<String> tokenVariable) throws IOException {
        String base = url != null ? url : "http://localhost:" + config.intValue(EventloomConfig.HTTP_PORT);
        return new ApiClient(base, token(config, tokenVariable));
    }

    private Optional<String> token(EventloomConfig config, Optional<String> tokenVariable) throws IOException {
        if (tokenFile != null) {
            return Optional.of(Files.readString(tokenFile).strip());
        }
        if (tokenVariable.filter(token -> !token.isBlank()).isPresent()) {
            return tokenVariable.map(String::strip);
        }
        Path adminToken = config.path(EventloomConfig.HTTP_AUTH_ADMIN_TOKEN_FILE);
        return Files.isReadable(adminToken) ? Optional.of(Files.readString(adminToken).strip()) : Optional.empty();
    }
}
