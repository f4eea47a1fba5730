package io.unikernel.demo.cli;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.ansi.UnixLikeTerminal;
import com.googlecode.lanterna.terminal.ansi.UnixTerminal;
import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.dns.DnsServerState;
import io.unikernel.demo.docker.DockerUnavailableException;
import io.unikernel.demo.host.HostException;
import io.unikernel.demo.host.Privileges;
import io.unikernel.demo.host.TerminalGuard;
import io.unikernel.demo.scene.DemoSession;
import io.unikernel.demo.scene.DemoSessionLock;
import io.unikernel.demo.scene.Rehearsal;
import io.unikernel.demo.scene.SceneFile;
import io.unikernel.demo.scene.SceneFileException;
import io.unikernel.demo.scene.SceneParser;
import io.unikernel.demo.scene.SceneRunner;
import io.unikernel.demo.tui.AsciicastRecorder;
import io.unikernel.demo.tui.ConsoleLog;
import io.unikernel.demo.tui.DemoConsole;
import io.unikernel.demo.tui.KeyHelp;
import io.unikernel.demo.tui.LiveBackend;
import io.unikernel.demo.tui.ShellHandOver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** {@code docker-unikernel demo}: the demo console, or its headless rehearsal. */
@Command(name = "demo", sortOptions = false, sortSynopsis = false, description = {
        DemoCommand.SUMMARY,
        "",
        "Opens the full-screen demo console on SCENE-FILE (default " + DemoCommand.DEFAULT_SCENES + "): scenes with "
                + "their narration and steps on the left, the selected guest's serial console on the right, our "
                + "containers and their guests below. Images that are missing are built by the scenes. One demo "
                + "session runs per host at a time."})
final class DemoCommand implements Action {
    static final String SUMMARY = "The demo console: scenes, live guest consoles and state (or --rehearse them headless)";
    static final String DEFAULT_SCENES = "scenes/dockercon-eu-2015.yaml";

    private record Options(boolean rehearse, Optional<Path> record, Optional<Path> scenes, boolean force) {
    }

    @Option(names = "--rehearse", description = "Run every scene headless, shell steps with their scripted input, and "
            + "print a pass/fail report with each step's duration; exit status 0 only when all passed; removes what it "
            + "started")
    private boolean rehearse;

    @Option(names = "--record", paramLabel = "FILE.cast", description = "Record the session as an asciicast v2 file "
            + "(asciinema play FILE)")
    private Path record;

    @Option(names = "--force", description = "Run although another demo session runs on this host (one session per "
            + "host, as both name their guests alike and remove them all when they end)")
    private boolean force;

    @Parameters(paramLabel = "SCENE-FILE", arity = "0..1", description = "The scenes to play")
    private Path sceneFile;

    @Mixin
    private HelpOption help;

    /** Where the log goes and the console's keys, from the table the console's own help shows. */
    @Override
    public String helpFooter() {
        String text = "\nWhile the console owns the screen, warnings and errors go to " + ConsoleLog.DEFAULT_FILE
                + " (the status line says when there are some).\n\nKeys:\n" + KeyHelp.text();
        return text.replace("%", "%%").replace("\n", "%n");
    }

    @Override
    public int run(PrintStream out, PrintStream err) throws Exception {
        Options options = options();
        Path home = BuildCommand.home();
        Path file = options.scenes().orElse(home.resolve(DEFAULT_SCENES));
        SceneFile scenes;
        try {
            scenes = SceneParser.parse(file);
        } catch (SceneFileException e) {
            throw new UserError(e.getMessage(), 2, e);
        }
        try {
            Privileges.requireRoot();
        } catch (HostException e) {
            throw new UserError(e.getMessage(), 1, e);
        }
        if (!options.rehearse() && System.console() == null) {
            throw new UserError("the demo console needs a terminal; for a headless run use --rehearse", 2, null);
        }
        Optional<DemoSessionLock> lock = options.force() ? Optional.empty() : Optional.of(lock());
        try {
            return session(options, scenes, home, out, err);
        } finally {
            if (lock.isPresent()) {
                lock.get().close();
            }
        }
    }

    private static DemoSessionLock lock() throws IOException {
        try {
            return DemoSessionLock.acquire(DnsServerState.DEFAULT_DIR);
        } catch (DemoSessionLock.HeldElsewhere e) {
            throw new UserError(e.getMessage() + ": quit it first, or pass --force to run this one alongside it", 1, e);
        }
    }

