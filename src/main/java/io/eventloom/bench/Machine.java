package io.eventloom.bench;

/** The machine a bench ran on, for reading its figures: cores, heaps, Java and OS. */
record Machine(int cores, long benchMaxHeapBytes, String runtimeMaxHeap, String java, String os) {

    static Machine current() {
        return new Machine(Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory(),
                ChildJvm.MAX_HEAP.substring("-Xmx".length()),
                System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    }

    String describe() {
        return String.format("%d cores; bench JVM (broker, registry, load) max heap %.1f GiB; runtime JVM max heap %s;"
                        + " Java %s; %s", cores, benchMaxHeapBytes / (1024.0 * 1024 * 1024), runtimeMaxHeap, java, os);
    }
}
