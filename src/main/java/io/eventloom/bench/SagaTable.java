package io.eventloom.bench;

import java.util.Locale;

/** The saga scenario as Markdown: orders confirmed per second and the time from placing to confirmation. */
final class SagaTable {

    static final String HEADING = "## Saga: orders placed to confirmed";
    static final String[] HEADERS = {"orders", "confirmed", "cancelled", "seconds", "orders confirmed/s",
        "placed to confirmed p50 (ms)", "placed to confirmed p99 (ms)"};

    private SagaTable() {
    }

    static String render(SagaResult result) {
        SagaPlan plan = result.plan();
        MarkdownTable table = new MarkdownTable(0, HEADERS).row(String.valueOf(plan.orders()),
                String.valueOf(result.confirmed()), String.valueOf(result.cancelled()),
                MarkdownTable.decimal(result.confirmedRate().seconds(), 2),
                MarkdownTable.whole(result.confirmedRate().perSecond()),
                MarkdownTable.decimal(result.placedToConfirmed().p50(), 1),
                MarkdownTable.decimal(result.placedToConfirmed().p99(), 1));
        return MarkdownTable.section(HEADING, String.format(Locale.ROOT, "%d PlaceOrder (one line each, over %d"
                + " customers and %d products created first) produced to the orders topic as fast as the producer"
                + " goes; the order-fulfilment saga approves each with its customer, reserves its stock and confirms"
                + " it. Rate: orders confirmed over the time from the first placed to the last confirmed, after an"
                + " uncounted warm-up of %d orders. Every order is placed at once, so its time to confirmation"
                + " includes the wait behind the orders before it.", plan.orders(), plan.customers(), plan.products(),
                plan.warmupOrders()), table);
    }
}
