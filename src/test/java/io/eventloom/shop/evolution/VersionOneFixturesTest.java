package io.eventloom.shop.evolution;

import io.eventloom.core.StoredEvent;
import io.eventloom.core.testing.DeciderSpec;
import io.eventloom.serde.AvroSerdeConfig;
import io.eventloom.serde.InMemorySchemaRegistryClient;
import io.eventloom.serde.SpecificAvroSerde;
import io.eventloom.shop.Money;
import io.eventloom.shop.customer.ContactEmailChanged;
import io.eventloom.shop.customer.CustomerAggregate;
import io.eventloom.shop.customer.CustomerDecider;
import io.eventloom.shop.customer.CustomerEventEnvelope;
import io.eventloom.shop.customer.CustomerState;
import io.eventloom.shop.customer.EmailChanged;
import io.eventloom.shop.evolution.VersionOneRecords.Fixture;
import io.eventloom.shop.order.OrderDecider;
import io.eventloom.shop.order.OrderEventEnvelope;
import io.eventloom.shop.order.OrderPlaced;
import io.eventloom.shop.order.OrderState;
import io.eventloom.shop.product.ProductCreated;
import io.eventloom.shop.product.ProductDecider;
import io.eventloom.shop.product.ProductEventEnvelope;
import io.eventloom.shop.product.ProductState;
import io.eventloom.shop.product.ReserveStock;
import io.eventloom.shop.product.StockReserved;
import io.eventloom.testing.AvroBinary;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bytes version 1 of the shop wrote (committed under {@code evolution/v1}), read as today's code reads them:
 * by the runtime's deserializer, which resolves the v1 writer schema to today's generated classes, and folded by
 * today's deciders. No broker: {@code UpgradeFromVersionOneIntegrationTest} does the same on a real one.
 */
class VersionOneFixturesTest {

    /** Makes the fixtures; see {@code src/test/resources/evolution/v1/README.md} for when and how. */
    @Test
    @EnabledIfSystemProperty(named = "eventloom.fixtures.write", matches = "true")
    void whenAskedTo_thenWritesTheFixturesWithTheReleasedSchemas() throws IOException {
        for (Fixture fixture : VersionOneRecords.all()) {
            Path file = Path.of("src", "test", "resources", "evolution", "v1").resolve(fixture.file());
            Files.createDirectories(file.getParent());
            Files.write(file, AvroBinary.encode(fixture.record()));
        }
    }

    @Test
    void givenTheCommittedBytes_whenReadWithTheReleasedSchemas_thenTheyHoldWhatVersionOneWrote() throws IOException {
        for (Fixture fixture : VersionOneRecords.all()) {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(fixture.committedBody(), null);
            GenericRecord read = new GenericDatumReader<GenericRecord>(fixture.schema()).read(null, decoder);
            assertThat(read).as(fixture.file()).isEqualTo(fixture.record());
            assertThat(decoder.isEnd()).as("%s read to its end", fixture.file()).isTrue();
        }
    }

    @Test
    void givenOrderPlacedWrittenByVersionOne_whenReadByTodaysRuntime_thenPlacedOnTheWebAndTheRestAsWritten() {
        OrderEventEnvelope event = read(OrderEventEnvelope.class, VersionOneRecords.orderPlaced());

        OrderPlaced placed = (OrderPlaced) event.getPayload();
        assertThat(placed.getSalesChannel()).isEqualTo("web");
        assertThat(placed.getCustomerId()).isEqualTo(VersionOneRecords.CUSTOMER_ID);
        assertThat(placed.getTotal()).isEqualTo(new Money(2500L, "EUR"));
        assertThat(event.getEventId()).isEqualTo("v1-order-event-1");
    }

    @Test
    void givenProductCreatedWrittenByVersionOne_whenReadByTodaysRuntime_thenWithoutCategoryAndTheRestAsWritten() {
        ProductEventEnvelope event = read(ProductEventEnvelope.class, VersionOneRecords.productCreated());

        ProductCreated created = (ProductCreated) event.getPayload();
        assertThat(created.getCategory()).isNull();
        assertThat(created.getSku()).isEqualTo(VersionOneRecords.SKU);
        assertThat(created.getInitialStock()).isEqualTo(VersionOneRecords.INITIAL_STOCK);
    }

    @Test
    void givenEmailChangedWrittenByVersionOne_whenReadThroughTheCustomerType_thenAContactEmailChanged() {
        CustomerEventEnvelope envelope = read(CustomerEventEnvelope.class, VersionOneRecords.emailChanged());

        StoredEvent event = CustomerAggregate.TYPE.codec().readEvent(envelope);

        assertThat(envelope.getPayload()).as("Avro reads the bytes as the retired type")
                .isInstanceOf(EmailChanged.class);
        assertThat(event.payload()).isEqualTo(new ContactEmailChanged(VersionOneRecords.EMAIL));
        assertThat(event.version()).isEqualTo(2);
        assertThat(event.eventId()).isEqualTo("v1-customer-event-2");
    }

    @Test
    void givenTheEventsVersionOneWrote_whenFoldedByTodaysDeciders_thenEachStateIsTheSnapshotVersionOneStored() {
        ProductDecider products = new ProductDecider();
        OrderDecider orders = new OrderDecider();
        CustomerDecider customers = new CustomerDecider();

        ProductState product = products.evolve(products.initialState(),
                payload(read(ProductEventEnvelope.class, VersionOneRecords.productCreated()).getPayload()));
        OrderState order = orders.evolve(orders.evolve(orders.initialState(),
                        payload(read(OrderEventEnvelope.class, VersionOneRecords.orderPlaced()).getPayload())),
                payload(read(OrderEventEnvelope.class, VersionOneRecords.orderCancelled()).getPayload()));

        // Read as the runtime reads events: through the type's codec, which upcasts the retired EmailChanged.
        CustomerState customer = customers.fold(customers.initialState(), Stream.of(
                        VersionOneRecords.customerRegistered(), VersionOneRecords.emailChanged())
                .map(fixture -> CustomerAggregate.TYPE.codec().readEvent(read(CustomerEventEnvelope.class, fixture))
                        .payload()).toList());

        assertThat(customer).isEqualTo(read(CustomerState.class, VersionOneRecords.customerState()));
        assertThat(product).isEqualTo(read(ProductState.class, VersionOneRecords.productState()));
        assertThat(order).isEqualTo(read(OrderState.class, VersionOneRecords.orderState()));
    }

    @Test
    void givenProductCreatedWrittenByVersionOne_whenStockReservedAtItsPrice_thenStockReserved() {
        ProductCreated created = (ProductCreated) read(ProductEventEnvelope.class,
                VersionOneRecords.productCreated()).getPayload();

        DeciderSpec.of(new ProductDecider()).given(created)
                .when(new ReserveStock("order-1", 2, new Money(VersionOneRecords.UNIT_PRICE_MINOR, "EUR")))
                .thenEvents(new StockReserved("order-1", 2));
    }

    /** The fixture as the runtime's deserializer reads it, the registry holding its v1 schema. */
    private static <T extends SpecificRecord> T read(Class<T> type, Fixture fixture) {
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        int id = registry.register("v1-value", fixture.schema());
        return new SpecificAvroSerde<>(registry, type, AvroSerdeConfig.defaults(), false).deserializer()
                .deserialize("v1", fixture.framedWith(id));
    }

    private static SpecificRecord payload(Object payload) {
        return (SpecificRecord) payload;
    }
}
