package io.unikernel.demo.runtime;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RuncCallTest {
    @Test
    void readsDockersCreateCall() {
        // As containerd's runc shim calls it for Docker 20.10.
        RuncCall call = RuncCall.parse(List.of("--root", "/var/run/docker/runtime-unikernel/moby",
                "--log", "/run/containerd/io.containerd.runtime.v2.task/moby/abc/log.json", "--log-format", "json",
                "create", "--bundle", "/run/containerd/io.containerd.runtime.v2.task/moby/abc",
                "--pid-file", "/run/containerd/io.containerd.runtime.v2.task/moby/abc/init.pid", "abc"));
        assertEquals(List.of("--root", "/var/run/docker/runtime-unikernel/moby", "--log",
                "/run/containerd/io.containerd.runtime.v2.task/moby/abc/log.json", "--log-format", "json"), call.globalOptions());
        assertEquals(Optional.of(Path.of("/run/containerd/io.containerd.runtime.v2.task/moby/abc/log.json")), call.log());
        assertTrue(call.jsonLog());
        assertEquals("create", call.verb());
        assertEquals(Path.of("/run/containerd/io.containerd.runtime.v2.task/moby/abc"), call.bundle());
        assertEquals(Optional.of(Path.of("/run/containerd/io.containerd.runtime.v2.task/moby/abc/init.pid")), call.pidFile());
        assertEquals("abc", call.containerId());
    }

    @Test
    void takesInlineValuesFlagsAndTheDefaultBundle() {
        RuncCall call = RuncCall.parse(List.of("--systemd-cgroup", "create", "--console-socket", "/tmp/s", "--no-pivot",
                "--pid-file=/tmp/p", "id1"));
        assertEquals(List.of("--systemd-cgroup"), call.globalOptions());
        assertEquals(Optional.empty(), call.log());
        assertEquals(Path.of("."), call.bundle());
        assertEquals(Optional.of(Path.of("/tmp/p")), call.pidFile());
        assertEquals("id1", call.containerId());
    }

    @Test
    void refusesACallWithoutVerbOrId() {
        assertThrows(IllegalArgumentException.class, () -> RuncCall.parse(List.of("--root", "/r")));
        assertThrows(IllegalArgumentException.class, () -> RuncCall.parse(List.of("create", "--bundle", "/b")));
        assertThrows(IllegalArgumentException.class, () -> RuncCall.parse(List.of("--log")));
    }

    @Test
    void tellsDockersShimFromContainerdsOwnCallsByRuncsRoot() {
        assertTrue(RuncCall.parse(List.of("--root", "/var/run/docker/runtime-unikernel/moby", "create", "id")).fromDocker());
        assertTrue(RuncCall.parse(List.of("--root=/run/docker/runtime-unikernel/moby", "create", "id")).fromDocker());
        assertFalse(RuncCall.parse(List.of("--root", "/run/containerd/runc/default", "create", "id")).fromDocker());
        assertFalse(RuncCall.parse(List.of("create", "id")).fromDocker());
    }
}
