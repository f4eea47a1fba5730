package io.unikernel.demo.dns;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The names the DNS server answers, as an immutable value built from container records:
 * each container's name and hostname, bare and under {@value #DOMAIN}, case-insensitive.
 * Two containers that share a hostname both answer it.
 */
public final class NameTable {
    /** The zone the server is authoritative for: unknown names under it are NXDOMAIN. */
    public static final String DOMAIN = "docker";

    private static final NameTable EMPTY = new NameTable(List.of());

    private final List<ContainerRecord> records;
    private final Map<String, List<Inet4Address>> addresses;

    private NameTable(List<ContainerRecord> records) {
        this.records = List.copyOf(records);
        Map<String, List<Inet4Address>> byName = new LinkedHashMap<>();
        for (ContainerRecord record : this.records) {
            for (String name : namesOf(record)) {
                List<Inet4Address> list = byName.computeIfAbsent(name, n -> new ArrayList<>());
                if (!list.contains(record.address())) {
                    list.add(record.address());
                }
            }
        }
        byName.replaceAll((name, list) -> List.copyOf(list));
        this.addresses = Collections.unmodifiableMap(byName);
    }

    public static NameTable empty() {
        return EMPTY;
    }

    public static NameTable of(Collection<ContainerRecord> records) {
        return records.isEmpty() ? EMPTY : new NameTable(List.copyOf(records));
    }

    /** The names one container answers to, normalised (lower case, no trailing dot). */
    public static List<String> namesOf(ContainerRecord record) {
        List<String> names = new ArrayList<>(4);
        for (String base : List.of(record.name(), record.hostname())) {
            String name = normalise(base);
            if (!name.isEmpty() && !names.contains(name)) {
                names.add(name);
                if (!name.endsWith("." + DOMAIN)) {
                    names.add(name + "." + DOMAIN);
                }
            }
        }
        return names;
    }

    /** The addresses of NAME (any case, trailing dot optional), empty if no container has it. */
    public Optional<List<Inet4Address>> addresses(String name) {
        return Optional.ofNullable(addresses.get(normalise(name)));
    }

    /** True for names under {@value #DOMAIN}: the server answers them itself, NXDOMAIN if unknown. */
    public static boolean isAuthoritativeFor(String name) {
        String n = normalise(name);
        return n.equals(DOMAIN) || n.endsWith("." + DOMAIN);
    }

    /** Every name answered, in insertion order. */
    public Collection<String> names() {
        return addresses.keySet();
    }

    public int size() {
        return records.size();
    }

    static String normalise(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NameTable other && addresses.equals(other.addresses);
    }

    @Override
    public int hashCode() {
        return addresses.hashCode();
    }

    @Override
    public String toString() {
        return "NameTable" + addresses;
    }
}
