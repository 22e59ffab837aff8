package io.eventloom.http;

import io.eventloom.core.RuntimeMetrics;
import io.eventloom.core.StoreUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VersionWaitTest {

    private final ExecutorService work = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable,
            "test-http-pool"));
    private final VersionWait wait = new VersionWait(Duration.ofSeconds(1), work, RuntimeMetrics.inMemory());

    @AfterEach
    void close() {
        wait.close();
        work.shutdownNow();
    }

    @Test
    void givenAStepForLater_whenItsTimeComes_thenItRunsOnTheWorkPoolAndItsAnswerIsPassedOn() throws Exception {
        long before = System.nanoTime();

        CompletableFuture<String> later = wait.later(() -> CompletableFuture.completedFuture(
                Thread.currentThread().getName()));

        assertThat(later.get(5, TimeUnit.SECONDS)).isEqualTo("test-http-pool");
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isGreaterThanOrEqualTo(Duration.ofMillis(20));
    }

    @Test
    void givenAStepForLaterThatFailsOrThrows_thenItsFailureIsPassedOn() {
        CompletableFuture<String> failed = wait.later(() -> CompletableFuture.failedFuture(
                new StoreUnavailableException("still moving")));
        CompletableFuture<String> thrown = wait.later(() -> {
            throw new StoreUnavailableException("not yet");
        });

        assertThatThrownBy(() -> failed.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("still moving");
        assertThatThrownBy(() -> thrown.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("not yet");
    }
}
