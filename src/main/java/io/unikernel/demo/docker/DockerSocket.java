package io.unikernel.demo.docker;

import io.unikernel.demo.json.JsonSyntaxException;
import io.unikernel.demo.json.JsonText;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.URLEncoder;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The one question the runtime's create asks Docker (the KVM probe image's id, part of the
 * verdict's key), asked over the daemon's unix socket with one HTTP/1.0 request. docker-java
 * would answer it too, but a cold JVM spends a quarter of a second loading it for the first
 * request; this costs a few milliseconds.
 */
public record DockerSocket(Path socket) {
    private static final String UNIX_SCHEME = "unix://";
    /** Docker answers an image inspect in milliseconds; a daemon that does not is treated as absent. */
    private static final Duration DEADLINE = Duration.ofSeconds(5);
    private static final int HTTP_OK = 200;
    private static final int HTTP_NOT_FOUND = 404;

    /** The socket of {@code host} ({@link DockerClients#host()}); empty when it is not a unix socket (tcp://...). */
    public static Optional<DockerSocket> of(String host) {
        return host.startsWith(UNIX_SCHEME) ? Optional.of(new DockerSocket(Path.of(host.substring(UNIX_SCHEME.length())))) : Optional.empty();
    }

    /**
     * The image's id ({@code sha256:...}); empty when Docker has no such image.
     *
     * @throws DockerUnavailableException when the daemon cannot be reached or gives no usable answer
     */
    public Optional<String> imageId(String image) {
        String host = UNIX_SCHEME + socket;
        String response;
        try {
            response = get("/images/" + URLEncoder.encode(image, StandardCharsets.UTF_8) + "/json");
        } catch (IOException e) {
            throw new DockerUnavailableException(host, e);
        }
        int status = status(response);
        if (status == HTTP_NOT_FOUND) {
            return Optional.empty();
        }
        int body = response.indexOf("\r\n\r\n");
        if (status != HTTP_OK || body < 0) {
            throw new DockerUnavailableException(host, new IOException("image inspect of " + image + " answered: "
                    + response.lines().findFirst().orElse("nothing")));
        }
        try {
            if (JsonText.parse(response.substring(body + 4)) instanceof JsonText.ObjectValue inspect
                    && inspect.member("Id").map(JsonText.Member::value).orElse(null) instanceof JsonText.StringValue id) {
                return Optional.of(id.text());
            }
            throw new DockerUnavailableException(host, new IOException("image inspect of " + image + " has no Id"));
        } catch (JsonSyntaxException e) {
            throw new DockerUnavailableException(host, e);
        }
    }

    /** HTTP/1.0, so the daemon closes the connection after its answer: no chunked body, no keep-alive. */
    private String get(String path) throws IOException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            ByteBuffer request = ByteBuffer.wrap(("GET " + path + " HTTP/1.0\r\nHost: docker\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            while (request.hasRemaining()) {
                channel.write(request);
            }
            channel.configureBlocking(false);
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(8192);
            try (Selector selector = Selector.open()) {
                channel.register(selector, SelectionKey.OP_READ);
                while (true) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new IOException("no answer within " + DEADLINE.toSeconds() + " s");
                    }
                    selector.select(Math.max(1, left / 1_000_000));
                    selector.selectedKeys().clear();
                    int read = channel.read(buffer);
                    if (read < 0) {
                        return answer.toString(StandardCharsets.UTF_8);
                    }
                    answer.write(buffer.array(), 0, buffer.position());
                    buffer.clear();
                }
            }
        }
    }

    /** The status code of {@code HTTP/1.x CODE ...}; -1 when the answer does not start so. */
    private static int status(String response) {
        String[] words = response.split(" ", 3);
        if (words.length < 2 || !words[0].startsWith("HTTP/")) {
            return -1;
        }
        try {
            return Integer.parseInt(words[1]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
