package io.unikernel.demo.netlink;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import org.tinylog.Logger;

/**
 * An rtnetlink handle bound to one network namespace: the one it was opened in. Calls are
 * synchronous (each waits for the kernel's answer) and may come from any thread; the namespace
 * of the calling thread does not matter once the handle is open.
 */
public final class RouteNetlink implements AutoCloseable {
    private final NetlinkSocket socket;
    private final String ip;

    private RouteNetlink(NetlinkSocket socket, String ip) {
        this.socket = socket;
        this.ip = ip;
    }

    /** A handle in the calling thread's network namespace. */
    public static RouteNetlink open() throws NetlinkException {
        return new RouteNetlink(NetlinkSocket.open(), "ip");
    }

    /**
     * A handle in the network namespace {@code netnsFile} names ({@code /proc/<pid>/ns/net},
     * {@code /var/run/netns/<name>}). A short-lived thread of its own enters the namespace, opens
     * the socket and returns; the caller's threads never change namespace.
     * Equivalent to: {@code nsenter --net=<netnsFile> ip ...} for each call.
     */
    public static RouteNetlink openIn(Path netnsFile) throws NetlinkException {
        Objects.requireNonNull(netnsFile, "network namespace file was not specified");
        return new RouteNetlink(NamespaceThread.openSocketIn(netnsFile), "nsenter --net=" + netnsFile + " ip");
    }

    /** Equivalent to: {@code ip -d link show}. */
    public List<Link> links() throws NetlinkException {
        String operation = "list links";
        return decodeAll(socket.exchange(LinkMessages.dumpLinks(), operation), LinkMessages::decode, operation);
    }

    /** Equivalent to: {@code ip -d link show dev NAME}; empty when there is no such link. */
    public Optional<Link> link(String name) throws NetlinkException {
        Objects.requireNonNull(name, "link name was not specified");
        return single(LinkMessages.getLink(name), "read link " + name);
    }

    /** Equivalent to: {@code ip -d link show} filtered by index; empty when there is no such link. */
    public Optional<Link> link(int index) throws NetlinkException {
        return single(LinkMessages.getLink(index), "read link " + index);
    }

    /**
     * Creates the macvtap and returns it as the kernel reports it (with its MAC and index).
     * Equivalent to: {@code ip link add link PARENT name NAME [index N] type macvtap mode MODE}.
     *
     * @throws NetlinkException with EEXIST when a link of that name (or the requested index) exists
     */
    public Link addMacvtap(Macvtap spec) throws NetlinkException {
        Objects.requireNonNull(spec, "macvtap was not specified");
        String operation = "create macvtap " + spec.name() + " on link " + spec.parentIndex();
        if (Logger.isDebugEnabled()) {
            Logger.debug("{} link add link {} name {}{} type macvtap mode {}", ip, nameOf(spec.parentIndex()),
                    spec.name(), spec.requestedIndex() == 0 ? "" : " index " + spec.requestedIndex(),
                    spec.mode().ipWord());
        }
        socket.exchange(LinkMessages.newMacvtap(spec), operation);
        return link(spec.name()).orElseThrow(
                () -> NetlinkException.protocol(operation, "the new link " + spec.name() + " cannot be read back"));
    }

    /** Equivalent to: {@code ip link set dev NAME up}. */
    public void setUp(int index) throws NetlinkException {
        if (Logger.isDebugEnabled()) {
            Logger.debug("{} link set dev {} up", ip, nameOf(index));
        }
        socket.exchange(LinkMessages.setUp(index), "set link " + index + " up");
    }

    /** Equivalent to: {@code ip link del dev NAME}. */
    public void deleteLink(int index) throws NetlinkException {
        if (Logger.isDebugEnabled()) {
            Logger.debug("{} link del dev {}", ip, nameOf(index));
        }
        socket.exchange(LinkMessages.deleteLink(index), "delete link " + index);
    }

    /** Equivalent to: {@code ip -4 addr show dev NAME}. */
    public List<Address> addresses(int index) throws NetlinkException {
        String operation = "list the IPv4 addresses of link " + index;
        return decodeAll(socket.exchange(AddressMessages.dumpAddresses(), operation), AddressMessages::decode,
                operation).stream().filter(address -> address.index() == index).toList();
    }

    /**
     * Equivalent to: {@code ip addr del ADDRESS/PREFIX dev NAME}. Removing a link's last IPv4
     * address makes the kernel drop the routes through that link, the default route included:
     * read {@link #defaultRoute()} first.
     */
    public void deleteAddress(Address address) throws NetlinkException {
        Objects.requireNonNull(address, "address was not specified");
        if (Logger.isDebugEnabled()) {
            Logger.debug("{} addr del {} dev {}", ip, address.cidr(), nameOf(address.index()));
        }
        socket.exchange(AddressMessages.deleteAddress(address),
                "delete address " + address.cidr() + " from link " + address.index());
    }

    /** Equivalent to: {@code ip -4 route show table main} (unicast routes). */
    public List<Route> routes() throws NetlinkException {
        String operation = "list IPv4 routes";
        return decodeAll(socket.exchange(RouteMessages.dumpRoutes(), operation), RouteMessages::decode, operation);
    }

    /** Equivalent to: {@code ip -4 route show default}; the first one through a gateway. */
    public Optional<Route> defaultRoute() throws NetlinkException {
        return routes().stream().filter(Route::isDefault).findFirst();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (NetlinkException e) {
            Logger.warn(e, "Failed to close the netlink socket");
        }
    }

    private Optional<Link> single(NetlinkRequest request, String operation) throws NetlinkException {
        try {
            return decodeAll(socket.exchange(request, operation), LinkMessages::decode, operation).stream().findFirst();
        } catch (NetlinkException e) {
            if (e.errno() == NetlinkConstants.ENODEV) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static <T> List<T> decodeAll(List<Reply.Message> messages, Function<Reply.Message, Optional<T>> decoder,
                                         String operation) throws NetlinkException {
        List<T> values = new ArrayList<>(messages.size());
        for (Reply.Message message : messages) {
            try {
                decoder.apply(message).ifPresent(values::add);
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                NetlinkException failure = NetlinkException.protocol(operation, "malformed message: " + e.getMessage());
                failure.initCause(e);
                throw failure;
            }
        }
        return values;
    }

    // Only for the log line: `ip` takes names, the kernel takes indexes.
    private String nameOf(int index) throws NetlinkException {
        return link(index).map(Link::name).orElse("<index " + index + ">");
    }
}
