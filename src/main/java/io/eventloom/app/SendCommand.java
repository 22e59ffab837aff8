package io.eventloom.app;

import io.eventloom.cli.CliContext;
import io.eventloom.cli.ExitCodes;
import io.eventloom.cli.OutputOption;
import io.eventloom.cli.Progress;
import io.eventloom.cli.SendLine;
import io.eventloom.cli.SendLineParser;
import io.eventloom.cli.SendTally;
import io.eventloom.core.AggregateTopics;
import io.eventloom.core.CommandGateway;
import io.eventloom.serde.AvroSerdeConfig;
import io.eventloom.serde.AvroSerdes;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;

/** {@code eventloom send}: commands from JSON lines onto their command topics, with what became of each. */
@Command(name = "send", mixinStandardHelpOptions = true,
        description = "Sends commands, one JSON object a line, from a file or standard input:"
                + " {\"type\":\"product\",\"id\":\"p-1\",\"command\":\"CreateProduct\",\"payload\":{...},"
                + "\"commandId\":\"optional\",\"expectedVersion\":optional}. Prints each rejected or malformed line"
                + " and a summary; progress goes to standard error.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every line was sent and (with --wait) accepted",
                "1:a command was rejected or a line was malformed", "2:a usage or configuration error",
                "3:Kafka or the registry could not be reached, or a result did not come in time"})
final class SendCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    private Main parent;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    private OutputOption output;

    @Option(names = "--file", paramLabel = "FILE", description = "The lines to send (default: standard input).")
    private Path file;

    @Option(names = "--wait", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Wait for each command's result (default); --no-wait only sends.")
    private boolean waitForResults;

    @Option(names = "--in-flight", paramLabel = "N", defaultValue = "100",
            description = "Commands sent but not yet answered, at most (default: ${DEFAULT-VALUE}).")
    private int inFlight;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long to wait for one command's result (default: ${DEFAULT-VALUE}).")
    private long timeoutSeconds;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (inFlight < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--in-flight must be at least 1");
        }
        if (file != null && !Files.isReadable(file)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--file: cannot read " + file);
        }
        CliContext context = CliContext.of(parent.config());
        // A client looks its schemas up and never registers them: the registry's subjects are governed elsewhere.
        AvroSerdes serdes = new AvroSerdes(context.registry(), AvroSerdeConfig.defaults().withAutoRegister(false));
        // The gateway writes only the public topics, so the runtime's internal serdes are never used here.
        List<AggregateTopics<?>> topics = AggregateTopics.of(context.domain().aggregates(), context.topics(),
                serdes, serdes);
        CommandGateway gateway;
        try {
            gateway = new CommandGateway(context.kafka(), topics, Clock.systemUTC());
        } catch (KafkaException e) {
            spec.commandLine().getErr().println("Cannot reach Kafka at " + context.kafka().bootstrapServers() + ": "
                    + e.getMessage());
            return ExitCodes.UNAVAILABLE;
        }
        SendTally tally = new SendTally(waitForResults);
        try (gateway; BufferedReader lines = input()) {
            send(lines, new SendLineParser(context.domain()), gateway, tally);
        }
        if (output.json()) {
            spec.commandLine().getOut().println(tally.json().toPrettyString());
        } else {
            tally.printText(spec.commandLine().getOut());
        }
        spec.commandLine().getOut().flush();
        return tally.exitCode();
    }

    private void send(BufferedReader lines, SendLineParser parser, CommandGateway gateway, SendTally tally)
            throws IOException, InterruptedException {
        Progress progress = new Progress("send", total(), spec.commandLine().getErr());
        Semaphore slots = new Semaphore(inFlight);
        long number = 0;
        for (String text = lines.readLine(); text != null; text = lines.readLine()) {
            number++;
            if (text.isBlank()) {
                continue;
            }
            SendLine line = parser.parse(number, text);
            if (line instanceof SendLine.Malformed malformed) {
                tally.malformed(malformed);
                step(progress);
                continue;
            }
            SendLine.Command command = (SendLine.Command) line;
            slots.acquire();
            tally.sent();
            outcome(gateway, command, tally).whenComplete((done, error) -> {
                // Counted before the slot is given back, so that all slots back means all counted.
                step(progress);
                slots.release();
            });
        }
        // Every slot back means every command has its outcome and is counted.
        slots.acquire(inFlight);
        progress.finish();
    }

    // Outcomes arrive on the producer's and the gateway's threads.
    private static void step(Progress progress) {
        synchronized (progress) {
            progress.add(1);
        }
    }

    private CompletableFuture<Void> outcome(CommandGateway gateway, SendLine.Command command, SendTally tally) {
        CompletableFuture<Void> sent = waitForResults
                ? gateway.send(command.type(), command.id(), command.payload(), command.options(),
                        Duration.ofSeconds(timeoutSeconds))
                        .thenAccept(result -> tally.answered(command.number(), result))
                : gateway.post(command.type(), command.id(), command.payload(), command.options());
        return sent.exceptionally(error -> {
            tally.failed(command.number(), error instanceof CompletionException
                    ? error.getCause() : error);
            return null;
        });
    }

    private OptionalLong total() throws IOException {
        if (file == null) {
            return OptionalLong.empty();
        }
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return OptionalLong.of(lines.filter(line -> !line.isBlank()).count());
        }
    }

    private BufferedReader input() throws IOException {
        return file == null ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                : Files.newBufferedReader(file, StandardCharsets.UTF_8);
    }
}
