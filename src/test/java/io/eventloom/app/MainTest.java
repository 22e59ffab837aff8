package io.eventloom.app;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Path;

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
}
