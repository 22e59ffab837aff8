package io.eventloom.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventloom.registry.Compatibility;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A client of the Confluent Schema Registry REST API (v1) over {@link HttpClient}, with id and schema caches.
 * A comma-separated list of base URLs is tried in order when one cannot be reached.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT = CONTENT_TYPE + ", application/vnd.schemaregistry+json, application/json";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_INSTANCES = 10_000;
    // Avro depends on Jackson, so the serde can use it without adding a dependency of its own.
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> baseUrls;
    private final Optional<String> authorization;
    private final HttpClient http;
    private final Map<SubjectSchema, Integer> idCache = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemaCache = new ConcurrentHashMap<>();
    private final Map<SchemaInstance, Integer> idsByInstance = new ConcurrentHashMap<>();
    // A version, once a subject holds an id under it, never changes: kept for good.
    private final Map<SubjectId, Integer> versionCache = new ConcurrentHashMap<>();

    private record SubjectId(String subject, int schemaId) {
    }

    private record SubjectSchema(String subject, String schema) {
    }

    /** A subject and one {@link Schema} object, equal only to the same object: no rendering, no deep hashing. */
    private record SchemaInstance(String subject, Schema schema) {
        @Override
        public boolean equals(Object other) {
            return other instanceof SchemaInstance that && that.schema == schema && that.subject.equals(subject);
        }

        @Override
        public int hashCode() {
            return 31 * subject.hashCode() + System.identityHashCode(schema);
        }
    }

    public HttpSchemaRegistryClient(String baseUrls) {
        this(baseUrls, Optional.empty());
    }

    /**
     * A client that sends {@code authorization} as every request's {@code Authorization} header: {@code Bearer
     * <token>} or {@code Basic <base64 of user:password>}.
     */
    public HttpSchemaRegistryClient(String baseUrls, Optional<String> authorization) {
        this.authorization = authorization;
        this.baseUrls = Arrays.stream(baseUrls.split(","))
                .map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.endsWith("/") ? s.substring(0, s.length() - 1) : s)
                .toList();
        if (this.baseUrls.isEmpty()) {
            throw new IllegalArgumentException("no schema registry URL given");
        }
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    @Override
    public int register(String subject, Schema schema) {
        return cachedId(subject, schema, "/versions");
    }

    @Override
    public int idOf(String subject, Schema schema) {
        return cachedId(subject, schema, "");
    }

    @Override
    public Schema schemaById(int id) {
        Schema cached = schemaCache.get(id);
        if (cached != null) {
            return cached;
        }
        Schema schema = parse(send(HttpRequest.newBuilder().GET(), "/schemas/ids/" + id).path("schema").asText(),
                "schema " + id);
        schemaCache.putIfAbsent(id, schema);
        return schema;
    }

    @Override
    public void setCompatibility(String subject, Compatibility level) {
        send(HttpRequest.newBuilder().header("Content-Type", CONTENT_TYPE).PUT(HttpRequest.BodyPublishers.ofString(
                JSON.createObjectNode().put("compatibility", level.name()).toString(), StandardCharsets.UTF_8)),
                "/config/" + encode(subject));
    }

    @Override
    public List<String> compatibilityProblems(String subject, Schema schema) {
        JsonNode answer = post("/compatibility/subjects/" + encode(subject) + "/versions/latest?verbose=true",
                schemaBody(schema));
        if (answer.path("is_compatible").asBoolean(false)) {
            return List.of();
        }
        List<String> messages = new ArrayList<>();
        answer.path("messages").forEach(message -> messages.add(message.asText()));
        // A registry that gives no reasons still said no: the answer must not read as compatible.
        return messages.isEmpty() ? List.of("the registry found the schema incompatible and gave no reason") : messages;
    }

    /** The subjects that have a live version ({@code GET /subjects}). */
    public List<String> subjects() {
        List<String> subjects = new ArrayList<>();
        send(HttpRequest.newBuilder().GET(), "/subjects").forEach(subject -> subjects.add(subject.asText()));
        return subjects;
    }

    /**
     * The schema of the subject's newest live version ({@code GET /subjects/{subject}/versions/latest}).
     *
     * @throws SchemaRegistryException with {@link SchemaRegistryException#SUBJECT_NOT_FOUND} when it has none
     */
    public Schema latestSchema(String subject) {
        return parse(send(HttpRequest.newBuilder().GET(), "/subjects/" + encode(subject) + "/versions/latest")
                .path("schema").asText(), "the latest schema of subject '" + subject + "'");
    }

    private static Schema parse(String text, String what) {
        try {
            return new Schema.Parser().parse(text);
        } catch (SchemaParseException e) {
            throw new SchemaRegistryException(SchemaRegistryException.INVALID_SCHEMA,
                    what + " from the registry is not valid Avro: " + e.getMessage(), e);
        }
    }

    @Override
    public OptionalInt versionOf(String subject, int schemaId) {
        SubjectId key = new SubjectId(subject, schemaId);
        Integer cached = versionCache.get(key);
        if (cached != null) {
            return OptionalInt.of(cached);
        }
        for (JsonNode entry : send(HttpRequest.newBuilder().GET(), "/schemas/ids/" + schemaId + "/versions")) {
            if (subject.equals(entry.path("subject").asText())) {
                int version = entry.path("version").asInt();
                versionCache.putIfAbsent(key, version);
                return OptionalInt.of(version);
            }
        }
        return OptionalInt.empty();
    }

    // Plain get-then-put rather than computeIfAbsent: a map must not be locked during a network call.
    /** @param operation the path under the subject's own: {@code /versions} registers, nothing looks up */
    private int cachedId(String subject, Schema schema, String operation) {
        // A serializer passes the same Schema object with every record of a type: found by identity, the id costs
        // no rendering of the schema to text (which the text-keyed cache needs, and which showed in every send).
        SchemaInstance instance = new SchemaInstance(subject, schema);
        Integer known = idsByInstance.get(instance);
        if (known != null) {
            return known;
        }
        SubjectSchema key = new SubjectSchema(subject, schema.toString());
        Integer cached = idCache.get(key);
        int id = cached != null ? cached
                : post("/subjects/" + encode(subject) + operation, schemaBody(schema)).path("id").asInt();
        idCache.putIfAbsent(key, id);
        schemaCache.putIfAbsent(id, schema);
        // Records that each bring a schema object of their own (parsed per record) would grow this map without
        // end; past a bound it starts over, and the text-keyed cache still answers without a registry call.
        if (idsByInstance.size() >= MAX_INSTANCES) {
            idsByInstance.clear();
        }
        idsByInstance.put(instance, id);
        return id;
    }

    private static String schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString()).toString();
    }

    private JsonNode post(String path, String body) {
        return send(HttpRequest.newBuilder()
                .header("Content-Type", CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)), path);
    }

    private JsonNode send(HttpRequest.Builder request, String path) {
        authorization.ifPresent(value -> request.header("Authorization", value));
        IOException lastFailure = null;
        for (String baseUrl : baseUrls) {
            HttpResponse<String> response;
            try {
                response = http.send(request.copy().uri(URI.create(baseUrl + path)).timeout(TIMEOUT)
                        .header("Accept", ACCEPT).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                lastFailure = e;
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException(SchemaRegistryException.UNREACHABLE,
                        "interrupted while calling the schema registry at " + baseUrl, e);
            }
            return readBody(baseUrl + path, response);
        }
        throw new SchemaRegistryException(SchemaRegistryException.UNREACHABLE,
                "no schema registry reachable at " + baseUrls + ": " + lastFailure, lastFailure);
    }

    private static JsonNode readBody(String url, HttpResponse<String> response) {
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new SchemaRegistryException(response.statusCode(), "schema registry at " + url
                    + " answered HTTP " + response.statusCode() + " with a body that is not JSON", e);
        }
        if (response.statusCode() / 100 != 2) {
            int code = body.path("error_code").asInt(response.statusCode());
            throw new SchemaRegistryException(code, body.path("message").asText("HTTP " + response.statusCode())
                    + " (error " + code + " from " + url + ")");
        }
        return body;
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
