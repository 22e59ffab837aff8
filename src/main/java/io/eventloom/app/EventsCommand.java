package io.eventloom.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventloom.cli.ApiAnswers;
import io.eventloom.cli.ApiClient;
import io.eventloom.cli.AggregateRef;
import io.eventloom.cli.ApiOptions;
import io.eventloom.cli.ExitCodes;
import io.eventloom.cli.OutputOption;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code eventloom events TYPE ID}: one aggregate's history, page by page from the HTTP API. */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = "Prints one aggregate's events (version, type, occurredAt, schema version, payload), read"
                + " from the app's HTTP API.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:found", "1:no such aggregate, or no events from --from-version on",
                "2:a usage error, or the API refused the token (401/403)", "3:the HTTP API could not be reached"})
final class EventsCommand implements Callable<Integer> {

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

    @Option(names = "--from-version", paramLabel = "N", defaultValue = "1",
            description = "The first version to print (default: ${DEFAULT-VALUE}).")
    private long fromVersion;

    @Option(names = "--page-size", paramLabel = "N", defaultValue = "500",
            description = "Events asked for in one request, 1 to 1000 (default: ${DEFAULT-VALUE}).")
    private int pageSize;

    @Override
    public Integer call() throws IOException, InterruptedException {
        String type = aggregate.type();
        String id = aggregate.id();
        ApiClient client = api.client(parent.config(), parent.environmentVariable(EventloomConfig.TOKEN_ENV));
        PrintWriter err = spec.commandLine().getErr();
        ArrayNode events = JsonNodeFactory.instance.arrayNode();
        JsonNode next = JsonNodeFactory.instance.numberNode(fromVersion);
        while (next.isIntegralNumber()) {
            ApiClient.Answer page;
            try {
                page = client.get("fromVersion=" + next.asLong() + "&limit=" + pageSize, "api", type, id, "events");
            } catch (IOException e) {
                return ApiAnswers.unreachable(client, e, err);
            }
            if (page.status() != 200) {
                return ApiAnswers.refused(page, err);
            }
            events.addAll((ArrayNode) page.body().path("events"));
            next = page.body().path("next");
        }
        if (events.isEmpty()) {
            err.println("Not found: " + type + " '" + id + "' has no events from version " + fromVersion);
            return ExitCodes.FOUND;
        }
        print(events, spec.commandLine().getOut());
        return ExitCodes.OK;
    }

    private void print(ArrayNode events, PrintWriter out) {
        if (output.json()) {
            ObjectNode all = JsonNodeFactory.instance.objectNode().put("type", aggregate.type())
                    .put("aggregateId", aggregate.id());
            all.set("events", events);
            out.println(all.toPrettyString());
        } else {
            out.printf("%-8s %-28s %-30s %-7s %s%n", "VERSION", "TYPE", "OCCURRED_AT", "SCHEMA", "PAYLOAD");
            events.forEach(event -> out.printf("%-8d %-28s %-30s %-7s %s%n", event.path("version").asLong(),
                    event.path("type").asText(), event.path("occurredAt").asText(),
                    event.path("schemaVersion").asText("-"), event.path("payload")));
        }
        out.flush();
    }
}
