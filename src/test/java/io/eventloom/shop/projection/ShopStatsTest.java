package io.eventloom.shop.projection;

import io.eventloom.shop.Amounts;
import io.eventloom.shop.order.OrderLine;
import io.eventloom.shop.order.OrderStatus;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.eventloom.shop.TestMoney.eur;
import static io.eventloom.shop.TestMoney.usd;
import static io.eventloom.shop.projection.OrderRowsFixture.moved;
import static io.eventloom.shop.projection.OrderRowsFixture.placed;
import static io.eventloom.shop.projection.OrderRowsFixture.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShopStatsTest {

    @Test
    void givenPlacedOrder_thenCountedPlacedWithItsProductsButNoRevenue() {
        ShopStatsRow stats = ShopStats.add(ShopStats.empty(), row("o-1", placed()));

        assertThat(stats.getPlaced()).isEqualTo(1);
        assertThat(stats.getConfirmed()).isZero();
        assertThat(stats.getRevenue()).isEmpty();
        assertThat(stats.getTopProducts()).containsExactly(new ProductQuantity("mug", 2L),
                new ProductQuantity("tea", 1L));
    }

    @Test
    void givenOrderConfirmed_whenOldSubtractedAndNewAdded_thenConfirmedWithRevenue() {
        OrderSummaryRow placed = row("o-1", placed());
        ShopStatsRow stats = ShopStats.add(ShopStats.empty(), placed);

        stats = change(stats, placed, moved(placed, OrderStatus.CONFIRMED, 2));

        assertThat(stats.getPlaced()).isEqualTo(1);
        assertThat(stats.getConfirmed()).isEqualTo(1);
        assertThat(stats.getRevenue()).containsExactly(eur(3048));
        assertThat(stats.getVersion()).isEqualTo(2);
    }

    @Test
    void givenConfirmedOrderCancelled_thenRevenueAndProductsAreTakenBack() {
        OrderSummaryRow confirmed = moved(row("o-1", placed()), OrderStatus.CONFIRMED, 2);
        ShopStatsRow stats = ShopStats.add(ShopStats.empty(), confirmed);

        stats = change(stats, confirmed, moved(confirmed, OrderStatus.CANCELLED, 3));

        assertThat(stats.getPlaced()).isEqualTo(1);
        assertThat(stats.getConfirmed()).isZero();
        assertThat(stats.getCancelled()).isEqualTo(1);
        assertThat(stats.getRevenue()).isEmpty();
        assertThat(stats.getTopProducts()).isEmpty();
    }

    @Test
    void givenOrdersInTwoCurrencies_thenRevenueIsKeptPerCurrency() {
        OrderSummaryRow inEuro = moved(row("o-1", placed()), OrderStatus.SHIPPED, 3);
        OrderSummaryRow inDollars = moved(row("o-2", placed("c-2", List.of(new OrderLine("mug", 1, usd(1500))),
                usd(1500))), OrderStatus.DELIVERED, 4);

        ShopStatsRow stats = ShopStats.add(ShopStats.add(ShopStats.empty(), inEuro), inDollars);

        assertThat(stats.getRevenue()).containsExactly(eur(3048), usd(1500));
        assertThat(stats.getShipped()).isEqualTo(1);
        assertThat(stats.getDelivered()).isEqualTo(1);
    }

    @Test
    void givenSevenProducts_thenTopProductsAreTheFiveMostOrdered() {
        ShopStatsRow stats = ShopStats.empty();
        for (int i = 1; i <= 7; i++) {
            List<OrderLine> lines = List.of(new OrderLine("p-" + i, i, eur(100)));
            stats = ShopStats.add(stats, row("o-" + i, placed("c-1", lines, eur(100L * i))));
        }

        assertThat(stats.getTopProducts()).extracting(ProductQuantity::getProductId)
                .containsExactly("p-7", "p-6", "p-5", "p-4", "p-3");
        assertThat(stats.getQuantities()).hasSize(7).containsEntry("p-1", 1L);
    }

    @Test
    void givenTwoConfirmedOrdersOfTheMaximumAmount_thenRevenueIsTheirExactSum() {
        ShopStatsRow stats = ShopStats.add(ShopStats.add(ShopStats.empty(), confirmedOrder("o-1",
                Amounts.MAX_AMOUNT_MINOR)), confirmedOrder("o-2", Amounts.MAX_AMOUNT_MINOR));

        assertThat(stats.getRevenue()).containsExactly(eur(2 * Amounts.MAX_AMOUNT_MINOR));
    }

    @Test
    void givenTwoConfirmedOrdersWhoseRevenueOverflowsALong_thenTheUpdateFailsRatherThanWrapToNegative() {
        // Orders recorded before the amount cap existed: the sum must never silently wrap.
        ShopStatsRow one = ShopStats.add(ShopStats.empty(), confirmedOrder("o-1", 5_000_000_000_000_000_000L));

        assertThatThrownBy(() -> ShopStats.add(one, confirmedOrder("o-2", 5_000_000_000_000_000_000L)))
                .isInstanceOf(ArithmeticException.class);
        assertThat(one.getRevenue()).containsExactly(eur(5_000_000_000_000_000_000L));
    }

    @Test
    void givenRevenueOfLongMinimum_whenAConfirmedOrderIsTakenBack_thenTheUpdateFailsRatherThanWrap() {
        OrderSummaryRow order = confirmedOrder("o-1", 1);
        ShopStatsRow corrupt = ShopStatsRow.newBuilder(ShopStats.empty())
                .setRevenue(List.of(eur(Long.MIN_VALUE))).build();

        assertThatThrownBy(() -> ShopStats.remove(corrupt, order)).isInstanceOf(ArithmeticException.class);
    }

    private static OrderSummaryRow confirmedOrder(String orderId, long totalMinor) {
        List<OrderLine> lines = List.of(new OrderLine("yacht", 1, eur(totalMinor)));
        return moved(row(orderId, placed("c-1", lines, eur(totalMinor))), OrderStatus.CONFIRMED, 2);
    }

    private static ShopStatsRow change(ShopStatsRow stats, OrderSummaryRow before, OrderSummaryRow after) {
        return ShopStats.add(ShopStats.remove(stats, before), after);
    }
}
