package io.eventloom.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventloom.testing.HostileCase;
import io.eventloom.testing.RawHttp.Request;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

/**
 * Requests an attacker or a broken client sends to the schema registry, each with the status Confluent's registry
 * gives it (or, where Confluent has none, a clear 4xx): bodies that are not a schema request, schemas Avro cannot
 * accept, bad versions and ids, garbage levels, unknown routes and requests Jetty refuses.
 */
final class HostileRegistryRequests {

    /** A subject the corpus never registers into, so every request below is refused. */
    static final String SUBJECT = "hostile-value";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REGISTER = "/subjects/" + SUBJECT + "/versions";
    private static final String UNDEFINED_TYPE = """
            {"type":"record","name":"X","fields":[{"name":"a","type":"nosuchtype"}]}""";

    private HostileRegistryRequests() {
    }

    static Stream<HostileCase> all() {
        return Stream.of(bodies(), schemas(), otherRoutes(), versionsAndIds(), levels(), http())
                .flatMap(cases -> cases);
    }

    private static Stream<HostileCase> bodies() {
        return Stream.of(
                register("a null body", "null", 422),
                register("an array body", "[]", 400),
                register("a string body", "\"x\"", 400),
                register("an empty object", "{}", 422),
                register("a number body", "5", 400),
                register("an empty body", "", 422),
                register("truncated JSON", "{", 400),
                register("content after the object", schemaRequest(UNDEFINED_TYPE) + " trailing", 400),
                register("100k nested arrays", "[".repeat(100_000), 400),
                register("a raw control byte in the body", "{\"schema\":\"\u0001\"}", 400),
                register("a null schema", "{\"schema\":null}", 422),
                register("an empty schema", "{\"schema\":\"\"}", 422),
                register("a schema that is a number", "{\"schema\":5}", 422),
                register("a schema that is an object", "{\"schema\":{}}", 400),
                register("references that are a string", "{\"schema\":\"\\\"int\\\"\",\"references\":\"x\"}", 400),
                register("references", "{\"schema\":\"\\\"int\\\"\",\"references\":[{\"name\":\"n\","
                        + "\"subject\":\"s\",\"version\":1}]}", 422),
                register("a schemaType of PROTOBUF", "{\"schema\":\"\\\"int\\\"\",\"schemaType\":\"PROTOBUF\"}", 422),
                register("a schemaType that is a number", "{\"schema\":\"\\\"int\\\"\",\"schemaType\":5}", 422),
                new HostileCase(Request.of("a 2 MB body", "POST", REGISTER).header("Content-Type", RegistryHttp.VND_JSON)
                        .body(schemaRequest("\"" + "x".repeat(2_000_000) + "\"")), 413));
    }

    private static Stream<HostileCase> schemas() {
        return Stream.of(
                schema("an undefined type", UNDEFINED_TYPE),
                schema("an unknown primitive at the top", "\"intt\""),
                schema("an unknown primitive in a field", UNDEFINED_TYPE.replace("nosuchtype", "intt")),
                schema("a default of the wrong type", """
                        {"type":"record","name":"X","fields":[{"name":"a","type":"int","default":"x"}]}"""),
                schema("a null default for an int", """
                        {"type":"record","name":"X","fields":[{"name":"a","type":"int","default":null}]}"""),
                schema("a duplicate field", """
                        {"type":"record","name":"X","fields":[{"name":"a","type":"int"},{"name":"a","type":"int"}]}"""),
                schema("a record without fields", "{\"type\":\"record\",\"name\":\"X\"}"),
                schema("a name starting with a digit", "{\"type\":\"record\",\"name\":\"1X\",\"fields\":[]}"),
                schema("a NUL in a name", "{\"type\":\"record\",\"name\":\"A\\u0000\",\"fields\":[]}"),
                schema("a negative fixed size", "{\"type\":\"fixed\",\"name\":\"F\",\"size\":-1}"),
                schema("a fixed size of 1e400", "{\"type\":\"fixed\",\"name\":\"F\",\"size\":1e400}"),
                schema("a fixed size of 2^40", "{\"type\":\"fixed\",\"name\":\"F\",\"size\":1099511627776}"),
                schema("a duplicate union branch", "[\"null\",\"null\"]"),
                schema("an array without items", "{\"type\":\"array\"}"),
                schema("text that is not JSON", "garbage"),
                schema("100k nested arrays", "[".repeat(100_000)),
                schema("300 nested array types", "{\"type\":\"array\",\"items\":".repeat(300) + "\"int\""
                        + "}".repeat(300)));
    }

