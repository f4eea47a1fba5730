package io.unikernel.demo.launcher;

import io.unikernel.demo.host.ContainerRoot;
import io.unikernel.demo.host.DeviceNumber;
import io.unikernel.demo.host.FileKind;
import io.unikernel.demo.host.HostException;
import io.unikernel.demo.host.UnsafePathException;
import io.unikernel.demo.netlink.Address;
import io.unikernel.demo.netlink.Link;
import io.unikernel.demo.netlink.MacvlanMode;
import io.unikernel.demo.netlink.Macvtap;
import io.unikernel.demo.netlink.NetlinkException;
import io.unikernel.demo.netlink.Route;
import io.unikernel.demo.netlink.RouteNetlink;
import org.tinylog.Logger;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Steps 2-4 of the container-side contract, done from the host into one running container:
 * macvtap on eth0, eth0's IPv4 moved to {@code /ip} {@code /mask} {@code /gw}, then {@code /dev/tap0} last,
 * because its appearance is what the runner inside waits for.
 */
public final class Plumbing {
    static final String CONTAINER_INTERFACE = "eth0";
    static final String TAP_NODE = "dev/tap0";
    /** Where the runner keeps its QMP socket (guest/runtime/runner), which ps and the console connect to. */
    static final String RUNNER_STATE = "run/unikernel";
    /** Old kernels name every macvtap's sysfs node tap<ifindex> in one global class; see macvtap.patch. */
    private static final int CLASHING_INDEX_RETRIES = 8;
    private static final int ERRNO_EEXIST = 17;
    private static final int ERRNO_EBUSY = 16;
    /** lo is the first interface of every network namespace. */
    private static final int LOOPBACK_INDEX = 1;

    private final Path procRoot;

    public Plumbing(Path procRoot) {
        this.procRoot = procRoot;
    }

    /**
     * Binds the native calls and runs the netlink decoders once, read-only, in the host's own
     * namespace, while the engine creates the container: a cold JVM would otherwise pay for it
     * inside the plumbing. Failures here resurface, with context, in the plumbing.
     */
    public static void loadNativeCalls() {
        try (RouteNetlink host = RouteNetlink.open()) {
            host.links();
            host.addresses(LOOPBACK_INDEX);
            host.defaultRoute();
            ContainerRoot.loadNativeCalls();
        } catch (NetlinkException | RuntimeException | LinkageError e) {
            Logger.debug(e, "native calls not preloaded");
        }
    }

    /**
     * Steps 2-4 on the container whose init process is {@code pid}: the one implementation that
     * {@code docker-unikernel run} and the OCI runtime both call.
     *
     * @param subject what a refusal names first ("unikernel image NAME"): an image that plants links
     *                where the contract's files go is the image's fault, not the host's
     */
    public GuestNetwork plumb(int pid, String subject, Optional<String> dnsServer) throws LaunchException {
        try (ContainerRoot root = ContainerRoot.open(procRoot, pid);
             RouteNetlink netlink = RouteNetlink.openIn(ContainerRoot.netNamespace(procRoot, pid))) {
            Link eth0 = netlink.link(CONTAINER_INTERFACE).orElseThrow(() -> new NoContainerInterfaceException(
                    "The container has no " + CONTAINER_INTERFACE + " interface to bridge the guest onto",
                    "run it on a bridge network (not --network none or host)"));
            Address address = netlink.addresses(eth0.index()).stream().findFirst().orElseThrow(() -> new LaunchException(
                    "The container's " + CONTAINER_INTERFACE + " has no IPv4 address to give the guest: run it on a network with IPv4"));
            Route route = netlink.defaultRoute().filter(r -> r.gateway().isPresent()).orElseThrow(() -> new LaunchException(
                    "The container has no default route, so the guest would get no gateway: run it on a bridge network"));

            String vtapName = "vtap" + eth0.mac().lastThreeBytesHex();
            Link vtap = addMacvtap(netlink, vtapName, eth0);
            netlink.setUp(vtap.index());
            netlink.deleteAddress(address);

            root.requireAbsentOr(RUNNER_STATE, FileKind.DIRECTORY);
            String resolver = dnsServer.orElseGet(() -> ContainerResolvConf.firstNameserver(root).orElse(""));
            root.writeFile("ip", address.address().getHostAddress() + "\n");
            root.writeFile("mask", address.prefixLength() + "\n");
            root.writeFile("gw", route.gateway().get().getHostAddress() + "\n");
            if (!resolver.isEmpty()) {
                root.writeFile("dns", resolver + "\n");
            }
            DeviceNumber tap = root.tapDevice(vtapName);
            root.mknodCharDevice(TAP_NODE, tap);
            return new GuestNetwork(vtapName, vtap.mac().toString(), tap.toString(), address.address(),
                    address.prefixLength(), route.gateway().get(), resolver);
        } catch (UnsafePathException e) {
            throw new LaunchException(subject + ": " + e.getMessage(), e);
        } catch (NetlinkException | HostException e) {
            throw new LaunchException(e.getMessage(), e);
        }
    }

    /**
     * Creates the macvtap, letting the kernel pick its index. Where a kernel still keeps macvtap
     * device names in one host-wide namespace, the second container's tap<ifindex> clashes with the
     * first one's (EEXIST/EBUSY though the name is free here); then we ask for an index derived from
     * eth0's MAC, which Docker derives from the unique bridge address.
     */
    private static Link addMacvtap(RouteNetlink netlink, String name, Link parent) throws NetlinkException, LaunchException {
        int requested = 0;
        for (int attempt = 0; ; attempt++) {
            try {
                return netlink.addMacvtap(new Macvtap(name, parent.index(), MacvlanMode.BRIDGE, requested));
            } catch (NetlinkException e) {
                boolean clash = (e.errno() == ERRNO_EEXIST || e.errno() == ERRNO_EBUSY) && netlink.link(name).isEmpty();
                if (!clash || attempt == CLASHING_INDEX_RETRIES) {
                    throw e;
                }
                requested = 4096 + Integer.parseInt(parent.mac().lastThreeBytesHex(), 16) % 0xffff + attempt;
            }
        }
    }
}
