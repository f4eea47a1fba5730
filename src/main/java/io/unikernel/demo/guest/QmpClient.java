package io.unikernel.demo.guest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.unikernel.demo.host.ContainerRoot;
import io.unikernel.demo.host.HostException;
import io.unikernel.demo.host.UnixStream;
import org.tinylog.Logger;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * QEMU's machine protocol on the unix socket the runner opens ({@code /run/unikernel/qmp.sock}
 * in the container), reached from the host through the container's root ({@link ContainerRoot#withSocket}).
 */
public final class QmpClient implements AutoCloseable {
    /** The socket inside a unikernel container. */
    public static final String SOCKET = "run/unikernel/qmp.sock";
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final UnixStream stream;
    private final BufferedReader in;
    private final OutputStream out;

    private QmpClient(UnixStream stream) {
        this.stream = stream;
        this.in = new BufferedReader(new InputStreamReader(stream.input(), StandardCharsets.UTF_8));
        this.out = stream.output();
    }

    /** Connects and leaves the greeting's capabilities negotiation done. */
    public static QmpClient connect(Path socket) throws IOException {
        QmpClient qmp = new QmpClient(UnixStream.connect(socket, TIMEOUT));
        try {
            JsonNode greeting = qmp.readMessage();
            if (!greeting.has("QMP")) {
                throw new IOException("Failed to speak QMP on " + socket + ": the greeting was " + greeting);
            }
            qmp.execute("qmp_capabilities");
            return qmp;
        } catch (IOException | RuntimeException e) {
            qmp.close();
            throw e;
        }
    }

    /**
     * The VM's status in a running container, through the socket the runner opens under its
     * root; empty for images without one, before QEMU is up, or where the socket is a link (which
     * could lead to any socket of the host) or not a socket.
     */
    public static Optional<VmStatus> statusIn(ContainerRoot root) {
        try {
            return root.withSocket(SOCKET, socket -> {
                try (QmpClient qmp = connect(socket)) {
                    return qmp.status();
                }
            });
        } catch (IOException e) {
            Logger.debug("no VM status: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /** The VM's status in the container of a running process; empty as {@link #statusIn(ContainerRoot)} is. */
    public static Optional<VmStatus> statusOf(Path procRoot, int pid) {
        try (ContainerRoot root = ContainerRoot.open(procRoot, pid)) {
            return statusIn(root);
        } catch (HostException e) {
            Logger.debug("no VM status: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /** query-status and query-kvm, together. */
    public VmStatus status() throws IOException {
        String state = execute("query-status").path("status").asText("unknown");
        boolean kvm = execute("query-kvm").path("enabled").asBoolean(false);
        return new VmStatus(state, kvm ? "kvm" : "tcg");
    }

    /** Sends a command and returns its {@code return} value; asynchronous events in between are skipped. */
    public JsonNode execute(String command) throws IOException {
        out.write(("{\"execute\":\"" + command + "\"}\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        while (true) {
            JsonNode reply = readMessage();
            if (reply.has("return")) {
                return reply.get("return");
            }
            if (reply.has("error")) {
                throw new IOException("QEMU refused " + command + ": " + reply.get("error").path("desc").asText());
            }
        }
    }

    private JsonNode readMessage() throws IOException {
        String line = in.readLine();
        if (line == null) {
            throw new IOException("QEMU closed the QMP socket");
        }
        return JSON.readTree(line);
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
