package io.unikernel.demo.docker;


import java.util.Optional;

/** One of our containers with what its guest uses: macvtap, MAC and tap device (while running). */
public record ManagedContainer(ContainerInfo container, Optional<String> macvtap, Optional<String> mac, Optional<String> tapDevice) {
}
