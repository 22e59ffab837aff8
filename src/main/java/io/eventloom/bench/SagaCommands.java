package io.eventloom.bench;

import io.eventloom.shop.Money;
import io.eventloom.shop.customer.CustomerCommandEnvelope;
import io.eventloom.shop.customer.RegisterCustomer;
import io.eventloom.shop.order.OrderCommandEnvelope;
import io.eventloom.shop.order.OrderLine;
import io.eventloom.shop.order.PlaceOrder;
import io.eventloom.shop.product.CreateProduct;
import io.eventloom.shop.product.ProductCommandEnvelope;

import java.time.Instant;
import java.util.List;

/**
 * The saga scenario's commands: customers, products with stock for every order, and orders of one unit of one
 * product each, spread round-robin over customers and products so that no product holds many reservations.
 */
record SagaCommands(SagaPlan plan) {

    static final Money PRICE = new Money(1_000L, "EUR");
    private static final String RUN = "saga";

    String customerId(long customer) {
        return RUN + "-customer-" + customer;
    }

    String productId(long product) {
        return RUN + "-product-" + product;
    }

    /** The id of an order: its pass ({@code warmup} or {@code measured}) and its index in the pass. */
    static String orderId(String pass, long order) {
        return orderPrefix(pass) + order;
    }

    static String orderPrefix(String pass) {
        return RUN + "-" + pass + "-order-";
    }

    CustomerCommandEnvelope registerCustomer(long customer) {
        String id = customerId(customer);
        return CustomerCommandEnvelope.newBuilder()
                .setCommandId("register-" + id)
                .setAggregateId(id)
                .setIssuedAt(Instant.now())
                .setCorrelationId("register-" + id)
                .setPayload(new RegisterCustomer("Bench customer " + customer, id + "@bench.example"))
                .build();
    }

    ProductCommandEnvelope createProduct(long product) {
        String id = productId(product);
        // Stock enough for every order of both passes, so that no order is refused for want of it.
        int stock = plan.orders() + plan.warmupOrders();
        return ProductCommandEnvelope.newBuilder()
                .setCommandId("create-" + id)
                .setAggregateId(id)
                .setIssuedAt(Instant.now())
                .setCorrelationId("create-" + id)
                .setPayload(new CreateProduct("SAGA-" + product, "Saga product " + product, PRICE, stock, null))
                .build();
    }

    OrderCommandEnvelope placeOrder(String pass, long order) {
        String id = orderId(pass, order);
        return OrderCommandEnvelope.newBuilder()
                .setCommandId("place-" + id)
                .setAggregateId(id)
                .setIssuedAt(Instant.now())
                .setCorrelationId("place-" + id)
                .setPayload(new PlaceOrder(customerId(order % plan.customers()),
                        List.of(new OrderLine(productId(order % plan.products()), 1, PRICE)), "web"))
                .build();
    }
}
