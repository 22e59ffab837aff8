package io.eventloom.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.core.impl.JdkMapAdapterStringMap;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code log.format}: the console layout the app's logging configuration picks, with the log context in a line. */
class LogFormatTest {

    @AfterEach
    void backToText() {
        LogFormat.apply(EventloomConfig.load(Optional.empty(), Map.of()));
    }

    @Test
    void givenJsonFormat_whenALineIsWrittenWithContext_thenItIsOneJsonObjectWithTheContextAsFields() throws Exception {
        LogFormat.apply(EventloomConfig.load(Optional.empty(), Map.of("EVENTLOOM_LOG_FORMAT", "json")));

        JsonNode line = new ObjectMapper().readTree(consoleLine());

        assertThat(line.path("message").asText()).isEqualTo("Processed command cmd-7");
        assertThat(line.path("log.level").asText()).isEqualTo("INFO");
        assertThat(line.path("log.logger").asText()).isEqualTo("io.eventloom.core.CommandProcessor");
        assertThat(line.path("commandId").asText()).isEqualTo("cmd-7");
        assertThat(line.path("aggregateId").asText()).isEqualTo("order-1");
        assertThat(line.has("@timestamp")).isTrue();
    }

    @Test
    void givenTextFormat_whenALineIsWrittenWithContext_thenItIsReadableAndCarriesTheContext()
            throws URISyntaxException {
        LogFormat.apply(EventloomConfig.load(Optional.empty(), Map.of("EVENTLOOM_LOG_FORMAT", "text")));

        assertThat(consoleLine()).contains("INFO ", "i.e.c.CommandProcessor - Processed command cmd-7",
                "aggregateId=order-1", "commandId=cmd-7").doesNotStartWith("{");
    }

    /** A line as the app's own logging configuration (not the tests') writes it to the console. */
    private static String consoleLine() throws URISyntaxException {
        LoggerContext context = new LoggerContext("log-format-test", null,
                LogFormatTest.class.getResource("/log4j2.xml").toURI());
        context.start();
        try {
            LogEvent event = Log4jLogEvent.newBuilder()
                    .setLoggerName("io.eventloom.core.CommandProcessor")
                    .setLevel(Level.INFO)
                    .setMessage(new SimpleMessage("Processed command cmd-7"))
                    .setContextData(new JdkMapAdapterStringMap(Map.of("commandId", "cmd-7", "aggregateId", "order-1"),
                            true))
                    .build();
            return new String(context.getConfiguration().getAppender("console").getLayout().toByteArray(event),
                    StandardCharsets.UTF_8);
        } finally {
            context.stop();
        }
    }
}
