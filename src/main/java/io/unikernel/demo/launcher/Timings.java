package io.unikernel.demo.launcher;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Durations of the phases of one launch, in the order they ran. */
public final class Timings {
    public record Phase(String name, long nanos) {
        public long millis() {
            return nanos / 1_000_000;
        }

        @Override
        public String toString() {
            return name + " " + millis() + " ms";
        }
    }

    private final long started = System.nanoTime();
    private final List<Phase> phases = new ArrayList<>();
    private long mark = started;

    /** Closes the phase that began at the previous mark. */
    public synchronized void mark(String phase) {
        long now = System.nanoTime();
        phases.add(new Phase(phase, now - mark));
        mark = now;
    }

    public synchronized List<Phase> phases() {
        return Collections.unmodifiableList(new ArrayList<>(phases));
    }

    public synchronized long nanosOf(String phase) {
        return phases.stream().filter(p -> p.name().equals(phase)).mapToLong(Phase::nanos).sum();
    }

    public long totalNanos() {
        return System.nanoTime() - started;
    }
}
