package io.eventloom.bench;

import java.util.OptionalDouble;

/** One restart as the restarted runtime reported it. */
record RestartMeasurement(RestartKind kind, ReadyLine ready) {

    double secondsToRunning() {
        return ready.runningAfterMillis() / 1000.0;
    }

    /** Records per second over the restore, or empty when nothing (or too little to time) was restored. */
    OptionalDouble restoreRate() {
        if (ready.restoredRecords() == 0 || ready.restoreMillis() == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(ready.restoredRecords() * 1000.0 / ready.restoreMillis());
    }
}
