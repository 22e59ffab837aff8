package io.eventloom.shop.evolution;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What version 1 of the shop wrote for one product, one order and its customer, built on the schemas it was released with
 * ({@code schema-history}): each event as appended, and each aggregate's last snapshot. Their Avro bodies are
 * committed under {@code evolution/v1} (its README says how they were made); tests read those bytes and compare
 * them with these records, they never encode them again.
 */
final class VersionOneRecords {

    static final String PRODUCT_ID = "v1-mug";
    static final String SKU = "V1-MUG";
    static final String PRODUCT_NAME = "Mug sold by version 1";
    static final long UNIT_PRICE_MINOR = 1250;
    static final int INITIAL_STOCK = 5;
    static final String ORDER_ID = "v1-order";
    static final String CUSTOMER_ID = "v1-customer";
    static final int QUANTITY = 2;
    static final String CANCELLATION_REASON = "changed my mind";
    static final String CUSTOMER_NAME = "Grace Hopper";
    static final String FIRST_EMAIL = "grace@example.com";
    static final String EMAIL = "grace@navy.example";

    static final String PRODUCT_EVENTS = "shop/product/ProductEventEnvelope";
    static final String PRODUCT_STATE = "shop/product/ProductState";
    static final String ORDER_EVENTS = "shop/order/OrderEventEnvelope";
    static final String ORDER_STATE = "shop/order/OrderState";
    static final String CUSTOMER_EVENTS = "shop/customer/CustomerEventEnvelope";
    static final String CUSTOMER_STATE = "shop/customer/CustomerState";

    /**
     * One record version 1 wrote: its aggregate and the version it is at, the released schema it was written with
     * (a path under {@code schema-history} without {@code .v1.avsc}) and the file its body is committed in.
     */
    record Fixture(String aggregateId, long version, String schemaPath, String file, GenericRecord record) {

        Schema schema() {
            return released(schemaPath);
        }

        /** The committed Avro body, as version 1 encoded it. */
        byte[] committedBody() {
            return resource("/evolution/v1/" + file);
        }

        /** The committed body in Confluent's wire format: magic byte 0, the schema id (4 bytes, big-endian). */
        byte[] framedWith(int schemaId) {
            byte[] body = committedBody();
            return ByteBuffer.allocate(5 + body.length).put((byte) 0).putInt(schemaId).put(body).array();
        }
    }

    private VersionOneRecords() {
    }

    static Fixture productCreated() {
        Schema envelope = released(PRODUCT_EVENTS);
        Schema created = branch(envelope, "ProductCreated");
        GenericRecord payload = new GenericRecordBuilder(created)
                .set("sku", SKU)
                .set("name", PRODUCT_NAME)
                .set("price", money(created.getField("price").schema(), UNIT_PRICE_MINOR))
                .set("initialStock", INITIAL_STOCK)
                .build();
        return new Fixture(PRODUCT_ID, 1, PRODUCT_EVENTS, "product/v1-mug.event-1.ProductCreated.avro",
                event(envelope, PRODUCT_ID, 1, "2025-03-01T09:00:00Z", "create-v1-mug", payload));
    }

    static Fixture productState() {
        Schema state = released(PRODUCT_STATE);
        Schema money = nonNull(state.getField("price").schema());
        GenericRecord record = new GenericRecordBuilder(state)
                .set("status", new GenericData.EnumSymbol(state.getField("status").schema(), "ACTIVE"))
                .set("sku", SKU)
                .set("name", PRODUCT_NAME)
                .set("price", money(money, UNIT_PRICE_MINOR))
                .set("availableStock", (long) INITIAL_STOCK)
                .set("reservations", Map.of())
                .build();
        return new Fixture(PRODUCT_ID, 1, PRODUCT_STATE, "product/v1-mug.state-1.avro", record);
    }

    static Fixture orderPlaced() {
        Schema envelope = released(ORDER_EVENTS);
        Schema placed = branch(envelope, "OrderPlaced");
        GenericRecord payload = new GenericRecordBuilder(placed)
                .set("customerId", CUSTOMER_ID)
                .set("lines", List.of(line(placed.getField("lines").schema().getElementType())))
                .set("total", money(placed.getField("total").schema(), QUANTITY * UNIT_PRICE_MINOR))
                .build();
        return new Fixture(ORDER_ID, 1, ORDER_EVENTS, "order/v1-order.event-1.OrderPlaced.avro",
                event(envelope, ORDER_ID, 1, "2025-03-01T10:00:00Z", "place-v1-order", payload));
    }

    static Fixture orderCancelled() {
        Schema envelope = released(ORDER_EVENTS);
        GenericRecord payload = new GenericRecordBuilder(branch(envelope, "OrderCancelled"))
                .set("reason", CANCELLATION_REASON)
                .build();
        return new Fixture(ORDER_ID, 2, ORDER_EVENTS, "order/v1-order.event-2.OrderCancelled.avro",
                event(envelope, ORDER_ID, 2, "2025-03-01T10:05:00Z", "cancel-v1-order", payload));
    }

