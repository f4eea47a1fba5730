package io.unikernel.demo.netlink;

import static io.unikernel.demo.netlink.AddressMessagesTest.inet4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Against the real kernel, as root: each test gets a fresh namespace holding "eth0" (a veth whose
 * peer stays in the host namespace) with 10.213.0.2/24 and a default route via 10.213.0.1, like a
 * Docker container. `ip` checks every result independently.
 */
class RouteNetlinkTest {
    private String namespace;
    private String hostEnd;
    private RouteNetlink netlink;

    @BeforeEach
    void createContainerLikeNamespace() throws Exception {
        String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(2);
        namespace = "du-test-" + suffix;
        hostEnd = "duh" + suffix;
        Ip.run("netns", "add", namespace);
        Ip.run("link", "add", hostEnd, "type", "veth", "peer", "name", "eth0", "netns", namespace);
        Ip.run("link", "set", hostEnd, "up");
        Ip.run("-n", namespace, "link", "set", "lo", "up");
        Ip.run("-n", namespace, "link", "set", "eth0", "up");
        Ip.run("-n", namespace, "addr", "add", "10.213.0.2/24", "dev", "eth0");
        Ip.run("-n", namespace, "route", "add", "default", "via", "10.213.0.1");
        netlink = RouteNetlink.openIn(Path.of("/var/run/netns", namespace));
    }

    @AfterEach
    void removeNamespace() throws Exception {
        if (netlink != null) {
            netlink.close();
        }
        Ip.runQuietly("netns", "del", namespace);
        Ip.runQuietly("link", "del", hostEnd);
        assertFalse(Ip.run("netns", "list").contains(namespace), "namespace " + namespace + " left behind");
        assertFalse(Ip.values(Ip.run("-j", "link", "show"), "ifname").contains(hostEnd),
                "host end of the veth " + hostEnd + " left behind");
    }

    @Test
    void createsMacvtapNamedAfterEth0MacAndSetsItUp() throws Exception {
        Link eth0 = netlink.link("eth0").orElseThrow();
        String name = "vtap" + eth0.mac().lastThreeBytesHex();

        Link created = netlink.addMacvtap(Macvtap.bridge(name, eth0.index()));
        netlink.setUp(created.index());

        String json = Ip.run("-n", namespace, "-d", "-j", "link", "show", "dev", name);
        assertEquals(String.valueOf(created.index()), Ip.value(json, "ifindex"));
        assertEquals(created.mac().toString(), Ip.value(json, "address"));
        assertEquals("macvtap", Ip.value(json, "info_kind"));
        assertEquals("bridge", Ip.value(json, "mode"));
        assertEquals("eth0", Ip.value(json, "link"));
        assertTrue(json.matches("(?s).*\"flags\":\\[[^]]*\"UP\".*"), json);
        assertEquals(eth0.index(), created.parentIndex());
        assertEquals("macvtap", created.kind());
        assertTrue(netlink.link(name).orElseThrow().up());
    }

    @Test
    void listsTheLinksIpSees() throws Exception {
        String json = Ip.run("-n", namespace, "-j", "link", "show");

        List<Link> links = netlink.links();

        assertEquals(Ip.values(json, "ifname"), links.stream().map(Link::name).toList());
        assertEquals(Ip.values(json, "ifindex"), links.stream().map(link -> String.valueOf(link.index())).toList());
        Link eth0 = links.stream().filter(link -> link.name().equals("eth0")).findFirst().orElseThrow();
        assertEquals("veth", eth0.kind());
        assertTrue(eth0.up());
        assertEquals(MacAddress.parse(Ip.value(Ip.run("-n", namespace, "-j", "link", "show", "dev", "eth0"),
                "address")), eth0.mac());
    }

    @Test
    void readsAddressAndDefaultRouteThenDeletesAddress() throws Exception {
        int eth0 = netlink.link("eth0").orElseThrow().index();

        List<Address> addresses = netlink.addresses(eth0);
        Optional<Route> defaultRoute = netlink.defaultRoute();
        netlink.deleteAddress(addresses.get(0));

        assertEquals(List.of(new Address(eth0, inet4("10.213.0.2"), 24)), addresses);
        assertEquals(Optional.of(new Route(inet4("0.0.0.0"), 0, Optional.of(inet4("10.213.0.1")), eth0)),
                defaultRoute);
        assertEquals(List.of(), Ip.values(Ip.run("-n", namespace, "-j", "-4", "addr", "show", "dev", "eth0"), "local"));
        assertEquals(List.of(), netlink.addresses(eth0));
        // The kernel drops routes through a link that lost its last address: read the route first.
        assertEquals("[]", Ip.run("-n", namespace, "-j", "route", "show", "default").strip());
        assertEquals(Optional.empty(), netlink.defaultRoute());
    }

