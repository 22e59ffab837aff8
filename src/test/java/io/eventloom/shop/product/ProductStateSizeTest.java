package io.eventloom.shop.product;

import io.eventloom.core.Decision;
import io.eventloom.shop.AvroSize;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static io.eventloom.shop.TestMoney.eur;
import static io.eventloom.shop.product.ProductTestData.SKU;
import static org.assertj.core.api.Assertions.assertThat;

/** A product over months of traffic: shipped orders are settled, so its state holds only the orders in flight. */
class ProductStateSizeTest {

    private static final int ORDERS = 100_000;

    private final ProductDecider decider = new ProductDecider();

    // Before reservations were settled this fold took over a minute (every event copied a map of every order ever
    // reserved) and left a state of 1.29 MB, over the log's record limit; the timeout guards against that again.
    @Test
    @Timeout(60)
    void givenProductWith100000OrdersReservedAndShipped_thenStateSizeStaysAsAfterTheFirstTen() {
        ProductState state = decide(decider.initialState(), new CreateProduct(SKU, "Mug", eur(1299), 1_000_000, null));
        int sizeAfterTen = 0;
        for (int i = 1; i <= ORDERS; i++) {
            String order = "order-" + i;
            state = decide(state, new ReserveStock(order, 1, null));
            state = decide(state, new SettleReservation(order));
            if (i == 10) {
                sizeAfterTen = AvroSize.of(state);
            }
        }

        assertThat(state.getReservations()).isEmpty();
        assertThat(state.getAvailableStock()).isEqualTo(1_000_000 - ORDERS);
        // Only the available stock's varint may differ: 999,990 and 900,000 both take three bytes.
        assertThat(AvroSize.of(state)).isBetween(sizeAfterTen - 4, sizeAfterTen + 4);
    }

    private ProductState decide(ProductState state, SpecificRecord command) {
        Decision<SpecificRecord> decision = decider.decide(command, state);
        assertThat(decision).as("%s", command).isInstanceOf(Decision.Accepted.class);
        return decider.fold(state, ((Decision.Accepted<SpecificRecord>) decision).events());
    }
}
