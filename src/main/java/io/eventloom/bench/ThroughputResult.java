package io.eventloom.bench;

/** Records per second through the topic, raw reference and Eventloom, measured in one run. */
record ThroughputResult(ThroughputPlan plan, Rate raw, Rate eventloom) {

    /** Eventloom's rate as a share of the raw reference's. */
    double ratio() {
        return eventloom.perSecond() / raw.perSecond();
    }
}
