package io.eventloom.http;

import io.eventloom.core.AggregateReader;
import io.eventloom.core.CommandGateway;
import io.eventloom.core.CommandTimeoutException;
import io.eventloom.core.Domain;
import io.eventloom.core.HealthCheck;
import io.eventloom.core.ProjectionQueries;
import io.eventloom.core.RuntimeMetrics;
import io.eventloom.core.StoreUnavailableException;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/** The HTTP API: commands, aggregate and projection reads, health, metrics and its OpenAPI description. */
public final class HttpApi implements AutoCloseable {

    /**
     * What the API serves: the domain's runtime pieces (its Kafka Streams applications, whose meters it publishes,
     * and which of them holds a store of each name), the projection reader, what readiness checks (this instance can
     * serve) and what liveness checks (it has not failed for good).
     */
    public record Backend(Domain domain, List<KafkaStreams> applications, Function<String, KafkaStreams> streamsFor,
                          CommandGateway gateway, AggregateReader reader, ProjectionQueries projections,
                          List<HealthCheck> readiness, List<HealthCheck> liveness) {
        public Backend {
            applications = List.copyOf(applications);
            readiness = List.copyOf(readiness);
            liveness = List.copyOf(liveness);
        }

        /** A backend whose every store is in {@code streams}: no projection is read from a rebuilt generation. */
        public Backend(Domain domain, KafkaStreams streams, CommandGateway gateway, AggregateReader reader,
                       ProjectionQueries projections, List<HealthCheck> readiness, List<HealthCheck> liveness) {
            this(domain, List.of(streams), store -> streams, gateway, reader, projections, readiness, liveness);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(HttpApi.class);
    private static final String OPENAPI_RESOURCE = "/openapi.yaml";
    /** A forwarded read may itself wait up to the read wait; this margin covers the hop. */
    private static final Duration FORWARD_MARGIN = Duration.ofSeconds(5);
    private static final Duration IDLE_THREAD = Duration.ofMinutes(1);

    private final Javalin server;
    private final ApiMetrics metrics;
    private final VersionWait wait;
    private final List<Routes.Route> routes;

    private HttpApi(Javalin server, ApiMetrics metrics, VersionWait wait, List<Routes.Route> routes) {
        this.server = server;
        this.metrics = metrics;
        this.wait = wait;
        this.routes = routes;
    }

    /** Starts serving on the settings' address and port, with a Prometheus registry of its own for /metrics. */
    public static HttpApi start(HttpSettings settings, HttpSecurity security, Backend backend) {
        return start(settings, security, backend, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    /**
     * Starts serving on the settings' address and port; returns once it listens. {@code GET /metrics} serves
     * {@code meters}, the app's registry, to which the API adds its own meters.
     */
    public static HttpApi start(HttpSettings settings, HttpSecurity security, Backend backend,
                                PrometheusMeterRegistry meters) {
        HostInfo self = new HostInfo(settings.advertisedHost(), settings.port());
        InstanceRouter router = new InstanceRouter(backend.streamsFor(), self,
                settings.readWait().plus(FORWARD_MARGIN), security.forwardingProof());
        // Answers are built on the server's own pool once what they wait for is there: no request holds a thread
        // while a command is processed or a version is awaited, so /health/* always finds one free.
        QueuedThreadPool pool = new QueuedThreadPool(settings.threads(), HttpSettings.MIN_THREADS,
                (int) IDLE_THREAD.toMillis());
        pool.setName("eventloom-http");
        VersionWait wait = new VersionWait(settings.readWait(), pool, new RuntimeMetrics(meters));
        AggregateRoutes aggregates = new AggregateRoutes(backend.domain(), backend.reader(), router, wait);
        ApiMetrics metrics = new ApiMetrics(meters, backend.applications());
        byte[] openApi = openApi();
        Routes routes = new Routes();
        // Projections first: their literal prefix must win over the /api/{type}/{id} templates.
        new ProjectionRoutes(backend.projections(), router, wait).addTo(routes);
        new CommandRoutes(backend.domain(), backend.gateway(), aggregates, wait, settings.commandTimeout(),
                settings.maxBodyBytes(), pool).addTo(routes);
        aggregates.addTo(routes);
        new HealthRoutes(backend.readiness(), backend.liveness()).addTo(routes);
        metrics.addTo(routes);
        routes.get("/openapi.yaml", Permission.open(), ctx -> ctx.contentType("application/yaml").result(openApi));
        try {
            Javalin server = Javalin.create(config -> {
                config.startup.showJavalinBanner = false;
                config.startup.showOldJavalinVersionWarning = false;
                config.jetty.host = settings.bindAddress().orElse(null);
                config.jetty.port = settings.port();
                config.jetty.threadPool = pool;
                config.jetty.modifyServer(jetty -> jetty.setErrorHandler(new JettyErrors()));
                config.http.maxRequestSize = settings.maxBodyBytes();
                config.router.javaLangErrorHandler(HttpApi::answerError);
                config.requestLogger.http(metrics::record);
                config.routes.before(QueryStrings::requireWellFormed);
                if (!settings.corsOrigins().isEmpty()) {
                    config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> settings.corsOrigins()
                            .forEach(rule::allowHost)));
                }
                routes.addTo(config.routes, new AccessGuard(security));
                mapErrors(config.routes, settings.maxBodyBytes());
            }).start();
            log.info("HTTP API listening on {}:{} (advertised as {})", settings.bindAddress().orElse("all interfaces"),
                    server.port(), settings.applicationServer());
            return new HttpApi(server, metrics, wait, routes.declared());
        } catch (RuntimeException e) {
            metrics.close();
            wait.close();
            throw new IllegalStateException("HTTP API failed to start on port " + settings.port() + ": "
                    + e.getMessage(), e);
        }
    }

    public int port() {
        return server.port();
    }

    /** Every route served, as method and path template. */
    List<Routes.Route> routes() {
        return routes;
    }

    @Override
    public void close() {
        server.stop();
        wait.close();
        metrics.close();
    }

    @Override
    public String toString() {
        return "HTTP API on port " + port();
    }

    private static void mapErrors(RoutesConfig config, long maxBodyBytes) {
        config.exception(ApiError.class, (e, ctx) -> Json.error(ctx, e.status(), e.code(), e.getMessage(),
                e.details()));
        config.exception(InvalidJsonException.class, (e, ctx) -> Json.error(ctx, 400, "invalid_command",
                e.getMessage(), Map.of()));
        config.exception(StoreUnavailableException.class, (e, ctx) -> {
            ctx.header("Retry-After", "1");
            Json.error(ctx, 503, "store_unavailable", e.getMessage(), Map.of());
        });
        config.exception(CommandTimeoutException.class, (e, ctx) -> Json.error(ctx, 504, "command_timeout",
                e.getMessage(), Map.of()));
        config.exception(HttpResponseException.class, (e, ctx) -> Json.error(ctx, e.getStatus(),
                errorCode(e.getStatus()), e.getStatus() == 413 ? "the body is larger than the " + maxBodyBytes
                        + " bytes accepted" : e.getMessage(), Map.of()));
        config.exception(RecordTooLargeException.class, (e, ctx) -> Json.error(ctx, 413, "payload_too_large",
                SendFailures.tooLarge(e), Map.of()));
        config.exception(SerializationException.class, (e, ctx) -> {
            if (!SendFailures.registryUnavailable(e)) {
                internalError(ctx, e);
                return;
            }
            log.warn("Schema registry unavailable for {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            ctx.header("Retry-After", "1");
            // A read meets it decoding what is stored (written with a schema this instance has not fetched yet).
            Json.error(ctx, 503, "registry_unavailable", "the schema registry cannot be reached, so "
                    + (ctx.method() == HandlerType.POST ? "the command cannot be written" : "what is stored cannot"
                    + " be decoded") + "; retry later", Map.of());
        });
        config.exception(Exception.class, (e, ctx) -> internalError(ctx, e));
        config.error(404, ctx -> notFoundUnlessAnswered(ctx));
    }

    /** A bug or an unforeseen failure: logged in full under a reference; the client gets the reference only. */
    private static void internalError(Context ctx, Throwable e) {
        String reference = UUID.randomUUID().toString();
        log.error("HTTP API failed on {} {} (reference {})", ctx.method(), ctx.path(), reference, e);
        Json.error(ctx, 500, "internal_error", internalErrorMessage(reference), Map.of());
    }

    // Errors (a StackOverflowError, an OutOfMemoryError) bypass the exception handlers and reach only this.
    private static void answerError(HttpServletResponse response, Error e) {
        String reference = UUID.randomUUID().toString();
        log.error("HTTP API failed with an error (reference {})", reference, e);
        try {
            response.setStatus(500);
            response.setContentType(Json.CONTENT_TYPE);
            response.getOutputStream().write(Json.MAPPER.writeValueAsBytes(Json.errorBody("internal_error",
                    internalErrorMessage(reference), Map.of())));
        } catch (IOException | IllegalStateException writeFailure) {
            log.warn("Could not answer the failed request (reference {}): {}", reference, writeFailure.getMessage());
        }
    }

    private static String internalErrorMessage(String reference) {
        return "the server failed to answer this request; its log has the details under reference " + reference;
    }

    /** Javalin's own 404 (no route matched) gets a JSON body; a route's own 404 already has one. */
    private static void notFoundUnlessAnswered(Context ctx) {
        if (ctx.result() == null || ctx.result().isEmpty()) {
            Json.error(ctx, 404, "not_found", "no route for " + ctx.method() + " " + ctx.path(), Map.of());
        }
    }

    /** The error code of a status the API, Javalin or Jetty answers without a more specific one. */
    static String errorCode(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "payload_too_large";
            case 414 -> "uri_too_long";
            case 415 -> "unsupported_media_type";
            case 431 -> "headers_too_large";
            case 500 -> "internal_error";
            default -> "http_" + status;
        };
    }

    private static byte[] openApi() {
        try (InputStream in = HttpApi.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(OPENAPI_RESOURCE + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + OPENAPI_RESOURCE, e);
        }
    }
}
