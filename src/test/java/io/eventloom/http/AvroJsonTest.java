package io.eventloom.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventloom.shop.Money;
import io.eventloom.shop.customer.Address;
import io.eventloom.shop.customer.CustomerCommandEnvelope;
import io.eventloom.shop.customer.CustomerEventEnvelope;
import io.eventloom.shop.customer.CustomerState;
import io.eventloom.shop.customer.CustomerStatus;
import io.eventloom.shop.order.OrderLine;
import io.eventloom.shop.order.PlaceOrder;
import io.eventloom.shop.product.CreateProduct;
import io.eventloom.shop.product.ProductState;
import io.eventloom.shop.product.ProductStatus;
import io.eventloom.shop.projection.CustomerRow;
import io.eventloom.shop.projection.OrderSummaryRow;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AvroJsonTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void givenPlainJson_whenRead_thenNestedRecordsAndArraysFilled() throws Exception {
        JsonNode json = mapper.readTree("""
                {"customerId": "c-1", "lines": [
                  {"productId": "p-1", "quantity": 2, "unitPrice": {"amountMinor": 1250, "currency": "EUR"}}]}
                """);

        PlaceOrder order = (PlaceOrder) AvroJson.read(json, PlaceOrder.getClassSchema());

        assertThat(order).isEqualTo(new PlaceOrder("c-1", List.of(new OrderLine("p-1", 2, new Money(1250L, "EUR"))),
                "web"));
    }

    @Test
    void givenRecord_whenWrittenAndReadBack_thenEqual() {
        CreateProduct product = new CreateProduct("SKU-1", "Mug", new Money(900L, "EUR"), 10, null);

        JsonNode json = AvroJson.write(product, CreateProduct.getClassSchema());

        assertThat(json.get("price").get("amountMinor").asLong()).isEqualTo(900);
        assertThat(AvroJson.read(json, CreateProduct.getClassSchema())).isEqualTo(product);
    }

    @Test
    void givenStateWithEnumAndMap_whenWritten_thenPlainJson() {
        ProductState state = ProductState.newBuilder()
                .setSku("SKU-1").setName("Mug").setPrice(new Money(900L, "EUR")).setAvailableStock(3)
                .setReservations(Map.of("o-1", 2)).setStatus(ProductStatus.ACTIVE).build();

        JsonNode json = AvroJson.write(state, ProductState.getClassSchema());

        assertThat(json.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(json.get("reservations").get("o-1").asInt()).isEqualTo(2);
    }

    @Test
    void givenFieldsMarkedPii_whenWrittenMasked_thenEveryStringInThemMaskedAndTheRestAsStored() {
        CustomerState customer = CustomerState.newBuilder().setStatus(CustomerStatus.ACTIVE).setName("Ada")
                .setEmail("ada@example.com").setShippingAddress(new Address("1 Main St", "Springfield", "12345", "US"))
                .build();
        CustomerState noAddress = CustomerState.newBuilder().setStatus(CustomerStatus.ACTIVE).setName("Ada")
                .setEmail("ada@example.com").setShippingAddress(null).build();

        JsonNode masked = AvroJson.write(customer, CustomerState.getClassSchema(), PersonalData.MASKED);
        JsonNode shown = AvroJson.write(customer, CustomerState.getClassSchema(), PersonalData.SHOWN);

        assertThat(masked.toString()).isEqualTo("{\"status\":\"ACTIVE\",\"name\":\"Ada\",\"email\":\"***\","
                + "\"shippingAddress\":{\"street\":\"***\",\"city\":\"***\",\"postalCode\":\"***\",\"country\":\"***\"}}");
        assertThat(shown).isEqualTo(AvroJson.write(customer, CustomerState.getClassSchema()));
        assertThat(shown.path("email").asText()).isEqualTo("ada@example.com");
        assertThat(AvroJson.write(noAddress, CustomerState.getClassSchema(), PersonalData.MASKED)
                .path("shippingAddress").isNull()).as("absent stays absent").isTrue();
    }

    @Test
    void givenTheShopsSchemas_whenTheirFieldsAreListed_thenEveryEmailAndAddressIsMarkedPii() {
        List<Schema> schemas = List.of(CustomerState.getClassSchema(), CustomerEventEnvelope.getClassSchema(),
                CustomerCommandEnvelope.getClassSchema(), CustomerRow.getClassSchema(),
                OrderSummaryRow.getClassSchema());
        List<String> unmarked = new ArrayList<>();
        schemas.forEach(schema -> collectUnmarked(schema, new HashSet<>(), unmarked));

        assertThat(unmarked).isEmpty();
    }

    // Every field whose name speaks of an email or an address must carry the mark, however deep in a union.
    private static void collectUnmarked(Schema schema, Set<String> seen, List<String> unmarked) {
        switch (schema.getType()) {
            case UNION -> schema.getTypes().forEach(branch -> collectUnmarked(branch, seen, unmarked));
            case ARRAY -> collectUnmarked(schema.getElementType(), seen, unmarked);
            case MAP -> collectUnmarked(schema.getValueType(), seen, unmarked);
            case RECORD -> {
                if (!seen.add(schema.getFullName())) {
                    return;
                }
                for (Schema.Field field : schema.getFields()) {
                    String name = field.name().toLowerCase(Locale.ROOT);
                    if ((name.contains("email") || name.contains("address")) && !AvroJson.isPersonal(field)) {
                        unmarked.add(schema.getName() + "." + field.name());
                    }
                    collectUnmarked(field.schema(), seen, unmarked);
                }
            }
            default -> {
            }
        }
    }

    @Test
    void givenWrongTypes_whenRead_thenErrorNamesTheFieldPath() throws Exception {
        assertThatThrownBy(() -> AvroJson.read(mapper.readTree("""
                {"sku": "S", "name": "Mug", "price": {"amountMinor": "a lot", "currency": "EUR"}, "initialStock": 1}
                """), CreateProduct.getClassSchema()))
                .isInstanceOf(InvalidJsonException.class)
                .hasMessage("CreateProduct.price.amountMinor: expected a whole number but got string \"a lot\"");
        assertThatThrownBy(() -> AvroJson.read(mapper.readTree("{\"sku\": \"S\"}"), CreateProduct.getClassSchema()))
                .isInstanceOf(InvalidJsonException.class).hasMessageContaining("CreateProduct.name: required");
        assertThatThrownBy(() -> AvroJson.read(mapper.readTree("""
                {"sku": "S", "name": "M", "price": {"amountMinor": 1, "currency": "EUR"}, "initialStock": 1, "x": 1}
                """), CreateProduct.getClassSchema()))
                .isInstanceOf(InvalidJsonException.class).hasMessageContaining("unknown field 'x'");
    }
}
