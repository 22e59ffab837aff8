package io.eventloom.shop.product;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.eventloom.shop.EnvelopeConvention.assertCommandEnvelope;
import static io.eventloom.shop.EnvelopeConvention.assertEventEnvelope;
import static org.assertj.core.api.Assertions.assertThat;

class ProductAggregateTest {

    @Test
    void commandEnvelopeFollowsTheRuntimeConvention() {
        assertCommandEnvelope(ProductCommandEnvelope.getClassSchema(), List.of("CreateProduct", "ChangePrice",
                "Restock", "ReserveStock", "ReleaseStock", "Discontinue", "SettleReservation"));
    }

    @Test
    void eventEnvelopeFollowsTheRuntimeConvention() {
        assertEventEnvelope(ProductEventEnvelope.getClassSchema(), List.of("ProductCreated", "PriceChanged",
                "StockRestocked", "StockReserved", "StockReleased", "ProductDiscontinued", "ReservationSettled"));
    }

    @Test
    void registersAsProductStartingFromNeverCreated() {
        assertThat(ProductAggregate.TYPE.decider().initialState().getStatus()).isEqualTo(ProductStatus.NONE);
        assertThat(ProductAggregate.TYPE.name()).isEqualTo("product");
    }
}
