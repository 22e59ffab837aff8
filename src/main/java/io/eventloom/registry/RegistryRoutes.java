package io.eventloom.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import org.eclipse.jetty.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The Confluent Schema Registry REST API (v1) over a {@link RegistryService}. */
final class RegistryRoutes {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Logger log = LoggerFactory.getLogger(RegistryRoutes.class);

    private final RegistryService service;
    private final ObjectMapper json;
    private final RegistryAccess access;

    RegistryRoutes(RegistryService service, ObjectMapper json, RegistryAccess access) {
        this.service = service;
        this.json = json;
        this.access = access;
    }

    void addTo(RoutesConfig routes) {
        read(routes, "/", ctx -> respond(ctx, Map.of()));
        read(routes, "/schemas/types", ctx -> respond(ctx, List.of("AVRO")));
        read(routes, "/schemas/ids/{id}", ctx -> respond(ctx, Map.of("schema",
                service.schemaText(schemaId(ctx)))));
        read(routes, "/schemas/ids/{id}/versions", ctx -> respond(ctx, service.versionsOf(schemaId(ctx)).stream()
                .map(v -> Map.of("subject", v.subject(), "version", v.version())).toList()));

        read(routes, "/subjects", ctx -> respond(ctx, service.subjects(deleted(ctx))));
        read(routes, "/subjects/{subject}/versions", ctx -> respond(ctx,
                service.versions(subject(ctx), deleted(ctx))));
        read(routes, "/subjects/{subject}/versions/{version}", ctx -> respond(ctx,
                versioned(service.version(subject(ctx), ctx.pathParam("version"), deleted(ctx)))));
        read(routes, "/subjects/{subject}/versions/{version}/schema", ctx -> ctx.contentType(CONTENT_TYPE)
                .result(service.version(subject(ctx), ctx.pathParam("version"), deleted(ctx)).schema()));
        routes.post("/subjects/{subject}/versions", mutation(ctx -> respond(ctx,
                Map.of("id", service.register(subject(ctx), schemaRequest(ctx))))));
        // A lookup and a compatibility check change nothing, so they are reads although they are POSTs.
        routes.post("/subjects/{subject}", reading(ctx -> respond(ctx,
                versioned(service.lookup(subject(ctx), schemaRequest(ctx))))));
        routes.delete("/subjects/{subject}", mutation(ctx -> respond(ctx, permanent(ctx)
                ? service.deleteSubjectPermanently(subject(ctx)) : service.deleteSubject(subject(ctx)))));
        routes.delete("/subjects/{subject}/versions/{version}", mutation(ctx -> respond(ctx, permanent(ctx)
                ? service.deleteVersionPermanently(subject(ctx), ctx.pathParam("version"))
                : service.deleteVersion(subject(ctx), ctx.pathParam("version")))));

        routes.post("/compatibility/subjects/{subject}/versions/{version}", reading(ctx -> {
            List<String> problems = service.compatibilityProblems(subject(ctx), ctx.pathParam("version"),
                    schemaRequest(ctx));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("is_compatible", problems.isEmpty());
            if ("true".equalsIgnoreCase(ctx.queryParam("verbose"))) {
                body.put("messages", problems);
            }
            respond(ctx, body);
        }));

        read(routes, "/config", ctx -> respond(ctx, Map.of("compatibilityLevel", service.globalLevel())));
        routes.put("/config", mutation(ctx -> respond(ctx,
                Map.of("compatibility", service.setGlobalLevel(requestedLevel(ctx))))));
        read(routes, "/config/{subject}", ctx -> respond(ctx, Map.of("compatibilityLevel",
                service.subjectLevel(subject(ctx), "true".equalsIgnoreCase(ctx.queryParam("defaultToGlobal"))))));
        routes.put("/config/{subject}", mutation(ctx -> respond(ctx,
                Map.of("compatibility", service.setSubjectLevel(subject(ctx), requestedLevel(ctx))))));
        routes.delete("/config/{subject}", mutation(ctx -> respond(ctx,
                Map.of("compatibilityLevel", service.clearSubjectLevel(subject(ctx))))));

        routes.exception(RegistryException.class, (e, ctx) -> error(ctx, e.httpStatus(), e.errorCode(),
                e.getMessage()));
        routes.exception(JsonProcessingException.class, (e, ctx) -> {
            RegistryException refusal = RegistryErrors.badBody(e);
            error(ctx, refusal.httpStatus(), refusal.errorCode(), refusal.getMessage());
        });
        // Javalin's own answers: no route (404), a body over its size limit (413).
        routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getStatus(),
                "HTTP " + e.getStatus() + " " + HttpStatus.getMessage(e.getStatus())));
        routes.exception(Exception.class, (e, ctx) -> internalError(ctx, e));
        routes.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                error(ctx, 404, 404, "HTTP 404 Not Found");
            }
        });
    }

    private void read(RoutesConfig routes, String path, Handler handler) {
        routes.get(path, reading(handler));
    }

    private Handler reading(Handler handler) {
        return ctx -> {
            access.checkRead(ctx);
            handler.handle(ctx);
        };
    }

    private Handler mutation(Handler handler) {
        return ctx -> {
            access.checkMutation(ctx);
            handler.handle(ctx);
        };
    }

    /** A bug or an unforeseen failure: logged in full under a reference; the client gets the reference only. */
    private void internalError(Context ctx, Exception e) {
        String reference = UUID.randomUUID().toString();
        log.error("Schema registry failed on {} {} (reference {})", ctx.method(), ctx.path(), reference, e);
        error(ctx, 500, 500, "Internal error; the registry's log has the details under reference " + reference);
    }

    private void respond(Context ctx, Object body) throws JsonProcessingException {
        ctx.contentType(CONTENT_TYPE).result(json.writeValueAsString(body));
    }

    private void error(Context ctx, int status, int errorCode, String message) {
        ctx.status(status).contentType(CONTENT_TYPE).result(RegistryErrors.body(json, errorCode, message));
    }

    // Confluent omits schemaType for AVRO, the only type held here, so the answer has four fields.
    private static Map<String, Object> versioned(RegistryService.VersionedSchema version) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subject", version.subject());
        body.put("version", version.version());
        body.put("id", version.id());
        body.put("schema", version.schema());
        return body;
    }

    private SchemaRequest schemaRequest(Context ctx) throws JsonProcessingException {
        String body = ctx.body();
        if (body.isBlank()) {
            throw RegistryException.invalidSchema("the request has no body");
        }
        JsonNode request = json.readTree(body);
        if (request == null || request.isNull()) {
            throw RegistryException.invalidSchema("the request has no schema");
        }
        if (!request.isObject()) {
            throw RegistryException.badRequest("Request body must be a JSON object such as {\"schema\": \"...\"}");
        }
        return json.treeToValue(request, SchemaRequest.class);
    }

    private Compatibility requestedLevel(Context ctx) throws JsonProcessingException {
        JsonNode body = json.readTree(ctx.body().isBlank() ? "{}" : ctx.body());
        return Compatibility.parse(body.path("compatibility").asText(null));
    }

    private static String subject(Context ctx) {
        return ctx.pathParam("subject");
    }

    private static boolean permanent(Context ctx) {
        return "true".equalsIgnoreCase(ctx.queryParam("permanent"));
    }

    private static boolean deleted(Context ctx) {
        return "true".equalsIgnoreCase(ctx.queryParam("deleted"));
    }

    private static int schemaId(Context ctx) {
        try {
            return Integer.parseInt(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw RegistryException.schemaNotFound("'" + ctx.pathParam("id") + "' is not a schema id");
        }
    }
}
