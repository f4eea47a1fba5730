package io.unikernel.demo.guest;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * Is a guest listening yet? Every readiness wait asks this first, on a fresh socket with a
 * short connect timeout: Linux retransmits a SYN the guest was not yet there to answer only
 * after 1 s, so one long connect measures that timer (1,032 ms instead of 45 ms here) rather
 * than the guest. Waiters retry every {@link #RETRY}.
 */
public final class PortProbe {
    /** Far above a guest's answer on the bridge (well under a millisecond), far below the 1 s retransmission. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofMillis(50);
    public static final Duration RETRY = Duration.ofMillis(20);

    private PortProbe() {
    }

    public static boolean listening(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), (int) CONNECT_TIMEOUT.toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static boolean listening(String address, int port) {
        try {
            return listening(InetAddress.getByName(address), port);
        } catch (IOException e) {
            return false;
        }
    }
}
