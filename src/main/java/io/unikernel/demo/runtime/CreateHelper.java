package io.unikernel.demo.runtime;

import io.unikernel.demo.host.HostPaths;
import io.unikernel.demo.host.JarStamp;
import io.unikernel.demo.host.RootSocketServer;
import io.unikernel.demo.launcher.Plumbing;
import org.tinylog.Logger;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The resident half of docker-unikernel-runtime: the two {@link CreateSteps} of a create, done in
 * a JVM that is already up, so that a create of one of our images costs runc's create plus a few
 * milliseconds instead of a JVM start. runc itself still runs from the client
 * (scripts/runtime-create-client.pl), because the container's stdio is the client's. Only root may
 * ask (the socket is root's alone, and the peer's credentials are checked too). Once the jar it
 * was started from changes, it answers {@value #STALE} and stops: the client then does the create
 * in a JVM of its own, from the new jar.
 */
public final class CreateHelper implements AutoCloseable {
    /** Where docker-unikernel-runtime looks for the helper; the script names the same path. */
    public static final Path SOCKET = HostPaths.RUN_DIR.resolve("runtime-helper.sock");
    /** EX_TEMPFAIL from sysexits.h: "try again", here in a JVM of the client's own. */
    public static final int STALE = 75;
    private static final int MAX_REQUEST_BYTES = 1 << 20;

    private final RootSocketServer server;
    private final CreateSteps steps;
    private final Optional<JarStamp> jar;

    private CreateHelper(RootSocketServer server, CreateSteps steps, Optional<JarStamp> jar) {
        this.server = server;
        this.steps = steps;
        this.jar = jar;
    }

    /** Binds {@code socket}, replacing a file a dead helper left; the caller makes sure no live one is there. */
    public static CreateHelper bind(Path socket, HostPaths paths, Optional<JarStamp> jar) throws IOException {
        return new CreateHelper(RootSocketServer.bind(socket, "runtime helper"), new CreateSteps(paths), jar);
    }

    /**
     * Loads and links what a create reaches (the native calls, the KVM verdict, the edit of a
     * config.json) on a throw-away bundle, so the first real create does not pay for it.
     */
    public void warmUp() throws IOException, InterruptedException {
        Plumbing.loadNativeCalls();
        Path bundle = Files.createTempDirectory("runtime-helper-warm-up");
        try {
            Path config = bundle.resolve("config.json");
            Files.writeString(config, "{\"process\":{\"env\":[]},\"linux\":{\"resources\":{\"devices\":[]}}}");
            RuncCall call = RuncCall.parse(List.of("create", "--bundle", bundle.toString(), "warm-up"));
            steps.addDevices(call, System.err);
            Files.delete(config);
        } finally {
            Files.deleteIfExists(bundle);
        }
    }

    /** Answers requests, each on a thread of its own, until closed or stale. */
    public void serve() {
        server.serve(this::answer);
    }

    private void answer(SocketChannel client) {
        try {
            Optional<byte[]> reply = reply(client);
            if (reply.isPresent()) {
                RootSocketServer.writeAll(client, reply.get());
            }
        } catch (IOException e) {
            Logger.warn(e, "runtime helper: a request failed");
        }
    }

    /**
     * The reply: the status as a decimal line, then what the client prints on its stderr; none to
     * a connection that sends nothing (HelperProcess asking whether the helper is up).
     */
    private Optional<byte[]> reply(SocketChannel client) throws IOException {
        CreateHelperRequest request;
        try {
            // The whole request first, even from a peer refused below: unread bytes at close reset the
            // connection, and the client would lose the reply.
            byte[] bytes = readRequest(client);
            if (bytes.length == 0) {
                return Optional.empty();
            }
            String peer = RootSocketServer.peerUser(client);
            if (!peer.equals("root")) {
                return reply(CreateSteps.FAILED, RuncLog.PREFIX + "the runtime helper answers root only, not " + peer + "\n");
            }
            request = CreateHelperRequest.decode(bytes);
        } catch (IllegalArgumentException e) {
            return reply(CreateSteps.FAILED, RuncLog.PREFIX + "bad request to the runtime helper: " + e.getMessage() + "\n");
        }
        if (jar.isPresent() && jar.get().changed()) {
            System.err.println("runtime helper: " + jar.get().jar() + " changed since it started; stopping");
            server.stopAccepting();
            return reply(STALE, "");
        }
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(text, true, StandardCharsets.UTF_8);
        int status;
        long start = System.nanoTime();
        try {
            Optional<RuncCall> call = RuntimeMain.parse(request.args(), err);
            status = call.map(c -> switch (request.phase()) {
                case DEVICES -> devices(c, err);
                case PLUMB -> steps.plumb(c, new Runc(request.runc(), c.globalOptions()), err);
            }).orElse(CreateSteps.FAILED);
            // One line per step in the helper's log: what it did, for whom, how fast.
            System.err.printf("runtime helper: %s %s: status %d in %.1f ms%n", request.phase().word(),
                    call.map(RuncCall::containerId).orElse("(no container)"), status, (System.nanoTime() - start) / 1e6);
        } catch (RuntimeException e) {
            Logger.warn(e, "runtime helper: {} failed", request.phase());
            err.println(RuncLog.PREFIX + "the runtime helper failed: " + e);
            status = CreateSteps.FAILED;
        }
        return reply(status, text.toString(StandardCharsets.UTF_8));
    }

    private int devices(RuncCall call, PrintStream err) {
        try {
            return steps.addDevices(call, err);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            RuncLog.error(call, "the runtime helper was stopped during the create of " + call.containerId(), err);
            return CreateSteps.FAILED;
        }
    }

    private static Optional<byte[]> reply(int status, String stderr) {
        return Optional.of((status + "\n" + stderr).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] readRequest(SocketChannel client) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        while (client.read(buffer) >= 0) {
            request.write(buffer.array(), 0, buffer.position());
            buffer.clear();
            if (request.size() > MAX_REQUEST_BYTES) {
                throw new IllegalArgumentException("more than " + MAX_REQUEST_BYTES + " bytes");
            }
        }
        return request.toByteArray();
    }

    /** Stops accepting, lets the requests in progress finish, and removes the socket. */
    @Override
    public void close() throws IOException {
        server.close();
    }
}
