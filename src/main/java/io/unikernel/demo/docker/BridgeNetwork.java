package io.unikernel.demo.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Network;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/** Docker's default {@value #NAME} network, as the host sees it. */
public final class BridgeNetwork {
    public static final String NAME = "bridge";
    /** Network option naming the host interface of the bridge (docker0 by default). */
    static final String BRIDGE_NAME_OPTION = "com.docker.network.bridge.name";
    static final String DEFAULT_INTERFACE = "docker0";

    private BridgeNetwork() {
    }

    /**
     * The IPv4 gateway of the {@value #NAME} network (the host's address on it, e.g. 172.17.0.1):
     * the IPAM config's gateway, or, where the daemon leaves that empty (Docker 20.10 does for
     * the default bridge), the IPv4 address of the bridge interface inside the IPAM subnet.
     * Equivalent to: {@code docker network inspect bridge -f '{{(index .IPAM.Config 0).Gateway}}'}.
     *
     * @throws IllegalStateException when the network has no IPv4 gateway
     */
    public static Inet4Address gateway(DockerClient docker) {
        Objects.requireNonNull(docker, "docker was not specified");
        Network network = docker.inspectNetworkCmd().withNetworkId(NAME).exec();
        List<Network.Ipam.Config> configs = network.getIpam() == null || network.getIpam().getConfig() == null
                ? List.of() : network.getIpam().getConfig();
        for (Network.Ipam.Config config : configs) {
            Inet4Address gateway = ipv4(config.getGateway());
            if (gateway != null) {
                return gateway;
            }
        }
        Map<String, String> options = network.getOptions() == null ? Map.of() : network.getOptions();
        String interfaceName = options.getOrDefault(BRIDGE_NAME_OPTION, DEFAULT_INTERFACE);
        for (Network.Ipam.Config config : configs) {
            Inet4Address onInterface = interfaceAddressIn(interfaceName, config.getSubnet());
            if (onInterface != null) {
                return onInterface;
            }
        }
        throw new IllegalStateException("Failed to find the IPv4 gateway of docker network '" + NAME
                + "': its IPAM config " + configs.stream().map(c -> c.getSubnet() + " gw " + c.getGateway()).toList()
                + " names none and interface " + interfaceName + " has no IPv4 address in it"
                + "; hint: check 'docker network inspect bridge' and 'ip addr show " + interfaceName + "'");
    }

    /**
     * The IPv4 subnets of the {@value #NAME} network: where containers on it take their addresses.
     * Equivalent to: {@code docker network inspect bridge -f '{{range .IPAM.Config}}{{.Subnet}} {{end}}'}.
     */
    public static List<Ipv4Subnet> subnets(DockerClient docker) {
        Objects.requireNonNull(docker, "docker was not specified");
        return ipv4Subnets(docker.inspectNetworkCmd().withNetworkId(NAME).exec()).toList();
    }

    /**
     * The IPv4 subnets of every network with the bridge driver: the default one and those that
     * users and compose create. Equivalent to: {@code docker network ls --filter driver=bridge}, then
     * each one's IPAM subnets.
     */
    public static List<Ipv4Subnet> allBridgeSubnets(DockerClient docker) {
        Objects.requireNonNull(docker, "docker was not specified");
        return docker.listNetworksCmd().exec().stream()
                .filter(n -> "bridge".equals(n.getDriver()))
                .flatMap(BridgeNetwork::ipv4Subnets).distinct().toList();
    }

    private static Stream<Ipv4Subnet> ipv4Subnets(Network network) {
        List<Network.Ipam.Config> configs = network.getIpam() == null || network.getIpam().getConfig() == null
                ? List.of() : network.getIpam().getConfig();
        return configs.stream().map(Network.Ipam.Config::getSubnet)
                .filter(s -> s != null && s.matches("\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}"))
                .map(Ipv4Subnet::parse);
    }

    private static Inet4Address interfaceAddressIn(String interfaceName, String subnet) {
        if (subnet == null || !subnet.contains("/")) {
            return null;
        }
        Inet4Address network = ipv4(subnet.substring(0, subnet.indexOf('/')));
        int prefix = Integer.parseInt(subnet.substring(subnet.indexOf('/') + 1));
        if (network == null) {
            return null;
        }
        try {
            NetworkInterface nic = NetworkInterface.getByName(interfaceName);
            if (nic == null) {
                return null;
            }
            for (InterfaceAddress address : nic.getInterfaceAddresses()) {
                if (address.getAddress() instanceof Inet4Address v4 && sameSubnet(v4, network, prefix)) {
                    return v4;
                }
            }
        } catch (SocketException e) {
            return null;
        }
        return null;
    }

    static boolean sameSubnet(Inet4Address a, Inet4Address b, int prefix) {
        int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
        return (toInt(a) & mask) == (toInt(b) & mask);
    }

    private static int toInt(Inet4Address address) {
        byte[] b = address.getAddress();
        return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    }

    private static Inet4Address ipv4(String literal) {
        if (literal == null || !literal.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return null;
        }
        try {
            return (Inet4Address) InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
