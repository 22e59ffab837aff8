package io.eventloom.app;

import io.eventloom.cli.ApiAnswers;
import io.eventloom.cli.ApiClient;
import io.eventloom.cli.AggregateRef;
import io.eventloom.cli.ApiOptions;
import io.eventloom.cli.ExitCodes;
import io.eventloom.cli.OutputOption;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code eventloom state TYPE ID}: one aggregate's current state, as the HTTP API serves it. */
@Command(name = "state", mixinStandardHelpOptions = true,
        description = "Prints one aggregate's current state and version, read from the app's HTTP API.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:found", "1:no such aggregate", "2:a usage error, or the API refused the token (401/403)",
                "3:the HTTP API could not be reached"})
final class StateCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    private Main parent;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    private OutputOption output;

    @CommandLine.Mixin
    private ApiOptions api;

    @CommandLine.Mixin
    private AggregateRef aggregate;

    @Override
    public Integer call() throws IOException, InterruptedException {
        String type = aggregate.type();
        String id = aggregate.id();
        ApiClient client = api.client(parent.config(), parent.environmentVariable(EventloomConfig.TOKEN_ENV));
        PrintWriter err = spec.commandLine().getErr();
        ApiClient.Answer answer;
        try {
            answer = client.get("", "api", type, id);
        } catch (IOException e) {
            return ApiAnswers.unreachable(client, e, err);
        }
        if (answer.status() != 200) {
            return ApiAnswers.refused(answer, err);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            out.println(answer.body().toPrettyString());
        } else {
            out.println(type + " '" + id + "' at version " + answer.body().path("version").asLong() + ":");
            out.println(answer.body().path("state").toPrettyString());
        }
        out.flush();
        return ExitCodes.OK;
    }
}
