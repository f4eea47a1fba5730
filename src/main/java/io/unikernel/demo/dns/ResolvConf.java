package io.unikernel.demo.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The {@code nameserver} lines of a resolv.conf(5), in order. Other lines are ignored. */
public record ResolvConf(List<InetAddress> nameservers) {
    /** Port a resolv.conf nameserver listens on: resolv.conf cannot name another. */
    public static final int DNS_PORT = 53;

    public ResolvConf {
        nameservers = List.copyOf(nameservers);
    }

    public static ResolvConf read(Path file) throws IOException {
        try {
            return parse(Files.readString(file, StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new IOException("Failed to read " + file + ": " + e, e);
        }
    }

    public static ResolvConf parse(String text) {
        List<InetAddress> servers = new ArrayList<>();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith(";")) {
                continue;
            }
            String[] words = trimmed.split("\\s+");
            if (words[0].equals("nameserver") && words.length >= 2) {
                parseAddress(words[1]).ifPresent(servers::add);
            }
        }
        return new ResolvConf(servers);
    }

    /** The nameservers as socket addresses on port 53. */
    public List<InetSocketAddress> socketAddresses() {
        return nameservers.stream().map(a -> new InetSocketAddress(a, DNS_PORT)).toList();
    }

    // Only literal addresses are valid in resolv.conf; never resolve a name here.
    private static java.util.Optional<InetAddress> parseAddress(String word) {
        String literal = word;
        int zone = literal.indexOf('%');
        if (zone >= 0 && literal.contains(":")) {
            literal = literal.substring(0, zone);
        }
        boolean ipv4 = literal.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean ipv6 = literal.contains(":") && literal.matches("[0-9A-Fa-f:.]+");
        if (!ipv4 && !ipv6) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(InetAddress.getByName(literal));
        } catch (UnknownHostException e) {
            return java.util.Optional.empty();
        }
    }
}