    private static Stream<HostileCase> otherRoutes() {
        String undefined = schemaRequest(UNDEFINED_TYPE);
        return Stream.of(
                post("a look-up of an undefined type", "/subjects/" + SUBJECT, undefined, 422),
                post("a compatibility check of an undefined type", "/compatibility/subjects/" + SUBJECT
                        + "/versions/latest", undefined, 422),
                post("a compatibility check against version 0", "/compatibility/subjects/" + SUBJECT
                        + "/versions/0", schemaRequest("\"int\""), 422),
                post("a compatibility check against version abc", "/compatibility/subjects/" + SUBJECT
                        + "/versions/abc", schemaRequest("\"int\""), 422),
                post("a compatibility check with a null body", "/compatibility/subjects/" + SUBJECT
                        + "/versions/latest", "null", 422));
    }

    private static Stream<HostileCase> versionsAndIds() {
        return Stream.of(
                get("version 0", REGISTER + "/0", 422),
                get("version -2", REGISTER + "/-2", 422),
                get("version 2^31", REGISTER + "/2147483648", 422),
                get("version abc", REGISTER + "/abc", 422),
                get("the schema of version abc", REGISTER + "/abc/schema", 422),
                new HostileCase(Request.of("a delete of version abc", "DELETE", REGISTER + "/abc"), 422),
                get("a version of an unknown subject", "/subjects/nobody-value/versions/1", 404),
                get("schema id abc", "/schemas/ids/abc", 404),
                get("schema id -1", "/schemas/ids/-1", 404),
                get("schema id 0", "/schemas/ids/0", 404),
                get("schema id of 11 digits", "/schemas/ids/99999999999", 404),
                get("schema id 1.5", "/schemas/ids/1.5", 404),
                get("the versions of schema id abc", "/schemas/ids/abc/versions", 404));
    }

    private static Stream<HostileCase> levels() {
        return Stream.of(
                put("a level that is garbage", "/config", "garbage", 400),
                put("an unknown level", "/config", "{\"compatibility\":\"WHATEVER\"}", 422),
                put("a level that is a number", "/config", "{\"compatibility\":5}", 422),
                put("a null level body", "/config", "null", 422),
                put("an array level body", "/config", "[]", 422),
                put("an empty level object", "/config", "{}", 422),
                put("a bare level string", "/config", "\"BACKWARD\"", 422),
                put("a deeply nested level body", "/config", "[".repeat(100_000), 400),
                put("a subject level that is garbage", "/config/" + SUBJECT, "{\"compatibility\":", 400),
                put("an unknown subject level", "/config/" + SUBJECT, "{\"compatibility\":\"SOMETIMES\"}", 422));
    }

    private static Stream<HostileCase> http() {
        return Stream.of(
                get("an unknown route", "/nothing/here", 404),
                new HostileCase(Request.of("a DELETE of the schema types", "DELETE", "/schemas/types"), 404),
                new HostileCase(Request.of("an unknown method", "BREW", "/subjects"), 404),
                get("a 20 kB URL", "/subjects/" + "s".repeat(20_000) + "/versions", 414),
                new HostileCase(Request.of("a 20 kB header", "GET", "/subjects").header("X-Big", "h".repeat(20_000)),
                        431),
                get("a subject with %00", "/subjects/a%00b/versions", 400),
                get("a subject with a bad escape", "/subjects/a%zzb/versions", 400),
                get("a subject with %01", "/subjects/a%01b/versions", 404),
                new HostileCase(Request.raw("a raw NUL in the path",
                        "GET /subjects/a\u0000b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                                .getBytes(StandardCharsets.ISO_8859_1)), 400),
                new HostileCase(Request.raw("a request line of garbage",
                        "GARBAGE\r\n\r\n".getBytes(StandardCharsets.US_ASCII)), 400));
    }

    private static HostileCase schema(String name, String schema) {
        return register(name, schemaRequest(schema), 422);
    }

    private static HostileCase register(String name, String body, int status) {
        return post(name, REGISTER, body, status);
    }

    private static HostileCase post(String name, String path, String body, int status) {
        return new HostileCase(Request.of(name, "POST", path).header("Content-Type", RegistryHttp.VND_JSON).body(body),
                status);
    }

    private static HostileCase put(String name, String path, String body, int status) {
        return new HostileCase(Request.of(name, "PUT", path).header("Content-Type", RegistryHttp.VND_JSON).body(body),
                status);
    }

    private static HostileCase get(String name, String path, int status) {
        return new HostileCase(Request.of(name, "GET", path), status);
    }

    private static String schemaRequest(String schema) {
        return JSON.createObjectNode().put("schema", schema).toString();
    }
}
