package io.eventloom.bench;

import org.junit.jupiter.api.Test;

import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessMemoryTest {

    @Test
    void givenPrometheusText_whenHeapUsedIsRead_thenItIsTheSumOfTheHeapPoolsOnly() {
        String metrics = """
                # HELP jvm_memory_used_bytes The amount of used memory
                # TYPE jvm_memory_used_bytes gauge
                jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1048576.0
                jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 3.3554432E7
                jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 5.0E7
                jvm_memory_max_bytes{area="heap",id="G1 Old Gen"} 1.073741824E9
                """;

        assertThat(ProcessMemory.heapUsed(metrics)).isEqualTo(1_048_576L + 33_554_432L);
    }

    @Test
    void givenAProcStatus_whenTheResidentSetSizeIsRead_thenItComesInBytes() {
        String status = "Name:\tjava\nVmPeak:\t 4000000 kB\nVmRSS:\t  512000 kB\nThreads:\t42\n";

        assertThat(ProcessMemory.residentSetSize(status)).isEqualTo(OptionalLong.of(512_000L * 1024));
    }
}
