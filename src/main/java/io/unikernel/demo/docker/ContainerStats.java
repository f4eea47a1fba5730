package io.unikernel.demo.docker;

/** A container's cumulative CPU time and current memory use, as Docker's stats report them. */
public record ContainerStats(long cpuNanos, long memoryBytes) {
}
