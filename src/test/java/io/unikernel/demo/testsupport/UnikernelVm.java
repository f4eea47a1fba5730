package io.unikernel.demo.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One QEMU guest booted as guest/runtime/runner boots it (-M pc, qboot, PVH -kernel, -initrd,
 * isa-debug-exit, pvpanic, TCG with the host's TSC rate), its serial console in a file.
 */
public final class UnikernelVm implements AutoCloseable {
    private final Process qemu;
    private final Path console;
    private final Path qmp;

    private UnikernelVm(Process qemu, Path console, Path qmp) {
        this.qemu = qemu;
        this.console = console;
        this.qmp = qmp;
    }

    /**
     * Boots kernel with initrd and the JSON configuration after " -- ". lan null: QEMU's user-mode
     * network (nothing reaches the guest); otherwise the LAN's tap, QEMU run in its namespace.
     */
    public static UnikernelVm boot(Path kernel, Path initrd, String json, GuestLan lan, String mac, Path dir)
            throws IOException {
        Path console = dir.resolve("console.log");
        Path qmp = dir.resolve("qmp.sock");
        List<String> cmd = new ArrayList<>();
        if (lan != null) {
            cmd.addAll(List.of("ip", "netns", "exec", lan.netns()));
        }
        cmd.addAll(List.of("qemu-system-x86_64", "-M", "pc", "-bios", "/usr/share/qemu/qboot.rom", "-nodefaults",
                "-no-user-config", "-display", "none", "-no-reboot", "-accel", "tcg",
                "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04", "-device", "pvpanic-pci",
                "-action", "panic=exit-failure", "-m", "64", "-smp", "1",
                "-kernel", kernel.toString(), "-initrd", initrd.toString(),
                "-serial", "file:" + console, "-monitor", "none", "-qmp", "unix:" + qmp + ",server=on,wait=off",
                "-netdev", lan != null ? "tap,id=n0,ifname=" + GuestLan.TAP + ",script=no,downscript=no" : "user,id=n0",
                "-device", "virtio-net-pci,netdev=n0,mac=" + mac + ",romfile=",
                "-append", "tsc_early_khz=" + hostTscKhz() + " -- " + json));
        Process qemu = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("qemu.out").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        return new UnikernelVm(qemu, console, qmp);
    }

    /** What the runner passes: the host's rate from /proc/cpuinfo. */
    static long hostTscKhz() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("cpu MHz")) {
                return (long) (Double.parseDouble(line.substring(line.indexOf(':') + 1).strip()) * 1000);
            }
        }
        throw new IOException("no \"cpu MHz\" in /proc/cpuinfo");
    }

    public String console() throws IOException {
        return Files.exists(console) ? Files.readString(console, StandardCharsets.ISO_8859_1) : "";
    }

    /** Waits until the console holds text; fails with the console so far. */
    public void awaitConsole(String text, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (console().contains(text)) {
                return;
            }
            if (!qemu.isAlive() && !console().contains(text)) {
                throw new AssertionError("QEMU exited (" + qemu.exitValue() + ") before the console showed \"" + text
                        + "\":\n" + console());
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the console did not show \"" + text + "\" within " + timeout + ":\n" + console());
    }

    /** QEMU's exit status once it ends; fails when it runs past the timeout. */
    public int awaitExit(Duration timeout) throws InterruptedException, IOException {
        if (!qemu.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("QEMU still runs after " + timeout + ":\n" + console());
        }
        return qemu.exitValue();
    }

    public Path qmpSocket() {
        return qmp;
    }

    public long pid() {
        return qemu.pid();
    }

    @Override
    public void close() throws InterruptedException {
        qemu.destroy();
        if (!qemu.waitFor(5, TimeUnit.SECONDS)) {
            qemu.destroyForcibly().waitFor();
        }
    }
}
