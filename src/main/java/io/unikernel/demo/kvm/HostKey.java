package io.unikernel.demo.kvm;

import io.unikernel.demo.host.HostException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a KVM verdict depends on: a verdict cached under another key is stale. The kernel and its
 * KVM module, the CPU and the flags it offers (a nested hypervisor may change them), the probe
 * image (QEMU, our kernel and init: its id changes when any of them does) and the device node
 * (a reloaded module makes a new one).
 */
public record HostKey(String kernelRelease, String cpuModel, String cpuFlags, String probeImage, String device) {

    /** Reads the key from the host's /proc (or a test's stand-in) and the device node. */
    public static HostKey read(Path proc, Path device, String probeImage) throws HostException {
        try {
            String release = Files.readString(proc.resolve("sys/kernel/osrelease")).strip();
            List<String> cpuinfo = Files.readAllLines(proc.resolve("cpuinfo"));
            return new HostKey(release, field(cpuinfo, "model name"), field(cpuinfo, "flags"), probeImage, node(device));
        } catch (IOException e) {
            throw new HostException("Failed to read what the KVM verdict depends on (" + e.getMessage() + ")", e);
        }
    }

    /** The first processor's value: every processor of one host is the same model. */
    private static String field(List<String> cpuinfo, String name) {
        for (String line : cpuinfo) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equals(name)) {
                return line.substring(colon + 1).strip();
            }
        }
        return "";
    }

    private static String node(Path device) throws IOException {
        Object rdev = Files.getAttribute(device, "unix:rdev");
        Object changed = Files.getAttribute(device, "unix:ctime");
        return device + " " + rdev + " " + changed;
    }
}
