package io.eventloom.shop;

import io.eventloom.core.AggregateTopics;
import io.eventloom.core.AggregateType;
import io.eventloom.core.DeadLetterHandler;
import io.eventloom.core.IncomingCommand;
import io.eventloom.core.OutputTooLargeException;
import io.eventloom.core.RecordLimit;
import io.eventloom.core.TopicNames;
import io.eventloom.core.TopologySettings;
import io.eventloom.core.avro.CommandResult;
import io.eventloom.core.avro.CommandStatus;
import io.eventloom.serde.AvroSerdes;
import io.eventloom.shop.customer.CustomerAggregate;
import io.eventloom.shop.customer.RegisterCustomer;
import io.eventloom.shop.order.OrderAggregate;
import io.eventloom.shop.order.OrderLine;
import io.eventloom.shop.order.PlaceOrder;
import io.eventloom.shop.product.CreateProduct;
import io.eventloom.shop.product.ProductAggregate;
import io.eventloom.testing.TestDrivers;
import io.eventloom.testing.TestSerdes;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shop on the test driver with a 64 KiB record limit: an event whose projection row or saga state would not
 * fit the log goes to the dead letters with the reason, and everything else goes on.
 */
class ShopGuardsTopologyTest {

    private static final TopicNames TOPICS = new TopicNames("guards");
    private static final RecordLimit LIMIT = new RecordLimit(64 * 1024);
    private static final Money PRICE = new Money(100L, "EUR");

    @TempDir
    Path stateDir;

    private final AvroSerdes serdes = TestSerdes.inMemory();
    private final Map<String, AggregateTopics<?>> topics = AggregateTopics.of(Shop.aggregateTypes(), TOPICS, serdes,
            serdes).stream().collect(Collectors.toMap(t -> t.type().name(), t -> t));
    private TopologyTestDriver driver;
    private TestOutputTopic<byte[], byte[]> deadLetters;
    private TestOutputTopic<String, CommandResult> orderResults;

    @BeforeEach
    void startDriver() {
        driver = TestDrivers.start("guards-test", Shop.domain(), TopologySettings.of(TOPICS, 1).withRecordLimit(LIMIT),
                serdes, stateDir);
        deadLetters = driver.createOutputTopic(TOPICS.deadLetters(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        orderResults = TestDrivers.output(driver, topics.get("order").results());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void givenCatalogRowTooLargeForTheLog_whenProductCreated_thenEventDeadLetteredWithReasonAndOtherRowsFollow() {
        send(ProductAggregate.TYPE, "big", new CreateProduct("BIG", "n".repeat(20_000), PRICE, 1, null));
        send(ProductAggregate.TYPE, "small", new CreateProduct("SMALL", "Mug", PRICE, 1, null));

        TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
        assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo("big");
        assertThat(header(dead, DeadLetterHandler.SOURCE_TOPIC)).isEqualTo(TOPICS.events("product"));
        assertThat(header(dead, DeadLetterHandler.ERROR_CLASS)).isEqualTo(OutputTooLargeException.class.getName());
        assertThat(header(dead, DeadLetterHandler.ERROR_MESSAGE)).contains("a row of projection product-catalog");
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(driver.getKeyValueStore("product-catalog").get("big")).isNull();
        assertThat(driver.getKeyValueStore("product-catalog").get("small")).isNotNull();
    }

    @Test
    void givenSagaStateTooLargeForTheLog_whenOrderPlaced_thenDeadLetteredAndTheNextOrderIsFulfilled() {
        send(CustomerAggregate.TYPE, "ada", new RegisterCustomer("Ada", "ada@example.com"));
        send(ProductAggregate.TYPE, "mug", new CreateProduct("MUG", "Mug", PRICE, 10, null));
        List<OrderLine> manyLines = IntStream.range(0, 800)
                .mapToObj(i -> new OrderLine("product-with-a-rather-long-identifier-" + i, 1, PRICE)).toList();

        send(OrderAggregate.TYPE, "huge-order", new PlaceOrder("ada", manyLines, "web"));
        send(OrderAggregate.TYPE, "ok-order", new PlaceOrder("ada", List.of(new OrderLine("mug", 2, PRICE)), "web"));

        List<TestRecord<byte[], byte[]>> dead = deadLetters.readRecordsToList();
        assertThat(dead).extracting(record -> header(record, DeadLetterHandler.ERROR_MESSAGE))
                .anySatisfy(message -> assertThat(message).contains("state of process order-fulfilment"))
                .anySatisfy(message -> assertThat(message).contains("a row of projection order-rows"));
        assertThat(dead).allSatisfy(record -> assertThat(new String(record.key(), StandardCharsets.UTF_8))
                .isEqualTo("huge-order"));
        List<CommandResult> results = orderResults.readValuesToList();
        assertThat(results).filteredOn(r -> r.getAggregateId().equals("huge-order"))
                .as("the huge order is placed; its saga never started").hasSize(1);
        assertThat(results).filteredOn(r -> r.getAggregateId().equals("ok-order"))
                .extracting(CommandResult::getStatus, CommandResult::getEventTypes)
                .contains(org.assertj.core.groups.Tuple.tuple(CommandStatus.ACCEPTED, List.of("OrderConfirmed")));
    }

    private void send(AggregateType<?> type, String id, SpecificRecord payload) {
        SpecificRecord envelope = type.codec().writeCommand(new IncomingCommand(id + "-" + payload
                .getSchema().getName(), id, OptionalLong.empty(), Instant.now(), id, Optional.empty(), Map.of(),
                payload));
        TestDrivers.input(driver, topics.get(type.name()).commands()).pipeInput(id, envelope);
    }

    private static String header(TestRecord<byte[], byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
