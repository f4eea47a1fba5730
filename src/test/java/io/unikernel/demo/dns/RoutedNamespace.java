package io.unikernel.demo.dns;

import io.unikernel.demo.testsupport.HostCommand;

/**
 * A network namespace joined to the host by a veth pair, its default route through the host:
 * a client that can reach the bridge address without being on the bridge. Removed on close.
 * Equivalent to: {@code ip netns add NS; ip link add HOST type veth peer name INSIDE; ...}.
 */
final class RoutedNamespace implements AutoCloseable {
    private final String name;
    private final String hostSide;

    RoutedNamespace(String name, String hostSide, String inside, String hostAddress, String insideAddress) {
        this.name = name;
        this.hostSide = hostSide;
        close();
        try {
            ip("netns", "add", name);
            ip("link", "add", hostSide, "type", "veth", "peer", "name", inside);
            ip("link", "set", inside, "netns", name);
            ip("addr", "add", hostAddress + "/30", "dev", hostSide);
            ip("link", "set", hostSide, "up");
            ip("-n", name, "addr", "add", insideAddress + "/30", "dev", inside);
            ip("-n", name, "link", "set", inside, "up");
            ip("-n", name, "link", "set", "lo", "up");
            ip("-n", name, "route", "add", "default", "via", hostAddress);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    String name() {
        return name;
    }

    private static void ip(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "ip";
        System.arraycopy(args, 0, command, 1, args.length);
        var result = HostCommand.run(command);
        if (result.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + result.output());
        }
    }

    /** Deleting the namespace deletes the veth pair with it; the host side goes too if it was left alone. */
    @Override
    public void close() {
        HostCommand.run("ip", "netns", "del", name);
        HostCommand.run("ip", "link", "del", hostSide);
    }
}
