package io.eventloom.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

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
}
