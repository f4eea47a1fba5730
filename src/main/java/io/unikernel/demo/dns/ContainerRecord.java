package io.unikernel.demo.dns;

import java.net.Inet4Address;
import java.util.Objects;

/**
 * What the DNS server knows about one running container: its id, name (without Docker's
 * leading slash), hostname and IPv4 address on the bridge.
 */
public record ContainerRecord(String id, String name, String hostname, Inet4Address address) {
    public ContainerRecord {
        Objects.requireNonNull(id, "id was not specified");
        Objects.requireNonNull(name, "name was not specified");
        Objects.requireNonNull(address, "address was not specified");
        if (id.isBlank()) {
            throw new IllegalArgumentException("container id is blank");
        }
        if (name.startsWith("/")) {
            name = name.substring(1);
        }
        if (name.isBlank()) {
            throw new IllegalArgumentException("container name is blank (id " + id + ")");
        }
        hostname = hostname == null ? "" : hostname;
    }
}