    static Fixture orderState() {
        Schema state = released(ORDER_STATE);
        Schema money = nonNull(state.getField("total").schema());
        GenericRecord record = new GenericRecordBuilder(state)
                .set("status", new GenericData.EnumSymbol(state.getField("status").schema(), "CANCELLED"))
                .set("customerId", CUSTOMER_ID)
                .set("lines", List.of(line(state.getField("lines").schema().getElementType())))
                .set("total", money(money, QUANTITY * UNIT_PRICE_MINOR))
                .set("trackingNumber", null)
                .set("cancellationReason", CANCELLATION_REASON)
                .build();
        return new Fixture(ORDER_ID, 2, ORDER_STATE, "order/v1-order.state-2.avro", record);
    }

    static Fixture customerRegistered() {
        Schema envelope = released(CUSTOMER_EVENTS);
        GenericRecord payload = new GenericRecordBuilder(branch(envelope, "CustomerRegistered"))
                .set("name", CUSTOMER_NAME)
                .set("email", FIRST_EMAIL)
                .build();
        return new Fixture(CUSTOMER_ID, 1, CUSTOMER_EVENTS, "customer/v1-customer.event-1.CustomerRegistered.avro",
                event(envelope, CUSTOMER_ID, 1, "2025-03-01T08:00:00Z", "register-v1-customer", payload));
    }

    /** An event of a type retired since: today's app reads it only through its upcaster. */
    static Fixture emailChanged() {
        Schema envelope = released(CUSTOMER_EVENTS);
        GenericRecord payload = new GenericRecordBuilder(branch(envelope, "EmailChanged"))
                .set("email", EMAIL)
                .set("previousEmail", FIRST_EMAIL)
                .build();
        return new Fixture(CUSTOMER_ID, 2, CUSTOMER_EVENTS, "customer/v1-customer.event-2.EmailChanged.avro",
                event(envelope, CUSTOMER_ID, 2, "2025-03-01T08:30:00Z", "change-email-v1-customer", payload));
    }

    static Fixture customerState() {
        Schema state = released(CUSTOMER_STATE);
        GenericRecord record = new GenericRecordBuilder(state)
                .set("status", new GenericData.EnumSymbol(state.getField("status").schema(), "ACTIVE"))
                .set("name", CUSTOMER_NAME)
                .set("email", EMAIL)
                .set("shippingAddress", null)
                .build();
        return new Fixture(CUSTOMER_ID, 2, CUSTOMER_STATE, "customer/v1-customer.state-2.avro", record);
    }

    /** Every event version 1 appended, in the order it appended them. */
    static List<Fixture> events() {
        return List.of(customerRegistered(), emailChanged(), productCreated(), orderPlaced(), orderCancelled());
    }

    /** Each aggregate's snapshot as version 1 left it. */
    static List<Fixture> states() {
        return List.of(customerState(), productState(), orderState());
    }

    static List<Fixture> all() {
        return Stream.concat(events().stream(), states().stream()).toList();
    }

    /** The released (version 1) schema, whole, as the registry holds it. */
    static Schema released(String schemaPath) {
        return new Schema.Parser().parse(new String(resource("/schema-history/" + schemaPath + ".v1.avsc"),
                StandardCharsets.UTF_8));
    }

    private static GenericRecord event(Schema envelope, String aggregateId, long version, String occurredAt,
                                       String commandId, GenericRecord payload) {
        return new GenericRecordBuilder(envelope)
                .set("eventId", aggregateId + "-event-" + version)
                .set("aggregateId", aggregateId)
                .set("version", version)
                .set("occurredAt", Instant.parse(occurredAt).toEpochMilli())
                .set("commandId", commandId)
                .set("correlationId", commandId)
                .set("causationId", commandId)
                .set("payload", payload)
                .build();
    }

    private static GenericRecord line(Schema orderLine) {
        return new GenericRecordBuilder(orderLine)
                .set("productId", PRODUCT_ID)
                .set("quantity", QUANTITY)
                .set("unitPrice", money(orderLine.getField("unitPrice").schema(), UNIT_PRICE_MINOR))
                .build();
    }

    private static GenericRecord money(Schema money, long amountMinor) {
        return new GenericRecordBuilder(money).set("amountMinor", amountMinor).set("currency", "EUR").build();
    }

    private static Schema branch(Schema envelope, String name) {
        return envelope.getField("payload").schema().getTypes().stream()
                .filter(type -> type.getName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(envelope.getName() + " has no payload " + name));
    }

    private static Schema nonNull(Schema union) {
        return union.getTypes().stream().filter(type -> type.getType() != Schema.Type.NULL).findFirst().orElseThrow();
    }

    private static byte[] resource(String name) {
        try (InputStream in = VersionOneRecords.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
