package io.unikernel.demo.host;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class UnixStreamTest {
    @TempDir
    Path directory;

    @Test
    void carriesBytesBothWays() throws Exception {
        Path socket = directory.resolve("echo.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            try (UnixStream client = UnixStream.connect(socket, Duration.ofSeconds(5));
                 SocketChannel accepted = server.accept()) {
                client.output().write("ping".getBytes(StandardCharsets.US_ASCII));
                ByteBuffer received = ByteBuffer.allocate(4);
                while (received.hasRemaining()) {
                    accepted.read(received);
                }
                assertArrayEquals("ping".getBytes(StandardCharsets.US_ASCII), received.array());
                accepted.write(ByteBuffer.wrap("pong".getBytes(StandardCharsets.US_ASCII)));
                assertEquals("pong", new String(client.input().readNBytes(4), StandardCharsets.US_ASCII));
            }
        }
    }

    @Test
    @Timeout(10)
    void aReadFromASilentPeerEndsAfterTheTimeoutInsteadOfWaitingForEver() throws Exception {
        Path socket = directory.resolve("silent.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            try (UnixStream client = UnixStream.connect(socket, Duration.ofMillis(200));
                 SocketChannel accepted = server.accept()) {
                assertEquals(-1, client.input().read(),
                        "the peer is connected and silent: only the receive timeout ends the read, as an end of stream");
            }
        }
    }

    @Test
    void connectingWhereNothingListensFails() {
        assertThrows(IOException.class, () -> UnixStream.connect(directory.resolve("none.sock"), Duration.ofSeconds(1)));
    }
}
