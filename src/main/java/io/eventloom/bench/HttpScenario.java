package io.eventloom.bench;

import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * HTTP throughput: Restocks through {@code POST /api/product/{id}/Restock} with a fixed number of requests in
 * flight, level by level, while a probe asks {@code /health/live} every 100 ms. The products are created through
 * the topic first, and a warm-up at the first level is not counted. After each level, as its reference, the same
 * client sends as many {@code GET /health/live} with as many in flight: what HTTP alone costs on this machine.
 */
final class HttpScenario {

    static final String NAME = "http";
    private static final Duration COMMIT_INTERVAL = Duration.ofMillis(100);
    private static final String BODY = "{\"quantity\":1}";

    private final HttpPlan plan;
    private final BenchContext context;
    private final Path dir;

    HttpScenario(HttpPlan plan, BenchContext context) {
        this.plan = plan;
        this.context = context;
        this.dir = context.scenarioDir(NAME);
    }

    HttpResult run() throws InterruptedException {
        AppDeployment deployment = AppDeployment.of(context, "bench-http", plan.partitions(),
                COMMIT_INTERVAL, dir);
        ProductCommands products = new ProductCommands("http", plan.products(), plan.products());
        List<HttpResult.Level> levels = new ArrayList<>();
        try (AppChild app = AppChild.start(deployment, dir.resolve("eventloom.log"), context.log())) {
            new AppCommands(context, app, NAME).products(products, "creating products");
            String authorization = app.authorization();
            int connections = plan.inFlight().stream().mapToInt(Integer::intValue).max().orElse(1);
            try (ClosedLoopHttp load = new ClosedLoopHttp(connections)) {
                LongFunction<Request> restock = i -> load.request(restockUri(app.baseUri(),
                                products.aggregateId(i))).method(HttpMethod.POST)
                        .headers(headers -> headers.put(HttpHeader.AUTHORIZATION, authorization))
                        .body(new StringRequestContent("application/json", BODY));
                if (plan.warmupRequests() > 0) {
                    int inFlight = plan.inFlight().get(0);
                    context.log().printf("[%s] warm-up: %,d requests, %d in flight%n", NAME,
                            plan.warmupRequests(), inFlight);
                    load.run(plan.warmupRequests(), inFlight, restock,
                            context.progress("[" + NAME + "] warm-up", plan.warmupRequests()));
                }
                LongFunction<Request> live = i -> load.request(app.baseUri().resolve(HealthProbe.PATH))
                        .method(HttpMethod.GET);
                for (int inFlight : plan.inFlight()) {
                    levels.add(level(load, inFlight, restock, live, app.baseUri()));
                }
            }
        }
        return new HttpResult(plan, levels);
    }

    private HttpResult.Level level(ClosedLoopHttp load, int inFlight, LongFunction<Request> restock,
                                   LongFunction<Request> live, URI base) throws InterruptedException {
        context.log().printf("[%s] %,d requests, %d in flight%n", NAME, plan.requests(), inFlight);
        ClosedLoopHttp.Outcome outcome;
        HealthProbe.Outcome health;
        try (HealthProbe probe = HealthProbe.start(base)) {
            outcome = load.run(plan.requests(), inFlight, restock,
                    context.progress("[" + NAME + "] " + inFlight + " in flight", plan.requests()));
            health = probe.finish();
        }
        ClosedLoopHttp.Outcome reference = load.run(plan.requests(), inFlight, live,
                context.progress("[" + NAME + "] " + inFlight + " in flight, " + HealthProbe.PATH,
                        plan.requests()));
        context.log().printf("[%s] %d in flight: %,.0f requests/s, p50 %.0f ms, p99 %.0f ms, failed %s;"
                        + " /health/live worst %d ms; %s alone %,.0f requests/s%n", NAME, inFlight,
                outcome.rate().perSecond(), outcome.latency().p50(), outcome.latency().p99(), outcome.failures(),
                health.worst().toMillis(), HealthProbe.PATH, reference.rate().perSecond());
        return new HttpResult.Level(inFlight, plan.requests(), outcome.rate(), outcome.latency(), outcome.failures(),
                health, reference);
    }

    private static URI restockUri(URI base, String productId) {
        return base.resolve("/api/product/" + URLEncoder.encode(productId, StandardCharsets.UTF_8) + "/Restock");
    }
}
