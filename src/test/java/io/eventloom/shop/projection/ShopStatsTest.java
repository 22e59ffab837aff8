package io.eventloom.shop.projection;

import io.eventloom.shop.Amounts;
import io.eventloom.shop.AvroSize;
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
    void givenPlacedOrder_thenCountedPlacedButNoRevenue() {
        ShopStatsRow stats = ShopStats.add(ShopStats.empty(), row("o-1", placed()));

        assertThat(stats.getPlaced()).isEqualTo(1);
        assertThat(stats.getConfirmed()).isZero();
        assertThat(stats.getRevenue()).isEmpty();
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
    void givenConfirmedOrderCancelled_thenRevenueIsTakenBack() {
        OrderSummaryRow confirmed = moved(row("o-1", placed()), OrderStatus.CONFIRMED, 2);
        ShopStatsRow stats = ShopStats.add(ShopStats.empty(), confirmed);

        stats = change(stats, confirmed, moved(confirmed, OrderStatus.CANCELLED, 3));

        assertThat(stats.getPlaced()).isEqualTo(1);
        assertThat(stats.getConfirmed()).isZero();
        assertThat(stats.getCancelled()).isEqualTo(1);
        assertThat(stats.getRevenue()).isEmpty();
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
    void given100000OrdersOfDistinctProductsPlacedConfirmedAndShippedOrCancelled_thenRowSizeStaysAsAfterTheFirstTen() {
        ShopStatsRow stats = ShopStats.empty();
        int sizeAfterTen = 0;
        for (int i = 1; i <= 100_000; i++) {
            // A product per order: a row that kept anything per product would grow with every one.
            OrderSummaryRow placed = row("o-" + i, placed("c-" + i, List.of(new OrderLine("p-" + i, 1, eur(3048))),
                    eur(3048)));
            OrderSummaryRow confirmed = moved(placed, OrderStatus.CONFIRMED, 2);
            stats = change(ShopStats.add(stats, placed), placed, confirmed);
            stats = change(stats, confirmed, moved(confirmed, i % 10 == 0 ? OrderStatus.CANCELLED
                    : OrderStatus.SHIPPED, 3));
            if (i == 10) {
                sizeAfterTen = AvroSize.of(stats);
            }
        }

        assertThat(stats.getPlaced()).isEqualTo(100_000);
        assertThat(stats.getShipped()).isEqualTo(90_000);
        assertThat(stats.getCancelled()).isEqualTo(10_000);
        assertThat(stats.getRevenue()).containsExactly(eur(90_000L * 3048));
        // Only varints grow: three counts from 1 to 3 bytes and the revenue from 3 to 5 bytes.
        assertThat(AvroSize.of(stats)).isBetween(sizeAfterTen, sizeAfterTen + 8);
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
        ShopStatsRow corrupt = new ShopStatsRow(0L, 0L, 0L, 0L, 0L, List.of(eur(Long.MIN_VALUE)), 0L);

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
