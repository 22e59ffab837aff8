package io.eventloom.shop.product;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProductAggregateTest {

    // Union branch order is part of the binary encoding: new payloads may only be appended.
    @Test
    void givenCommandEnvelope_whenPayloadsListed_thenInTheOrderTheyWereAdded() {
        assertThat(payloads(ProductCommandEnvelope.getClassSchema()))
                .containsExactly("CreateProduct", "ChangePrice", "Restock", "ReserveStock", "ReleaseStock",
                        "Discontinue", "SettleReservation");
    }

    @Test
    void givenEventEnvelope_whenPayloadsListed_thenInTheOrderTheyWereAdded() {
        assertThat(payloads(ProductEventEnvelope.getClassSchema()))
                .containsExactly("ProductCreated", "PriceChanged", "StockRestocked", "StockReserved",
                        "StockReleased", "ProductDiscontinued", "ReservationSettled");
    }

    @Test
    void registersAsProductStartingFromNeverCreated() {
        assertThat(ProductAggregate.TYPE.decider().initialState().getStatus()).isEqualTo(ProductStatus.NONE);
        assertThat(ProductAggregate.TYPE.name()).isEqualTo("product");
    }

    private static List<String> payloads(Schema envelope) {
        return envelope.getField("payload").schema().getTypes().stream().map(Schema::getName).toList();
    }
}
