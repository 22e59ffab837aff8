package io.eventloom.app;

import io.eventloom.auth.ApiKeys;
import io.eventloom.auth.Scopes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/** {@code eventloom token}: makes an API key, prints it once and the line that grants it in the key file. */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Makes an API key: prints the key (shown once, give it to the client) and the line to add to"
                + " the file http.auth.api.keys.file names, which holds only its hash.")
final class TokenCommand implements Callable<Integer> {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    @Option(names = "--name", required = true, paramLabel = "NAME",
            description = "Who the key is for, as logs and refusals name it (letters, digits, . _ -).")
    private String name;

    @Option(names = "--scopes", required = true, split = ",", paramLabel = "SCOPE",
            description = "What it may do, comma-separated: read, write, admin, metrics, read:pii,"
                    + " read:<aggregate type or projection>, write:<aggregate type>.")
    private List<String> scopes;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!NAME.matcher(name).matches()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--name '" + name + "' must be letters,"
                    + " digits, '.', '_' or '-' (at most 100)");
        }
        List<String> problems = scopes.stream().map(Scopes::problem).flatMap(Optional::stream).toList();
        if (!problems.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), String.join("; ", problems));
        }
        String key = ApiKeys.newKey();
        spec.commandLine().getOut().println("API key for " + name + " (shown once; give it to the client):");
        spec.commandLine().getOut().println("  " + key);
        spec.commandLine().getOut().println("Add this line to the API key file (" + EventloomConfig
                .HTTP_AUTH_API_KEYS_FILE + "); instances read it again within a second:");
        spec.commandLine().getOut().println("  " + name + " = " + ApiKeys.hash(key) + " " + String.join(" ", scopes));
        return 0;
    }
}
