package io.eventloom.bench;

import io.eventloom.shop.customer.CustomerCommandEnvelope;
import io.eventloom.shop.order.OrderCancelled;
import io.eventloom.shop.order.OrderCommandEnvelope;
import io.eventloom.shop.order.OrderConfirmed;
import io.eventloom.shop.order.OrderEventEnvelope;
import io.eventloom.shop.product.ProductCommandEnvelope;
import org.HdrHistogram.Histogram;
import org.apache.kafka.common.serialization.Deserializer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The order-fulfilment saga end to end: customers and products created first, then orders placed on the orders
 * topic as fast as the producer goes, and each order followed on {@code shop.order.events} until it is confirmed
 * (approved by its customer, stock reserved) or cancelled. A warm-up pass of a tenth of the orders is not counted.
 * Every order is placed at once, so its time to confirmation includes the wait behind the orders placed before it.
 */
final class SagaScenario {

    static final String NAME = "saga";
    private static final Duration COMMIT_INTERVAL = Duration.ofMillis(100);
    private static final Duration STALL_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final String CUSTOMER = "customer";
    private static final String ORDER = "order";

    private final SagaPlan plan;
    private final SagaCommands commands;
    private final BenchContext context;
    private final Path dir;

    SagaScenario(SagaPlan plan, BenchContext context) {
        this.plan = plan;
        this.commands = new SagaCommands(plan);
        this.context = context;
        this.dir = context.scenarioDir(NAME);
    }

    SagaResult run() throws InterruptedException {
        AppDeployment deployment = AppDeployment.of(context, "bench-saga", plan.partitions(),
                COMMIT_INTERVAL, dir);
        try (AppChild app = AppChild.start(deployment, dir.resolve("eventloom.log"), context.log())) {
            AppCommands setup = new AppCommands(context, app, NAME);
            setup.send(CUSTOMER, plan.customers(), commands::customerId, commands::registerCustomer,
                    CustomerCommandEnvelope.class, "registering customers");
            setup.send(AppCommands.PRODUCT, plan.products(), commands::productId, commands::createProduct,
                    ProductCommandEnvelope.class, "creating products");
            pass(app, "warmup", plan.warmupOrders());
            return pass(app, "measured", plan.orders());
        }
    }

    private SagaResult pass(AppChild app, String pass, int orders) throws InterruptedException {
        String eventsTopic = app.deployment().topics().events(ORDER);
        Deserializer<OrderEventEnvelope> decoder = context.serdes().specificValue(OrderEventEnvelope.class)
                .deserializer();
        Outcomes outcomes = new Outcomes(SagaCommands.orderPrefix(pass), orders);
        try (TopicTail tail = TopicTail.start(app.deployment().bootstrapServers(), eventsTopic,
                record -> outcomes.see(decoder.deserialize(eventsTopic, record.value())))) {
            context.log().printf("[%s] %s: placing %,d orders%n", NAME, pass, orders);
            long started = System.nanoTime();
            context.load().sendAvro(app.deployment().topics().commands(ORDER), orders,
                    i -> SagaCommands.orderId(pass, i), i -> {
                        outcomes.placed(i);
                        return commands.placeOrder(pass, i);
                    }, OrderCommandEnvelope.class);
            awaitSettled(app, tail, outcomes, orders, pass);
            Rate rate = new Rate(outcomes.confirmed.get(), Duration.ofNanos(outcomes.lastAt.get() - started));
            SagaResult result = new SagaResult(plan, outcomes.confirmed.get(), outcomes.cancelled.get(), rate,
                    outcomes.summary());
            context.log().printf("[%s] %s: %,d confirmed, %,d cancelled in %.1f s: %,.0f orders confirmed/s, p50"
                            + " %.0f ms, p99 %.0f ms%n", NAME, pass, result.confirmed(), result.cancelled(),
                    rate.seconds(), rate.perSecond(), result.placedToConfirmed().p50(),
                    result.placedToConfirmed().p99());
            return result;
        }
    }

    // Until every order is confirmed or cancelled; fails when the app dies or no order settles for a long time.
    private void awaitSettled(AppChild app, TopicTail tail, Outcomes outcomes, int orders, String pass)
            throws InterruptedException {
        Progress progress = context.progress("[" + NAME + "] " + pass + ": orders confirmed or cancelled", orders);
        long lastChange = System.nanoTime();
        long last = 0;
        while (outcomes.settled() < orders) {
            tail.failure().ifPresent(e -> {
                throw new IllegalStateException("reading the order events failed", e);
            });
            if (!app.isAlive()) {
                throw new IllegalStateException("Eventloom died at " + outcomes.settled() + "/" + orders + " orders");
            }
            long settled = outcomes.settled();
            if (settled != last) {
                last = settled;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > STALL_TIMEOUT.toNanos()) {
                throw new IllegalStateException("no order settled for " + STALL_TIMEOUT + " at " + settled + "/"
                        + orders);
            }
            progress.update(settled);
            Thread.sleep(POLL.toMillis());
        }
    }

    /** What became of one pass's orders, as their events arrive. */
    private static final class Outcomes {

        private final String prefix;
        private final AtomicLongArray placedAt;
        private final Histogram latencies = LatencySummary.histogram();
        private final AtomicLong confirmed = new AtomicLong();
        private final AtomicLong cancelled = new AtomicLong();
        private final AtomicLong lastAt = new AtomicLong();

        Outcomes(String prefix, int orders) {
            this.prefix = prefix;
            this.placedAt = new AtomicLongArray(orders);
        }

        void placed(long order) {
            placedAt.set((int) order, System.nanoTime());
        }

        void see(OrderEventEnvelope event) {
            long now = System.nanoTime();
            if (!event.getAggregateId().startsWith(prefix)) {
                return;
            }
            int order = Integer.parseInt(event.getAggregateId().substring(prefix.length()));
            if (event.getPayload() instanceof OrderConfirmed) {
                synchronized (latencies) {
                    LatencySummary.recordNanos(latencies, now - placedAt.get(order));
                }
                confirmed.incrementAndGet();
                lastAt.set(now);
            } else if (event.getPayload() instanceof OrderCancelled) {
                cancelled.incrementAndGet();
                lastAt.set(now);
            }
        }

        long settled() {
            return confirmed.get() + cancelled.get();
        }

        LatencySummary summary() {
            synchronized (latencies) {
                return LatencySummary.of(latencies);
            }
        }
    }
}
