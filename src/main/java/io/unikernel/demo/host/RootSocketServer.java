package io.unikernel.demo.host;

import jdk.net.ExtendedSocketOptions;
import org.tinylog.Logger;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A unix socket of root's alone (mode 0600, and each peer's credentials checked by whoever
 * answers it), each connection answered on a thread of its own: what a resident helper listens
 * on. Closing it stops accepting, lets the connections in progress finish, and removes the socket.
 */
public final class RootSocketServer implements AutoCloseable {
    private static final Duration DRAIN = Duration.ofSeconds(10);

    private final Path socket;
    private final String name;
    private final ServerSocketChannel server;
    private final ExecutorService workers;

    private RootSocketServer(Path socket, String name, ServerSocketChannel server) {
        this.socket = socket;
        this.name = name;
        this.server = server;
        this.workers = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, name + "-request");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Binds {@code socket}, replacing a file a dead server left; the caller makes sure no live one is there. */
    public static RootSocketServer bind(Path socket, String name) throws IOException {
        Files.createDirectories(socket.getParent());
        Files.deleteIfExists(socket);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(socket));
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            server.close();
            throw e;
        }
        return new RootSocketServer(socket, name, server);
    }

    /** The peer's user name, as the kernel recorded it at connect (SO_PEERCRED). */
    public static String peerUser(SocketChannel client) throws IOException {
        return client.getOption(ExtendedSocketOptions.SO_PEERCRED).user().getName();
    }

    /** Writes all of {@code bytes}: a channel may take them in several writes. */
    public static void writeAll(SocketChannel client, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            client.write(buffer);
        }
    }

    /** Hands each connection to {@code answer} on a worker thread (which closes it), until closed. */
    public void serve(Consumer<SocketChannel> answer) {
        while (server.isOpen()) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                Logger.warn(e, "{}: accept failed", name);
                continue;
            }
            workers.execute(() -> {
                try (client) {
                    answer.accept(client);
                } catch (IOException e) {
                    Logger.warn(e, "{}: closing a connection failed", name);
                }
            });
        }
    }

    /** Stops accepting at once; the connections in progress still get their answers. */
    public void stopAccepting() throws IOException {
        server.close();
    }

    @Override
    public void close() throws IOException {
        server.close();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(DRAIN.toSeconds(), TimeUnit.SECONDS)) {
                Logger.warn("{}: requests still running after {} s; stopping anyway", name, DRAIN.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(socket);
    }
}