    private static int session(Options options, SceneFile scenes, Path home, PrintStream out, PrintStream err) throws Exception {
        ContainerEngine engine = ContainerEngine.connect();
        try {
            engine.inspect("docker-unikernel-demo-probe");
        } catch (DockerUnavailableException e) {
            engine.close();
            throw new UserError(e.getMessage(), 1, e);
        }
        DemoSession session = new DemoSession(engine, home, BuildCommand.cache());
        Thread cleanUp = new Thread(() -> closeQuietly(session, true, err), "demo-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanUp);
        boolean removeContainers = true;
        try {
            if (options.rehearse()) {
                Rehearsal rehearsal = new Rehearsal(new SceneRunner(session, Rehearsal.headlessStage()), out);
                return rehearsal.run(scenes) ? 0 : 1;
            }
            DemoConsole.Ending ending = console(scenes, session, options.record());
            removeContainers = ending.removeContainers();
            return 0;
        } finally {
            if (removeHook(cleanUp)) {
                List<String> removed = closeQuietly(session, removeContainers, err);
                if (!removed.isEmpty()) {
                    out.println("Removed the demo's containers: " + String.join(", ", removed));
                }
                if (!removeContainers) {
                    out.println("The demo's containers keep running; 'docker-unikernel rm --all' removes them.");
                }
            }
        }
    }

    private static DemoConsole.Ending console(SceneFile scenes, DemoSession session, Optional<Path> record)
            throws IOException, HostException {
        OutputStream terminal = new FileOutputStream(FileDescriptor.out);
        Optional<AsciicastRecorder> recorder = Optional.empty();
        if (record.isPresent()) {
            TerminalSize size = TerminalSizeProbe.current();
            recorder = Optional.of(AsciicastRecorder.create(record.get(), size.getColumns(), size.getRows(), scenes.title()));
        }
        Optional<OutputStream> recorded = recorder.map(r -> r.tee(terminal));
        // Saved before Lanterna changes anything: what shell steps get and what every ending restores.
        try (ConsoleLog log = ConsoleLog.redirect(ConsoleLog.DEFAULT_FILE); TerminalGuard found = TerminalGuard.keep();
                LiveBackend backend = new LiveBackend(session)) {
            UnixTerminal unix = new UnixTerminal(System.in, recorded.orElse(terminal), StandardCharsets.UTF_8,
                    UnixLikeTerminal.CtrlCBehaviour.TRAP);
            found.withoutFlowControl();
            recorder.ifPresent(r -> unix.addResizeListener((t, size) -> {
                try {
                    r.resize(size.getColumns(), size.getRows());
                } catch (IOException e) {
                    // the recording misses a resize; the session goes on
                }
            }));
            TerminalScreen screen = new TerminalScreen(unix);
            return new DemoConsole(screen, scenes, backend, new ShellHandOver(terminal, recorded, found), log::notice).run();
        } finally {
            if (recorder.isPresent()) {
                recorder.get().close();
            }
        }
    }

    private Options options() {
        if (record != null && rehearse) {
            throw new UserError("--record records the console; a rehearsal has none (its report is plain text)",
                    ParsedCommand.USAGE_ERROR, null);
        }
        if (record != null && record.getParent() != null && !Files.isDirectory(record.toAbsolutePath().getParent())) {
            throw new UserError("cannot record to " + record + ": its directory does not exist", ParsedCommand.USAGE_ERROR,
                    null);
        }
        return new Options(rehearse, Optional.ofNullable(record), Optional.ofNullable(sceneFile), force);
    }

    private static boolean removeHook(Thread hook) {
        try {
            return Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            return false;
        }
    }

    /** Removes the demo's containers when asked and stops its DNS server; returns what it removed. */
    private static List<String> closeQuietly(DemoSession session, boolean removeContainers, PrintStream err) {
        List<String> removed = List.of();
        try {
            if (removeContainers) {
                removed = session.removeContainers();
            }
        } catch (RuntimeException e) {
            err.println("docker-unikernel: could not remove the demo's containers: " + e.getMessage()
                    + "; 'docker-unikernel rm --all' removes them");
        }
        try {
            session.close();
        } catch (IOException | RuntimeException e) {
            err.println("docker-unikernel: " + e.getMessage());
        }
        return removed;
    }
}
