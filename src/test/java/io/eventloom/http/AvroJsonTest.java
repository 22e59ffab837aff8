package io.eventloom.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventloom.shop.Money;
import io.eventloom.shop.order.OrderLine;
import io.eventloom.shop.order.PlaceOrder;
import io.eventloom.shop.product.CreateProduct;
import io.eventloom.shop.product.ProductState;
import io.eventloom.shop.product.ProductStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

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

        assertThat(order).isEqualTo(new PlaceOrder("c-1", List.of(new OrderLine("p-1", 2, new Money(1250L, "EUR")))));
    }

    @Test
    void givenRecord_whenWrittenAndReadBack_thenEqual() {
        CreateProduct product = new CreateProduct("SKU-1", "Mug", new Money(900L, "EUR"), 10);

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
