package io.unikernel.demo.launcher;

import io.unikernel.demo.host.ContainerRoot;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;

/** The container's own resolver, the 2015 fallback when our DNS server is not running. */
final class ContainerResolvConf {
    private ContainerResolvConf() {
    }

    static Optional<String> firstNameserver(ContainerRoot root) {
        try {
            for (String line : Files.readAllLines(root.path().resolve("etc/resolv.conf"))) {
                String[] fields = line.strip().split("\\s+");
                if (fields.length >= 2 && fields[0].equals("nameserver")) {
                    return Optional.of(fields[1]);
                }
            }
        } catch (IOException e) {
            // a container without resolv.conf simply gives the guest no resolver
        }
        return Optional.empty();
    }
}
