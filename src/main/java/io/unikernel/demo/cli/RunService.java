package io.unikernel.demo.cli;

import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.docker.DockerClients;
import io.unikernel.demo.host.HostPaths;
import io.unikernel.demo.host.JarStamp;
import io.unikernel.demo.host.Kvm;
import io.unikernel.demo.host.RootSocketServer;
import io.unikernel.demo.launcher.Plumbing;
import io.unikernel.demo.launcher.RunOptions;
import io.unikernel.demo.launcher.RunOptionsParser;
import org.tinylog.Logger;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The resident half of {@code docker-unikernel run}: a detached run done in a JVM that is already
 * up and warm, so that it costs Docker's create and start plus a few milliseconds, not a JVM start
 * and a cold Docker client. It runs the very {@link RunCommand} a JVM of the client's own would, so
 * output, errors and exit status are the same. What it cannot do as the client would, it hands back
 * with {@value #DO_IT_YOURSELF} (the client then runs the JVM itself): an attached run (the console
 * needs the client's terminal), a client whose environment differs from the helper's in what a run
 * reads ({@link #ENVIRONMENT_READ}), and any run once the jar it was started from has changed (then
 * it stops, too). The client's end of the socket closing before the answer means its user pressed
 * Ctrl-C: the container that run made is removed, as a JVM of the client's own would on SIGINT.
 */
public final class RunService implements AutoCloseable {
    /** Where the docker-unikernel script looks for the service; the script names the same path. */
    public static final Path SOCKET = HostPaths.RUN_DIR.resolve("run-helper.sock");
    /** EX_TEMPFAIL from sysexits.h: "try again", here in a JVM of the client's own. */
    public static final int DO_IT_YOURSELF = 75;
    /** 128 + SIGINT, what a shell reports for a command ended by Ctrl-C. */
    static final int INTERRUPTED = 130;
    /** The variables a run reads from its environment; a client that differs in one runs the JVM itself. */
    static final List<String> ENVIRONMENT_READ = List.of(Kvm.HIDE_ENV, HostPaths.CACHE_ENV, DockerClients.HOST_ENV);
    private static final int MAX_REQUEST_BYTES = 1 << 20;
    private static final String WARM_UP = "docker-unikernel-helper-warm-up";
    /** No image has this name: the warm-up's create is refused before anything is made. */
    private static final String WARM_UP_IMAGE = "unikernel/" + WARM_UP + ":none";

    private final RootSocketServer server;
    private final Optional<JarStamp> jar;
    private final Map<String, String> environment;

    private RunService(RootSocketServer server, Optional<JarStamp> jar, Map<String, String> environment) {
        this.server = server;
        this.jar = jar;
        this.environment = environment;
    }

    /**
     * @param environment the helper's own, against which each client's is compared
     */
    public static RunService bind(Path socket, Optional<JarStamp> jar, Map<String, String> environment) throws IOException {
        return new RunService(RootSocketServer.bind(socket, "run helper"), jar, environment);
    }

    /**
     * Loads and links what a run reaches, so the first one does not pay for it: a whole run of an
     * image that is not there (parsing, checks, the KVM verdict, the create call, refused by Docker,
     * so nothing is made), then the calls after a create, on a container that is not there either.
     */
    public void warmUp() throws IOException, InterruptedException {
        Plumbing.loadNativeCalls();
        ByteArrayOutputStream ignored = new ByteArrayOutputStream();
        PrintStream discard = new PrintStream(ignored, true, StandardCharsets.UTF_8);
        Main.run(List.of("run", "--name", WARM_UP, WARM_UP_IMAGE), discard, discard);
        try (ContainerEngine engine = ContainerEngine.connect()) {
            engine.inspect(WARM_UP);
            engine.start(WARM_UP);
        } catch (RuntimeException expected) {
            Logger.debug("run helper: warm-up start refused as expected: {}", expected.getMessage());
        }
    }

    /** Answers runs, each on a thread of its own, until closed or stale. */
    public void serve() {
        server.serve(this::answer);
    }

    private void answer(SocketChannel client) {
        try {
            Optional<RunRequest> request = read(client);
            if (request.isEmpty()) {
                return;
            }
            write(client, reply(client, request.get()));
        } catch (IllegalArgumentException e) {
            write(client, Reply.of(ParsedCommand.USAGE_ERROR, Main.PROGRAM + ": bad request to the run helper: " + e.getMessage() + "\n"));
        } catch (IOException e) {
            Logger.warn(e, "run helper: a request failed");
        }
    }

    private Reply reply(SocketChannel client, RunRequest request) throws IOException {
        String peer = RootSocketServer.peerUser(client);
        if (!peer.equals("root")) {
            return Reply.of(1, Main.PROGRAM + ": the run helper answers root only, not " + peer + "\n");
        }
        if (jar.isPresent() && jar.get().changed()) {
            System.err.println("run helper: " + jar.get().jar() + " changed since it started; stopping");
            server.stopAccepting();
            return Reply.of(DO_IT_YOURSELF, "");
        }
        Optional<String> differs = ENVIRONMENT_READ.stream()
                .filter(name -> !Objects.equals(request.environment().get(name), environment.get(name))).findFirst();
        if (differs.isPresent()) {
            System.err.println("run helper: the client's " + differs.get() + " differs from the helper's; the client runs it itself");
            return Reply.of(DO_IT_YOURSELF, "");
        }
        if (attaches(request.args())) {
            return Reply.of(DO_IT_YOURSELF, "");
        }
        AtomicBoolean interrupted = new AtomicBoolean();
        Thread watch = new Thread(() -> interrupted.set(clientEnded(client)), "run-helper-client-watch");
        watch.setDaemon(true);
        watch.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long start = System.nanoTime();
        List<String> args = new ArrayList<>(List.of("run"));
        args.addAll(request.args());
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        System.err.printf("run helper: run %s: status %d in %.1f ms%n", String.join(" ", request.args()), status, (System.nanoTime() - start) / 1e6);
        if (interrupted.get()) {
            return Reply.of(INTERRUPTED, err.toString(StandardCharsets.UTF_8) + undo(status, printed));
        }
        return new Reply(status, printed, err.toString(StandardCharsets.UTF_8));
    }

    /** What run must not do here: -a needs the client's terminal. A run that does not parse fails here as it would there. */
    private static boolean attaches(List<String> args) {
        try {
            RunOptions options = RunOptionsParser.parse(args);
            return options.attach();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Blocks until the client ends its side (or sends anything more): true then, false once the answer closed the socket. */
    private static boolean clientEnded(SocketChannel client) {
        try {
            return client.read(ByteBuffer.allocate(1)) != 0;
        } catch (IOException closedByTheAnswer) {
            return false;
        }
    }

    /** A detached run that succeeded printed its container's id alone: that container goes again. */
    private static String undo(int status, String printed) {
        if (status != 0) {
            return Main.PROGRAM + ": interrupted\n";
        }
        String id = printed.strip();
        try (ContainerEngine engine = ContainerEngine.connect()) {
            engine.remove(id, true);
            return Main.PROGRAM + ": interrupted; removed the container " + id + " it had started\n";
        } catch (RuntimeException e) {
            return Main.PROGRAM + ": interrupted; removing the container " + id + " failed: " + e.getMessage()
                    + " (remove it with 'docker-unikernel rm -f " + id + "')\n";
        }
    }

    private static Optional<RunRequest> read(SocketChannel client) throws IOException {
        byte[] bytes = new byte[8192];
        int length = 0;
        while (true) {
            if (length == bytes.length) {
                if (length >= MAX_REQUEST_BYTES) {
                    throw new IllegalArgumentException("more than " + MAX_REQUEST_BYTES + " bytes");
                }
                bytes = Arrays.copyOf(bytes, length * 2);
            }
            int n = client.read(ByteBuffer.wrap(bytes, length, bytes.length - length));
            if (n < 0) {
                if (length == 0) {
                    return Optional.empty();
                }
                throw new IllegalArgumentException("the request ended early");
            }
            length += n;
            Optional<RunRequest> request = RunRequest.decode(bytes, length);
            if (request.isPresent()) {
                return request;
            }
        }
    }

    private static void write(SocketChannel client, Reply reply) {
        try {
            RootSocketServer.writeAll(client, reply.encode());
        } catch (IOException e) {
            Logger.warn(e, "run helper: the client went before its answer");
        }
    }

    /** Stops accepting, lets the runs in progress finish, and removes the socket. */
    @Override
    public void close() throws IOException {
        server.close();
    }

    /** The exit status, then the byte count of stdout, each on a line; then stdout, then stderr. */
    record Reply(int status, String stdout, String stderr) {
        static Reply of(int status, String stderr) {
            return new Reply(status, "", stderr);
        }

        byte[] encode() {
            byte[] out = stdout.getBytes(StandardCharsets.UTF_8);
            byte[] err = stderr.getBytes(StandardCharsets.UTF_8);
            byte[] head = (status + "\n" + out.length + "\n").getBytes(StandardCharsets.UTF_8);
            byte[] all = Arrays.copyOf(head, head.length + out.length + err.length);
            System.arraycopy(out, 0, all, head.length, out.length);
            System.arraycopy(err, 0, all, head.length + out.length, err.length);
            return all;
        }
    }
}
