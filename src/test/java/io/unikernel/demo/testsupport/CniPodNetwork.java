package io.unikernel.demo.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A pod's network as Kubernetes makes it through containerd's CRI plugin, before any container
 * exists: a network namespace of its own, then CNI ADD of Debian's bridge plugin (host-local
 * addresses) on it, so the containers created afterwards find eth0 with its address and default
 * route. Closing undoes it all: CNI DEL, the namespace, the bridge (which DEL leaves), the
 * address store.
 */
public final class CniPodNetwork implements AutoCloseable {
    /** Debian's containernetworking-plugins. */
    public static final Path PLUGIN_DIR = Path.of("/usr/lib/cni");
    private static final String PLUGIN = "bridge";
    private static final String CNI_VERSION = "1.0.0";
    private static final String INTERFACE = "eth0";
    private static final long PLUGIN_TIMEOUT_S = 30;

    private final String netns;
    private final String bridge;
    private final Path ipamDir;
    private final byte[] config;
    private String address;

    private CniPodNetwork(String netns, String bridge, String subnet, Path ipamDir) throws IOException {
        this.netns = netns;
        this.bridge = bridge;
        this.ipamDir = ipamDir;
        ObjectMapper json = new ObjectMapper();
        ObjectNode conf = json.createObjectNode().put("cniVersion", CNI_VERSION).put("name", netns).put("type", PLUGIN)
                .put("bridge", bridge).put("isGateway", true).put("ipMasq", false);
        ObjectNode ipam = conf.putObject("ipam").put("type", "host-local").put("subnet", subnet).put("dataDir", ipamDir.toString());
        ipam.putArray("routes").addObject().put("dst", "0.0.0.0/0");
        this.config = json.writeValueAsBytes(conf);
    }

    /**
     * @param netns  the namespace's name (also the network's and CNI's container id), unique to the test
     * @param bridge the host bridge's name (at most 15 characters), unique to the test
     * @param subnet the addresses, e.g. 10.214.0.0/24; the bridge takes the first as the gateway
     */
    public static CniPodNetwork create(String netns, String bridge, String subnet, Path ipamDir) throws IOException {
        CniPodNetwork network = new CniPodNetwork(netns, bridge, subnet, ipamDir);
        network.remove();
        try {
            ip("netns", "add", netns);
            JsonNode result = new ObjectMapper().readTree(network.plugin("ADD"));
            String cidr = result.path("ips").path(0).path("address").asText();
            if (!cidr.contains("/")) {
                throw new IOException("CNI ADD gave no IPv4 address: " + result);
            }
            network.address = cidr.substring(0, cidr.indexOf('/'));
            return network;
        } catch (IOException | RuntimeException e) {
            network.close();
            throw e;
        }
    }

    /** What ctr run --with-ns network:PATH joins. */
    public Path netnsPath() {
        return Path.of("/var/run/netns", netns);
    }

    /** eth0's address in the namespace, as CNI ADD assigned it. */
    public String address() {
        return address;
    }

    @Override
    public void close() throws IOException {
        remove();
        if (Files.exists(netnsPath()) || HostCommand.run("ip", "link", "show", bridge).exitCode() == 0) {
            throw new IOException("could not remove the network namespace " + netns + " or the bridge " + bridge);
        }
    }

    private void remove() throws IOException {
        if (Files.exists(netnsPath())) {
            try {
                plugin("DEL");
            } catch (IOException e) {
                // The namespace goes anyway, and the veth pair with it.
            }
            HostCommand.run("ip", "netns", "del", netns);
        }
        HostCommand.run("ip", "link", "del", bridge);
        if (Files.exists(ipamDir)) {
            try (Stream<Path> files = Files.walk(ipamDir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** The bridge plugin as the CNI spec calls it: the command and namespace in CNI_* variables, the configuration on stdin. */
    private String plugin(String command) throws IOException {
        Path output = Files.createTempFile("cni-" + netns, ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(PLUGIN_DIR.resolve(PLUGIN).toString())
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().putAll(Map.of("CNI_COMMAND", command, "CNI_CONTAINERID", netns, "CNI_NETNS", netnsPath().toString(),
                    "CNI_IFNAME", INTERFACE, "CNI_PATH", PLUGIN_DIR.toString()));
            Process process = builder.start();
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(config);
            }
            if (!process.waitFor(PLUGIN_TIMEOUT_S, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IOException("CNI " + command + " of " + netns + " took longer than " + PLUGIN_TIMEOUT_S + " s");
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IOException("CNI " + command + " of " + netns + " failed (exit " + process.exitValue() + "): " + text.strip());
            }
            return text;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during CNI " + command + " of " + netns, e);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static void ip(String... args) throws IOException {
        String[] command = Stream.concat(Stream.of("ip"), Stream.of(args)).toArray(String[]::new);
        HostCommand.Result result = HostCommand.run(command);
        if (result.exitCode() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + result.output().strip());
        }
    }
}
