package io.unikernel.demo.guest;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The readiness probe against real sockets on this host. */
class PortProbeTest {
    @Test
    void aListeningPortIsReadyAndAClosedOneIsNot() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        int port;
        try (ServerSocket server = new ServerSocket(0, 1, loopback)) {
            port = server.getLocalPort();
            assertTrue(PortProbe.listening(loopback, port));
        }
        assertFalse(PortProbe.listening(loopback, port), "refused once the listener is gone");
    }

    @Test
    void anAddressThatNeverAnswersIsNotReadyAfterTheShortConnectTimeout() {
        // TEST-NET-1 (RFC 5737): routed nowhere, so the SYN goes unanswered, as to a guest not yet up.
        assertFalse(PortProbe.listening("192.0.2.1", 80));
    }
}
