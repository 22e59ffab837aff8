package io.eventloom.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import io.eventloom.auth.ApiKeyFile;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {

    @Test
    void givenRegistrySubcommandWithConfig_whenParsed_thenTheConfigFileReachesTheMainCommand() {
        CommandLine command = new CommandLine(new Main());

        command.parseArgs("registry", "--config", "registry.properties");

        assertThat(command.getSubcommands()).containsKey("registry");
        assertThat(command.getCommandSpec().findOption("--config").<Path>getValue())
                .isEqualTo(Path.of("registry.properties"));
    }

    // Bounded: were the typo ignored, the app would start on an embedded broker and run until stopped.
    @Test
    @Timeout(60)
    void givenMisspeltBootstrapVariable_whenStarted_thenItStopsNamingTheVariableItMeant() {
        StringWriter err = new StringWriter();
        CommandLine command = Main.commandLine(new Main(Map.of("EVENTLOOM_BOOTSTRAP_SERVER", "kafka:9092")))
                .setErr(new PrintWriter(err));

        int exitCode = command.execute();

        assertThat(exitCode).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("EVENTLOOM_BOOTSTRAP_SERVER ")
                .contains("did you mean EVENTLOOM_BOOTSTRAP_SERVERS (bootstrap.servers)?")
                .doesNotContain("at io.eventloom");
    }

    @Test
    @Timeout(60)
    void givenMisspeltKeyInTheConfigFile_whenTheRegistryStarts_thenItStopsNamingTheKeyItMeant(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("registry.properties");
        Files.writeString(file, "schema.registry.prot=18081\n");
        StringWriter err = new StringWriter();
        CommandLine command = Main.commandLine(new Main(Map.of())).setErr(new PrintWriter(err));

        int exitCode = command.execute("registry", "--config", file.toString());

        assertThat(exitCode).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("schema.registry.prot in file " + file.toAbsolutePath())
                .contains("did you mean schema.registry.port?");
    }

    @Test
    void givenTokenCommand_whenRun_thenItPrintsAKeyOnceAndTheLineThatGrantsItByItsHash(@TempDir Path dir)
            throws Exception {
        StringWriter out = new StringWriter();
        CommandLine command = Main.commandLine(new Main(Map.of())).setOut(new PrintWriter(out));

        int exitCode = command.execute("token", "--name", "ci-pipeline", "--scopes", "write:order,read");

        assertThat(exitCode).isZero();
        Matcher key = Pattern.compile("(elk_[A-Za-z0-9_-]{43})").matcher(out.toString());
        assertThat(key.find()).as(out.toString()).isTrue();
        Matcher line = Pattern.compile("(?m)^  (ci-pipeline = sha256:[0-9a-f]{64} write:order read)$")
                .matcher(out.toString());
        assertThat(line.find()).as(out.toString()).isTrue();
        Path file = Files.writeString(dir.resolve("keys.properties"), line.group(1) + "\n");
        assertThat(ApiKeyFile.read(file, Clock.systemUTC()).authenticate(key.group(1)))
                .hasValueSatisfying(principal -> {
                    assertThat(principal.name()).isEqualTo("ci-pipeline");
                    assertThat(principal.scopes().canWrite("order")).isTrue();
                    assertThat(principal.scopes().canWrite("product")).isFalse();
                });
    }

    @Test
    void givenAnUnknownScope_whenATokenIsMade_thenUsageErrorNamingItAndNoKey() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = Main.commandLine(new Main(Map.of())).setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err));

        int exitCode = command.execute("token", "--name", "ci", "--scopes", "raed");

        assertThat(exitCode).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("'raed' is not a scope");
        assertThat(out.toString()).doesNotContain("elk_");
    }
}
