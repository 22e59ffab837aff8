package io.eventloom.bench;

import java.util.Locale;

/** The memory scenario as Markdown: heap after a full GC, RSS and state on disk, before and after the load. */
final class MemoryTable {

    static final String HEADING = "## Memory";
    static final String[] HEADERS = {"state", "products", "heap used (MiB)", "RSS (MiB)", "state on disk (MiB)"};

    private MemoryTable() {
    }

    static String render(MemoryResult result) {
        MarkdownTable table = new MarkdownTable(1, HEADERS);
        for (MemoryResult.Sample sample : result.samples()) {
            table.row(sample.state(), String.valueOf(sample.products()), mebibytes(sample.heapUsedBytes()),
                    sample.rssBytes().isPresent() ? mebibytes(sample.rssBytes().getAsLong())
                            : MarkdownTable.NOT_APPLICABLE,
                    mebibytes(sample.stateDirBytes()));
        }
        String gc = result.fullGc() ? "after a full GC (jcmd GC.run)" : "without a full GC (jcmd was not available)";
        return MarkdownTable.section(HEADING, String.format(Locale.ROOT, "Eventloom's JVM (%s heap) just started,"
                + " then once %d products are created and it is idle (projections caught up): heap used %s, from"
                + " its /metrics (jvm_memory_used_bytes of the heap pools); resident set size from /proc; the state"
                + " directory's files (RocksDB keeps most of the state off the heap).",
                ChildJvm.MAX_HEAP.substring("-Xmx".length()), result.plan().products(), gc), table);
    }

    private static String mebibytes(long bytes) {
        return MarkdownTable.whole(bytes / (1024.0 * 1024));
    }
}
