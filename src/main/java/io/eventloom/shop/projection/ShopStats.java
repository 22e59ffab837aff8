package io.eventloom.shop.projection;

import io.eventloom.core.ProjectionType;
import io.eventloom.shop.Money;
import io.eventloom.shop.order.OrderStatus;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code shop-stats} projection: one row, key {@value #KEY}, with order counts and revenue per currency; every
 * order row regrouped into that one key. It holds nothing per order or per product, so its size depends only on the
 * number of currencies, not on the age of the shop (units per product are {@link ProductSales}, the best sellers
 * {@link TopProducts}). Its {@code version} is that of the order whose change last updated it.
 *
 * <p>Sums are exact ({@link Math#addExact}): with every order total capped at
 * {@link io.eventloom.shop.Amounts#MAX_AMOUNT_MINOR} a sum cannot overflow in practice, and if it ever did, the
 * update throws rather than store a wrapped, negative revenue (the runtime then dead-letters that update).
 */
public final class ShopStats {

    public static final String KEY = "all";
    public static final ProjectionType<ShopStatsRow> TYPE = ProjectionType.regroup("shop-stats", ShopStatsRow.class,
            OrderSummary.ORDER_ROWS, order -> KEY, ShopStats::empty, ShopStats::add, ShopStats::remove);

    // Revenue is earned once an order is confirmed, and lost again only if it is cancelled before shipping.
    private static final Set<OrderStatus> EARNING = EnumSet.of(OrderStatus.CONFIRMED, OrderStatus.SHIPPED,
            OrderStatus.DELIVERED);

    private ShopStats() {
    }

    static ShopStatsRow empty() {
        return new ShopStatsRow(0L, 0L, 0L, 0L, 0L, List.of(), 0L);
    }

    /** The statistics with the order as it is now counted in. */
    static ShopStatsRow add(ShopStatsRow stats, OrderSummaryRow order) {
        return apply(stats, order, 1, order.getVersion());
    }

    /** The statistics with the order as it was counted out again. */
    static ShopStatsRow remove(ShopStatsRow stats, OrderSummaryRow order) {
        return apply(stats, order, -1, stats.getVersion());
    }

    private static ShopStatsRow apply(ShopStatsRow stats, OrderSummaryRow order, int sign, long version) {
        OrderStatus status = order.getStatus();
        return ShopStatsRow.newBuilder()
                .setPlaced(stats.getPlaced() + sign)
                .setConfirmed(stats.getConfirmed() + (status == OrderStatus.CONFIRMED ? sign : 0))
                .setShipped(stats.getShipped() + (status == OrderStatus.SHIPPED ? sign : 0))
                .setDelivered(stats.getDelivered() + (status == OrderStatus.DELIVERED ? sign : 0))
                .setCancelled(stats.getCancelled() + (status == OrderStatus.CANCELLED ? sign : 0))
                .setRevenue(EARNING.contains(status) ? revenue(stats.getRevenue(), order.getTotal(), sign)
                        : stats.getRevenue())
                .setVersion(version)
                .build();
    }

    private static List<Money> revenue(List<Money> revenue, Money total, int sign) {
        Map<String, Long> byCurrency = new TreeMap<>();
        revenue.forEach(money -> byCurrency.put(money.getCurrency(), money.getAmountMinor()));
        long before = byCurrency.getOrDefault(total.getCurrency(), 0L);
        byCurrency.put(total.getCurrency(), sign > 0 ? Math.addExact(before, total.getAmountMinor())
                : Math.subtractExact(before, total.getAmountMinor()));
        byCurrency.values().removeIf(amount -> amount == 0);
        return byCurrency.entrySet().stream().map(entry -> new Money(entry.getValue(), entry.getKey())).toList();
    }
}
