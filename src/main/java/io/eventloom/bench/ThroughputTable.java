package io.eventloom.bench;

import java.util.Locale;

/** The throughput scenario as Markdown: each side's rate, and Eventloom's as a share of the raw reference's. */
final class ThroughputTable {

    static final String HEADING = "## Throughput through the topic";
    static final String[] HEADERS = {"system", "commands", "seconds", "commands/s", "Eventloom/raw"};
    static final String REFERENCE = "reference";

    private ThroughputTable() {
    }

    static String render(ThroughputResult result) {
        ThroughputPlan plan = result.plan();
        MarkdownTable table = new MarkdownTable(1, HEADERS)
                .row(SystemUnderTest.RAW.label(), String.valueOf(result.raw().count()),
                        MarkdownTable.decimal(result.raw().seconds(), 2), MarkdownTable.whole(result.raw().perSecond()),
                        REFERENCE)
                .row(SystemUnderTest.EVENTLOOM.label(), String.valueOf(result.eventloom().count()),
                        MarkdownTable.decimal(result.eventloom().seconds(), 2),
                        MarkdownTable.whole(result.eventloom().perSecond()), MarkdownTable.decimal(result.ratio(), 2));
        return MarkdownTable.section(HEADING, String.format(Locale.ROOT, "%d CreateProduct, then %d Restock"
                + " round-robin over the products, produced straight to the commands topic as fast as the producer"
                + " goes (%d partitions, exactly-once, commit 100 ms); from the first sent until every result is"
                + " committed, after an uncounted warm-up pass of the same size. The raw reference: one RocksDB get"
                + " and put and one output record per input record, %d-byte values.", plan.products(),
                plan.restocks(), plan.partitions(), RawRecords.VALUE_BYTES), table);
    }
}
