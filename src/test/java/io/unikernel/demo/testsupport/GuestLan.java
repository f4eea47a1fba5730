package io.unikernel.demo.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A private Ethernet for one guest, made with the host's own tools: a network namespace
 * holding a bridge with the guest's tap device and one end of a veth pair, whose other end is
 * on the host with the address {@code 10.251.N.1/24}; the guest is {@code 10.251.N.2}. The host
 * reaches the guest as a browser would, and closing deletes the namespace and every link in it.
 */
public final class GuestLan implements AutoCloseable {
    public static final String TAP = "tap0";
    private final String netns;
    private final String hostLink;
    private final int subnet;

    private GuestLan(String prefix, int subnet) {
        this.netns = prefix + "lan" + subnet;
        this.hostLink = prefix + "h" + subnet;
        this.subnet = subnet;
    }

    /** prefix: the test's name prefix; subnet: 1-254, unique among the tests that run at once. */
    public static GuestLan create(String prefix, int subnet) throws IOException {
        GuestLan lan = new GuestLan(prefix, subnet);
        lan.remove();
        try {
            lan.ip("netns", "add", lan.netns);
            lan.ip("link", "add", lan.hostLink, "type", "veth", "peer", "name", "veth0", "netns", lan.netns);
            lan.ip("-n", lan.netns, "link", "add", "br0", "type", "bridge");
            lan.ip("-n", lan.netns, "tuntap", "add", TAP, "mode", "tap");
            lan.ip("-n", lan.netns, "link", "set", "veth0", "master", "br0");
            lan.ip("-n", lan.netns, "link", "set", TAP, "master", "br0");
            for (String link : new String[] {"lo", "br0", "veth0", TAP}) {
                lan.ip("-n", lan.netns, "link", "set", link, "up");
            }
            lan.ip("addr", "add", lan.hostAddress() + "/24", "dev", lan.hostLink);
            // Learn neighbours from gratuitous ARP too, so a test can see the guest's announcement.
            Files.writeString(Path.of("/proc/sys/net/ipv4/conf", lan.hostLink, "arp_accept"), "1");
            lan.ip("link", "set", lan.hostLink, "up");
            return lan;
        } catch (IOException | RuntimeException e) {
            lan.close();
            throw e;
        }
    }

    public String netns() {
        return netns;
    }

    public String hostLink() {
        return hostLink;
    }

    public String hostAddress() {
        return "10.251." + subnet + ".1";
    }

    public String guestAddress() {
        return "10.251." + subnet + ".2";
    }

    /** Drops percent % of the frames crossing the bridge, both ways (nftables; this kernel has no netem). */
    public void dropFrames(int percent) throws IOException {
        HostCommand.Result r = HostCommand.run("ip", "netns", "exec", netns, "nft", "add table bridge tuk_loss ; "
                + "add chain bridge tuk_loss forward { type filter hook forward priority 0 ; } ; "
                + "add rule bridge tuk_loss forward numgen random mod 100 < " + percent + " counter drop");
        if (r.exitCode() != 0) {
            throw new IOException("nft (loss rule) failed: " + r.output());
        }
    }

    /** The frames dropped so far by {@link #dropFrames}. */
    public long droppedFrames() {
        String out = HostCommand.run("ip", "netns", "exec", netns, "nft", "list", "table", "bridge", "tuk_loss").output();
        var m = java.util.regex.Pattern.compile("counter packets (\\d+)").matcher(out);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    public void stopDropping() {
        HostCommand.run("ip", "netns", "exec", netns, "nft", "delete", "table", "bridge", "tuk_loss");
    }

    private void ip(String... args) throws IOException {
        String[] command = new String[args.length + 1];
        command[0] = "ip";
        System.arraycopy(args, 0, command, 1, args.length);
        HostCommand.Result r = HostCommand.run(command);
        if (r.exitCode() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + r.output().strip());
        }
    }

    private void remove() {
        HostCommand.run("ip", "netns", "del", netns);
        HostCommand.run("ip", "link", "del", hostLink);
    }

    @Override
    public void close() {
        remove();
    }
}
