package io.eventloom.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventloom.core.StoreUnavailableException;
import io.javalin.http.Context;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Finds the instance whose stores hold a key (Kafka Streams' metadata from {@code application.server}) and
 * forwards reads to it. A forwarded request is marked, and the receiver answers it from its own active task for the
 * key, or 503 when it no longer holds one: a request hops at most once, even while two instances disagree about who
 * owns a partition, and a former owner never answers 404 for a key it cannot see.
 */
final class InstanceRouter {

    /** Marks a forwarded request; its value is the sender's {@link ForwardingProof}. */
    static final String FORWARDED_HEADER = "X-Eventloom-Forwarded";
    /** Whether the forwarded request may see personal data, as the sender's caller may; covered by the proof. */
    static final String PERSONAL_DATA_HEADER = "X-Eventloom-Personal-Data";
    /** What Kafka Streams names as the active host of a partition no instance holds actively right now. */
    private static final HostInfo NO_ACTIVE_HOST = new HostInfo("unavailable", -1);

    private final Function<String, KafkaStreams> streamsFor;
    private final HostInfo self;
    private final HttpClient client;
    private final Duration requestTimeout;
    private final ForwardingProof proof;

    /** @param streamsFor the application that holds a store of that name (a rebuilt projection has its own) */
    InstanceRouter(Function<String, KafkaStreams> streamsFor, HostInfo self, Duration requestTimeout,
                   ForwardingProof proof) {
        this.streamsFor = streamsFor;
        this.self = self;
        this.requestTimeout = requestTimeout;
        this.proof = proof;
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }

    /** Whether another instance forwarded the request ({@link AccessGuard} has checked its proof by then). */
    static boolean isForwarded(Context ctx) {
        return ctx.header(FORWARDED_HEADER) != null;
    }

    /** What a forwarded request says of personal data: masked unless it says shown. */
    static PersonalData claimedPersonalData(Context ctx) {
        return PersonalData.SHOWN.name().equals(ctx.header(PERSONAL_DATA_HEADER)) ? PersonalData.SHOWN
                : PersonalData.MASKED;
    }

    /** The request's path and query as sent, still encoded: what the sender's proof covers. */
    static String pathAndQuery(Context ctx) {
        String query = ctx.queryString();
        return ctx.req().getRequestURI() + (query == null ? "" : "?" + query);
    }

    /**
     * The other instance whose active task holds the key, or empty when this one does (this instance's own read then
     * checks that it still does) or when Kafka Streams has no store of that name (a reader of another kind, which
     * answers alike on every instance).
     *
     * @throws StoreUnavailableException while no instance is known to hold the key (starting, rebalancing, stopping)
     */
    Optional<HostInfo> remoteOwner(String store, String key) {
        KafkaStreams streams = streamsFor.apply(store);
        KeyQueryMetadata metadata;
        try {
            metadata = streams.queryMetadataForKey(store, key, new StringSerializer());
        } catch (IllegalStateException | InvalidStateStoreException e) {
            // Kafka Streams answers this only while RUNNING or REBALANCING: not started, stopping or failed.
            throw unknownOwner(streams, store, key);
        }
        if (metadata == null) {
            return Optional.empty();
        }
        if (metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)
                || metadata.activeHost().equals(NO_ACTIVE_HOST)) {
            throw unknownOwner(streams, store, key);
        }
        return metadata.activeHost().equals(self) ? Optional.empty() : Optional.of(metadata.activeHost());
    }

    private static StoreUnavailableException unknownOwner(KafkaStreams streams, String store, String key) {
        return new StoreUnavailableException("no instance is known to hold key '" + key + "' in store " + store
                + " now (Kafka Streams " + streams.state() + ")");
    }

    /** The other instances that hold partitions of the store, actively or as standbys. */
    List<HostInfo> otherHostsWith(String store) {
        return streamsFor.apply(store).metadataForAllStreamsClients().stream()
                .filter(instance -> instance.stateStoreNames().contains(store))
                .map(StreamsMetadata::hostInfo)
                .filter(host -> !host.equals(self))
                .distinct()
                .toList();
    }

    /**
     * Answers the request with the owner's answer to the same GET (status, body and {@code Retry-After}), without
     * holding a thread while the owner answers.
     *
     * @param path the request's path as {@link InstanceUrls#path} builds it from its decoded parameters
     */
    void forward(Context ctx, HostInfo owner, String path) {
        ctx.future(() -> ask(ctx, owner, path).thenAccept(response -> relay(ctx, response)));
    }

    /** The owner's answer to the request, forwarded there; {@link #relay} passes it on. */
    CompletableFuture<HttpResponse<String>> ask(Context ctx, HostInfo owner, String path) {
        return get(owner, path + InstanceUrls.query(ctx.queryParamMap()), AccessGuard.personalData(ctx));
    }

    /** Answers the request as the owner answered it: status, body and {@code Retry-After}. */
    static void relay(Context ctx, HttpResponse<String> response) {
        response.headers().firstValue("Retry-After").ifPresent(value -> ctx.header("Retry-After", value));
        ctx.status(response.statusCode())
                .contentType(response.headers().firstValue("Content-Type").orElse(Json.CONTENT_TYPE))
                .result(response.body());
    }

    /**
     * The owner's JSON answer to a GET of {@code pathAndQuery}, built with {@link InstanceUrls}, personal data shown or
     * masked as for the caller it is fetched for. The future fails with {@link StoreUnavailableException} when it
     * cannot answer now (it answered 503, or is unreachable).
     */
    CompletableFuture<JsonNode> fetch(HostInfo host, String pathAndQuery, PersonalData personal) {
        return get(host, pathAndQuery, personal).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new StoreUnavailableException("instance " + host + " answered " + response.statusCode()
                        + " to " + pathAndQuery + ": " + response.body());
            }
            try {
                return Json.MAPPER.readTree(response.body());
            } catch (IOException e) {
                throw new IllegalStateException("instance " + host + " sent a body that is not JSON", e);
            }
        });
    }

    private CompletableFuture<HttpResponse<String>> get(HostInfo host, String pathAndQuery, PersonalData personal) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port()
                        + pathAndQuery))
                .header(FORWARDED_HEADER, proof.sign(pathAndQuery, personal))
                .header(PERSONAL_DATA_HEADER, personal.name())
                .timeout(requestTimeout)
                .GET()
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).exceptionallyCompose(error -> {
            Throwable cause = AsyncFailures.cause(error);
            if (cause instanceof IOException) {
                // An instance that went away still owns its partitions until the group rebalances: retry after it.
                return CompletableFuture.failedFuture(new StoreUnavailableException("instance " + host
                        + " is unreachable: " + cause.getMessage()));
            }
            return CompletableFuture.failedFuture(cause);
        });
    }
}
