package io.unikernel.demo.host;

import jnr.unixsocket.UnixSocketAddress;
import jnr.unixsocket.UnixSocketChannel;
import jnr.unixsocket.UnixSocketOptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A connected unix stream socket whose reads give up after a timeout (jnr-unixsocket's
 * SO_RCVTIMEO): a read on Java's own unix channels would wait for ever on a peer that never answers.
 */
public final class UnixStream implements AutoCloseable {
    private final UnixSocketChannel channel;
    private final InputStream input;
    private final OutputStream output;

    private UnixStream(UnixSocketChannel channel) {
        this.channel = channel;
        this.input = Channels.newInputStream(channel);
        this.output = Channels.newOutputStream(channel);
    }

    /** Connects to {@code socket}; a read that waits longer than {@code receiveTimeout} fails. */
    public static UnixStream connect(Path socket, Duration receiveTimeout) throws IOException {
        UnixSocketChannel channel = UnixSocketChannel.open(new UnixSocketAddress(socket.toFile()));
        try {
            channel.setOption(UnixSocketOptions.SO_RCVTIMEO, Math.toIntExact(receiveTimeout.toMillis()));
            return new UnixStream(channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    public InputStream input() {
        return input;
    }

    public OutputStream output() {
        return output;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
