package io.eventloom.bench;

import java.util.List;
import java.util.OptionalLong;

/** The app's memory before and after the products were created. */
record MemoryResult(MemoryPlan plan, boolean fullGc, List<Sample> samples) {

    MemoryResult {
        samples = List.copyOf(samples);
    }

    /** One reading: heap used after a full GC, resident set size (absent off Linux) and state on disk. */
    record Sample(String state, long products, long heapUsedBytes, OptionalLong rssBytes, long stateDirBytes) {
    }
}
