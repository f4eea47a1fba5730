package io.unikernel.demo.guest;

import java.time.Duration;
import java.util.Optional;

/** One row of the console's state table: a container of ours and what its guest is doing. */
public record GuestStatus(
        String id,
        String name,
        String image,
        String state,
        boolean running,
        Optional<String> address,
        Optional<String> mac,
        Optional<String> tap,
        Optional<VmStatus> vm,
        Optional<Duration> uptime,
        Optional<Double> cpuPercent,
        Optional<Long> memoryBytes) {
}
