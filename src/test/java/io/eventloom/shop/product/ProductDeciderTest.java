package io.eventloom.shop.product;

import io.eventloom.shop.Amounts;
import io.eventloom.shop.Money;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.stream.Stream;

import static io.eventloom.shop.TestMoney.eur;
import static io.eventloom.shop.TestMoney.usd;
import static io.eventloom.shop.product.ProductTestData.ORDER;
import static io.eventloom.shop.product.ProductTestData.OTHER_ORDER;
import static io.eventloom.shop.product.ProductTestData.SKU;
import static io.eventloom.shop.product.ProductTestData.activeState;
import static io.eventloom.shop.product.ProductTestData.create;
import static io.eventloom.shop.product.ProductTestData.created;
import static io.eventloom.shop.product.ProductTestData.spec;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ProductDeciderTest {

    private final ProductDecider decider = new ProductDecider();

    @Test
    void givenNothing_whenCreate_thenProductCreatedAndActive() {
        spec().when(create(10))
                .thenEvents(created(10))
                .thenState(activeState(10, Map.of()).build());
    }

    @Test
    void givenNothing_whenCreateInACategory_thenProductCreatedInIt() {
        spec().when(new CreateProduct(SKU, "Mug", eur(1299), 10, "kitchen"))
                .thenEvents(new ProductCreated(SKU, "Mug", eur(1299), 10, "kitchen"))
                .thenState(activeState(10, Map.of()).build());
    }

    // What a client written before categories existed sends: the field is absent, so the command holds null.
    @Test
    void givenNothing_whenCreateWithoutCategory_thenProductCreatedWithoutOne() {
        spec().when(new CreateProduct(SKU, "Mug", eur(1299), 10, null))
                .thenEvents(new ProductCreated(SKU, "Mug", eur(1299), 10, null));
    }

    @Test
    void givenNothing_whenCreateWithBlankCategory_thenRejectedValidationFailed() {
        spec().when(new CreateProduct(SKU, "Mug", eur(1299), 10, " "))
                .thenRejected("VALIDATION_FAILED", "category must not be blank when given");
    }

    @Test
    void givenCreatedProduct_whenCreateAgain_thenRejectedAlreadyExists() {
        spec().given(created(10)).when(create(5)).thenRejected("ALREADY_EXISTS", SKU);
    }

    @Test
    void givenNothing_whenCreateWithZeroPrice_thenRejectedValidationFailed() {
        spec().when(new CreateProduct(SKU, "Mug", eur(0), 10, null))
                .thenRejected("VALIDATION_FAILED", "price.amountMinor");
    }

    @Test
    void givenNothing_whenCreateWithPriceOverTheMaximumAmount_thenRejectedNamingTheLimit() {
        spec().when(new CreateProduct(SKU, "Yacht", eur(Amounts.MAX_AMOUNT_MINOR + 1), 1, null))
                .thenRejected("VALIDATION_FAILED", "price.amountMinor must be at most 1000000000000");
    }

    @Test
    void givenNothing_whenCreateWithPriceOfExactlyTheMaximumAmount_thenProductCreated() {
        CreateProduct yacht = new CreateProduct(SKU, "Yacht", eur(Amounts.MAX_AMOUNT_MINOR), 1, null);
        spec().when(yacht).thenEvents(new ProductCreated(SKU, "Yacht", eur(Amounts.MAX_AMOUNT_MINOR), 1, null));
    }

    @Test
    void givenCreatedProduct_whenChangePriceOverTheMaximumAmount_thenRejectedNamingTheLimit() {
        spec().given(created(10)).when(new ChangePrice(eur(Long.MAX_VALUE)))
                .thenRejected("VALIDATION_FAILED", "price.amountMinor must be at most 1000000000000");
    }

    @Test
    void givenNothing_whenCreateWithMalformedCurrency_thenRejectedValidationFailed() {
        spec().when(new CreateProduct(SKU, "Mug", new Money(1299L, "euro"), 10, null))
                .thenRejected("VALIDATION_FAILED", "price.currency");
    }

    @Test
    void givenNothing_whenCreateWithBlankSkuAndNegativeStock_thenRejectedNamingBoth() {
        spec().when(new CreateProduct(" ", "Mug", eur(1299), -1, null))
                .thenRejected("VALIDATION_FAILED", "sku must not be blank")
                .thenRejected("VALIDATION_FAILED", "initialStock must not be negative");
    }

    @Test
    void givenNothing_whenCreateWithZeroStock_thenProductCreated() {
        spec().when(create(0)).thenEvents(created(0));
    }

    static Stream<SpecificRecord> commandsOtherThanCreate() {
        return Stream.of(new ChangePrice(eur(999)), new Restock(5), new ReserveStock(ORDER, 1, null),
                new ReleaseStock(ORDER), new Discontinue(), new SettleReservation(ORDER));
    }

    @ParameterizedTest
    @MethodSource("commandsOtherThanCreate")
    void givenNothing_whenAnyCommandButCreate_thenRejectedNotFound(SpecificRecord command) {
        spec().when(command).thenRejected("NOT_FOUND");
    }

    @Test
    void givenCreatedProduct_whenChangePrice_thenPriceChangedWithPreviousPrice() {
        spec().given(created(10)).when(new ChangePrice(eur(999)))
                .thenEvents(new PriceChanged(eur(999), eur(1299)))
                .thenState(activeState(10, Map.of()).setPrice(eur(999)).build());
    }

    @Test
    void givenCreatedProduct_whenChangePriceToCurrentPrice_thenNothingHappens() {
        spec().given(created(10)).when(new ChangePrice(eur(1299))).thenNothingHappens();
    }

    @Test
    void givenCreatedProduct_whenChangePriceToZero_thenRejectedValidationFailed() {
        spec().given(created(10)).when(new ChangePrice(eur(0))).thenRejected("VALIDATION_FAILED");
    }

    @Test
    void givenDiscontinuedProduct_whenChangePrice_thenRejectedProductDiscontinued() {
        spec().given(created(10), new ProductDiscontinued()).when(new ChangePrice(eur(999)))
                .thenRejected("PRODUCT_DISCONTINUED", SKU);
    }

    @Test
    void givenCreatedProduct_whenRestock_thenStockRestockedAndAvailableGrows() {
        spec().given(created(10)).when(new Restock(5))
                .thenEvents(new StockRestocked(5))
                .thenState(activeState(15, Map.of()).build());
    }

    @Test
    void givenCreatedProduct_whenRestockZero_thenRejectedValidationFailed() {
        spec().given(created(10)).when(new Restock(0)).thenRejected("VALIDATION_FAILED", "quantity");
    }

    @Test
    void givenDiscontinuedProduct_whenRestock_thenRejectedProductDiscontinued() {
        spec().given(created(10), new ProductDiscontinued()).when(new Restock(5)).thenRejected("PRODUCT_DISCONTINUED");
    }

    @Test
    void givenCreatedProduct_whenReserveWithinStock_thenStockReservedAndHeldForOrder() {
        spec().given(created(10)).when(new ReserveStock(ORDER, 3, null))
                .thenEvents(new StockReserved(ORDER, 3))
                .thenState(activeState(7, Map.of(ORDER, 3)).build());
    }

    @Test
    void givenCreatedProduct_whenReserveAllAvailable_thenStockReservedDownToZero() {
        spec().given(created(10)).when(new ReserveStock(ORDER, 10, null))
                .thenEvents(new StockReserved(ORDER, 10))
                .thenState(activeState(0, Map.of(ORDER, 10)).build());
    }

    @Test
    void givenCreatedProduct_whenReserveMoreThanAvailable_thenRejectedOutOfStock() {
        spec().given(created(10)).when(new ReserveStock(ORDER, 11, null)).thenRejected("OUT_OF_STOCK", "out of stock: " + SKU);
    }

    @Test
    void givenStockHeldByAnotherOrder_whenReserveMoreThanRemains_thenRejectedOutOfStock() {
        spec().given(created(10), new StockReserved(OTHER_ORDER, 8)).when(new ReserveStock(ORDER, 3, null))
                .thenRejected("OUT_OF_STOCK", "only 2 available");
    }

    @Test
    void givenReservationForOrder_whenReserveSameOrderAgain_thenNothingHappens() {
        spec().given(created(10), new StockReserved(ORDER, 3)).when(new ReserveStock(ORDER, 3, null)).thenNothingHappens();
    }

    @Test
    void givenReservationForOrder_whenReserveSameOrderWithOtherQuantity_thenRejectedReservationConflict() {
        spec().given(created(10), new StockReserved(ORDER, 3)).when(new ReserveStock(ORDER, 4, null))
                .thenRejected("RESERVATION_CONFLICT", ORDER);
    }

    @Test
    void givenCreatedProduct_whenReserveAtTheCurrentPrice_thenStockReserved() {
        spec().given(created(10)).when(new ReserveStock(ORDER, 3, eur(1299)))
                .thenEvents(new StockReserved(ORDER, 3))
                .thenState(activeState(7, Map.of(ORDER, 3)).build());
    }

    @Test
    void givenPriceChanged_whenReserveAtThePriceTheOrderWasPlacedAt_thenRejectedPriceMismatchNamingBothPrices() {
        spec().given(created(10), new PriceChanged(eur(1300), eur(1299)))
                .when(new ReserveStock(ORDER, 3, eur(1250)))
                .thenRejected("PRICE_MISMATCH", "price changed: MUG-1 costs 13.00 EUR, the order has 12.50 EUR");
    }

    @Test
    void givenCreatedProduct_whenReserveAtTheSameAmountInAnotherCurrency_thenRejectedPriceMismatch() {
        spec().given(created(10)).when(new ReserveStock(ORDER, 3, usd(1299)))
                .thenRejected("PRICE_MISMATCH", "costs 12.99 EUR, the order has 12.99 USD");
    }

    @Test
    void givenCreatedProduct_whenReserveWithoutPrice_thenStockReservedWithNoPriceCheck() {
        spec().given(created(10), new PriceChanged(eur(1300), eur(1299))).when(new ReserveStock(ORDER, 3, null))
                .thenEvents(new StockReserved(ORDER, 3));
    }

    @Test
    void givenReservationForOrder_whenReserveSameOrderAgainAfterAPriceChange_thenNothingHappens() {
        // The repeat of a reservation already held is checked first: the order keeps the units it holds.
        spec().given(created(10), new StockReserved(ORDER, 3), new PriceChanged(eur(1300), eur(1299)))
                .when(new ReserveStock(ORDER, 3, eur(1299)))
                .thenNothingHappens();
    }

    @Test
    void givenReservationForOrder_whenReserveSameOrderWithOtherQuantityAndOldPrice_thenRejectedReservationConflict() {
        spec().given(created(10), new StockReserved(ORDER, 3), new PriceChanged(eur(1300), eur(1299)))
                .when(new ReserveStock(ORDER, 4, eur(1299)))
                .thenRejected("RESERVATION_CONFLICT", ORDER);
    }

    @Test
    void givenTooLittleStock_whenReserveAtAnOldPrice_thenRejectedPriceMismatchAsThePriceIsCheckedFirst() {
        spec().given(created(1)).when(new ReserveStock(ORDER, 3, eur(1250)))
                .thenRejected("PRICE_MISMATCH", "price changed: " + SKU);
    }

    @Test
    void givenCreatedProduct_whenReserveZeroUnitsForBlankOrder_thenRejectedValidationFailed() {
        spec().given(created(10)).when(new ReserveStock("", 0, null))
                .thenRejected("VALIDATION_FAILED", "orderId")
                .thenRejected("VALIDATION_FAILED", "quantity");
    }

    @Test
    void givenDiscontinuedProduct_whenReserve_thenRejectedProductDiscontinued() {
        spec().given(created(10), new ProductDiscontinued()).when(new ReserveStock(ORDER, 1, null))
                .thenRejected("PRODUCT_DISCONTINUED", SKU);
    }

    @Test
    void givenReservationThenDiscontinued_whenReserveSameOrderAgain_thenNothingHappens() {
        spec().given(created(10), new StockReserved(ORDER, 3), new ProductDiscontinued())
                .when(new ReserveStock(ORDER, 3, null))
                .thenNothingHappens();
    }

    @Test
    void givenReservationForOrder_whenRelease_thenStockReleasedWithHeldQuantity() {
        spec().given(created(10), new StockReserved(ORDER, 3), new StockReserved(OTHER_ORDER, 2))
                .when(new ReleaseStock(ORDER))
                .thenEvents(new StockReleased(ORDER, 3))
                .thenState(activeState(8, Map.of(OTHER_ORDER, 2)).build());
    }

    @Test
    void givenNoReservationForOrder_whenRelease_thenNothingHappens() {
        spec().given(created(10), new StockReserved(OTHER_ORDER, 2)).when(new ReleaseStock(ORDER)).thenNothingHappens();
    }

    @Test
    void givenReservationThenDiscontinued_whenRelease_thenStockReleased() {
        spec().given(created(10), new StockReserved(ORDER, 3), new ProductDiscontinued())
                .when(new ReleaseStock(ORDER))
                .thenEvents(new StockReleased(ORDER, 3))
                .thenState(activeState(10, Map.of()).setStatus(ProductStatus.DISCONTINUED).build());
    }

    @Test
    void givenReservationForOrder_whenSettle_thenReservationSettledAndAvailableStockUnchanged() {
        spec().given(created(10), new StockReserved(ORDER, 3), new StockReserved(OTHER_ORDER, 2))
                .when(new SettleReservation(ORDER))
                .thenEvents(new ReservationSettled(ORDER, 3))
                .thenState(activeState(5, Map.of(OTHER_ORDER, 2)).build());
    }

    @Test
    void givenNoReservationForOrder_whenSettle_thenNothingHappens() {
        spec().given(created(10), new StockReserved(OTHER_ORDER, 2)).when(new SettleReservation(ORDER))
                .thenNothingHappens();
    }

    @Test
    void givenSettledReservation_whenSettleAgain_thenNothingHappens() {
        spec().given(created(10), new StockReserved(ORDER, 3), new ReservationSettled(ORDER, 3))
                .when(new SettleReservation(ORDER))
                .thenNothingHappens();
    }

    @Test
    void givenSettledReservation_whenRelease_thenNothingHappensAsTheUnitsAreSold() {
        spec().given(created(10), new StockReserved(ORDER, 3), new ReservationSettled(ORDER, 3))
                .when(new ReleaseStock(ORDER))
                .thenNothingHappens();
    }

    @Test
    void givenReservationThenDiscontinued_whenSettle_thenReservationSettled() {
        spec().given(created(10), new StockReserved(ORDER, 3), new ProductDiscontinued())
                .when(new SettleReservation(ORDER))
                .thenEvents(new ReservationSettled(ORDER, 3))
                .thenState(activeState(7, Map.of()).setStatus(ProductStatus.DISCONTINUED).build());
    }

    @Test
    void givenCreatedProduct_whenDiscontinue_thenProductDiscontinued() {
        spec().given(created(10)).when(new Discontinue())
                .thenEvents(new ProductDiscontinued())
                .thenState(activeState(10, Map.of()).setStatus(ProductStatus.DISCONTINUED).build());
    }

    @Test
    void givenDiscontinuedProduct_whenDiscontinueAgain_thenNothingHappens() {
        spec().given(created(10), new ProductDiscontinued()).when(new Discontinue()).thenNothingHappens();
    }

    @Test
    void whenCommandOfAnotherAggregate_thenIllegalStateException() {
        assertThatIllegalStateException()
                .isThrownBy(() -> decider.decide(new ProductCreated(), decider.initialState()))
                .withMessageContaining("ProductCreated");
    }

    @Test
    void whenEvolvingWithACommand_thenIllegalStateException() {
        assertThatIllegalStateException()
                .isThrownBy(() -> decider.evolve(decider.initialState(), new Discontinue()))
                .withMessageContaining("Discontinue");
    }
}
