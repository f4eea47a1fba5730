package io.unikernel.demo.launcher;

import io.unikernel.demo.host.ContainerRoot;
import org.tinylog.Logger;

import java.io.IOException;
import java.util.Optional;

/** The container's own resolver, the 2015 fallback when our DNS server is not running. */
final class ContainerResolvConf {
    private ContainerResolvConf() {
    }

    static Optional<String> firstNameserver(ContainerRoot root) {
        try {
            for (String line : root.readFile("etc/resolv.conf").lines().toList()) {
                String[] fields = line.strip().split("\\s+");
                if (fields.length >= 2 && fields[0].equals("nameserver")) {
                    return Optional.of(fields[1]);
                }
            }
        } catch (IOException e) {
            // a container without resolv.conf (or with a link there) simply gives the guest no resolver
            Logger.debug("no resolver from the container's resolv.conf: {}", e.getMessage());
        }
        return Optional.empty();
    }
}