    @Test
    void routesMatchIp() throws Exception {
        String json = Ip.run("-n", namespace, "-j", "-4", "route", "show", "table", "main");

        List<Route> routes = netlink.routes();

        assertEquals(Ip.values(json, "dst"), routes.stream()
                .map(route -> route.isDefault() ? "default" : route.destination().getHostAddress() + "/" + route.prefixLength())
                .toList());
    }

    @Test
    void leavesCallerInItsOwnNamespace() throws Exception {
        String before = Ip.currentNetns();

        try (RouteNetlink other = RouteNetlink.openIn(Path.of("/var/run/netns", namespace))) {
            assertEquals(before, Ip.currentNetns());
            assertTrue(other.link(hostEnd).isEmpty(), "the handle must see the namespace, not the host");
            assertTrue(other.link("eth0").isPresent());
        }
        assertTrue(RouteNetlink.open().link(hostEnd).isPresent(), "open() must stay in the caller's namespace");
    }

    @Test
    void reportsExistingMacvtapAsEexist() throws Exception {
        int eth0 = netlink.link("eth0").orElseThrow().index();
        netlink.addMacvtap(Macvtap.bridge("vtap110004", eth0));

        NetlinkException e = assertThrows(NetlinkException.class,
                () -> netlink.addMacvtap(Macvtap.bridge("vtap110004", eth0)));

        assertEquals(17, e.errno());
        assertEquals("EEXIST", e.errnoName());
        assertEquals("Failed to create macvtap vtap110004 on link " + eth0 + ": File exists (EEXIST, errno 17)",
                e.getMessage());
    }

    @Test
    void createsMacvtapWithRequestedIndex() throws Exception {
        int eth0 = netlink.link("eth0").orElseThrow().index();

        Link created = netlink.addMacvtap(new Macvtap("vtapidx", eth0, MacvlanMode.BRIDGE, 4242));

        assertEquals(4242, created.index());
        assertEquals("4242", Ip.value(Ip.run("-n", namespace, "-j", "link", "show", "dev", "vtapidx"), "ifindex"));
    }

    @ParameterizedTest
    @EnumSource(MacvlanMode.class)
    void createsReadsAndDeletesMacvtapInEachMode(MacvlanMode mode) throws Exception {
        int eth0 = netlink.link("eth0").orElseThrow().index();

        Link created = netlink.addMacvtap(new Macvtap("vtapmode", eth0, mode, 0));
        String json = Ip.run("-n", namespace, "-d", "-j", "link", "show", "dev", "vtapmode");
        netlink.deleteLink(created.index());

        assertEquals(mode.name().toLowerCase(java.util.Locale.ROOT), Ip.value(json, "mode"));
        assertEquals(Optional.empty(), netlink.link("vtapmode"));
        assertEquals(Optional.empty(), netlink.link(created.index()));
        assertFalse(Ip.run("-n", namespace, "-j", "link", "show").contains("vtapmode"));
    }

    @Test
    void refusesCallsAfterClose() throws Exception {
        RouteNetlink closed = RouteNetlink.open();
        closed.close();

        assertEquals("Failed to list links: the netlink handle is closed",
                assertThrows(IllegalStateException.class, closed::links).getMessage());
    }

    @Test
    void reportsMissingLinkAsEmpty() throws Exception {
        assertEquals(Optional.empty(), netlink.link("nosuch0"));
    }

    @Test
    void reportsMissingNamespaceFileWithErrno() {
        NetlinkException e = assertThrows(NetlinkException.class,
                () -> RouteNetlink.openIn(Path.of("/var/run/netns/du-test-missing")));

        assertEquals("ENOENT", e.errnoName());
        assertEquals("Failed to open network namespace /var/run/netns/du-test-missing: "
                + "No such file or directory (ENOENT, errno 2)", e.getMessage());
    }

    @Test
    void reportsMacvtapOnMissingParentWithErrno() throws Exception {
        NetlinkException e = assertThrows(NetlinkException.class,
                () -> netlink.addMacvtap(Macvtap.bridge("vtapnone", 9999)));

        assertEquals("ENODEV", e.errnoName());
    }
}
