package io.unikernel.demo.scene;

import io.unikernel.demo.docker.NotOurContainerException;
import io.unikernel.demo.host.HostProcess;
import io.unikernel.demo.host.ProcessSpec;
import io.unikernel.demo.images.BuildException;
import io.unikernel.demo.images.BuiltImage;
import io.unikernel.demo.launcher.GuestNetwork;
import io.unikernel.demo.launcher.LaunchException;
import io.unikernel.demo.launcher.Launched;
import io.unikernel.demo.docker.ManagedContainers;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Carries out scene steps, the same way for the console and for the headless rehearsal; only
 * the {@link Stage} differs. A step never throws: it ends passed, failed (with what to do) or
 * skipped (its guard did not apply).
 */
public final class SceneRunner {
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final DemoSession session;
    private final Stage stage;
    private final GuestAddresses addresses;
    private final Predicate<String> installed;
    private final PreflightRunner preflight;

    public SceneRunner(DemoSession session, Stage stage) {
        this(session, stage, SceneRunner::onPath);
    }

    SceneRunner(DemoSession session, Stage stage, Predicate<String> installed) {
        this.session = session;
        this.stage = stage;
        this.addresses = new GuestAddresses(session.engine());
        this.installed = installed;
        this.preflight = new PreflightRunner(session);
    }

    public StepResult run(SceneStep sceneStep, StepOutput out) {
        long start = System.nanoTime();
        Guard guard = sceneStep.guard();
        if (!guard.applies(installed)) {
            String why = guard.ifInstalled().map(p -> p + " is not installed")
                    .orElseGet(() -> guard.unlessInstalled().map(p -> p + " is installed").orElse(""));
            return new StepResult(StepResult.Outcome.SKIPPED, "skipped: " + why, Duration.ZERO);
        }
        StepResult.Outcome outcome = StepResult.Outcome.PASSED;
        String summary;
        try {
            summary = execute(sceneStep.step(), out);
        } catch (StepFailure e) {
            outcome = StepResult.Outcome.FAILED;
            summary = e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = StepResult.Outcome.FAILED;
            summary = "interrupted";
        } catch (RuntimeException e) {
            outcome = StepResult.Outcome.FAILED;
            summary = e.getMessage() == null ? e.toString() : e.getMessage();
        }
        return new StepResult(outcome, summary, Duration.ofNanos(System.nanoTime() - start));
    }

    private String execute(Step step, StepOutput out) throws StepFailure, InterruptedException {
        if (step instanceof PreflightStep p) {
            return preflight.run(p.images(), out);
        } else if (step instanceof BuildStep b) {
            return build(b, out);
        } else if (step instanceof DnsStep d) {
            return dns(d);
        } else if (step instanceof RunStep r) {
            return run(r, out);
        } else if (step instanceof WaitStep w) {
            return new Waiter(addresses, out).await(w);
        } else if (step instanceof ConsoleStep c) {
            return console(c);
        } else if (step instanceof ExecStep e) {
            return exec(ProcessSpec.shell(e.command()).withTimeout(e.timeout()), e.expectText(), out);
        } else if (step instanceof ShellStep s) {
            return shell(s, out);
        } else if (step instanceof HttpStep h) {
            return http(h, out);
        } else if (step instanceof SqlStep s) {
            return sql(s.query(), out);
        } else if (step instanceof RemoveStep r) {
            return remove(r, out);
        } else if (step instanceof PauseStep p) {
            return pause(p);
        } else if (step instanceof CompareStep c) {
            return new CompareRunner(session, this::replaceEarlier).compare(c, out);
        }
        throw new IllegalStateException("no way to run " + step);
    }

    private String build(BuildStep step, StepOutput out) throws StepFailure {
        try {
            var images = session.images();
            List<String> names = step.images().isEmpty() ? images.names() : step.images();
            List<BuiltImage> built = images.build(names, step.kernel(), (image, phase, percent) ->
                    out.progress(image + ": " + phase, percent));
            List<String> parts = new ArrayList<>();
            for (BuiltImage image : built) {
                String line = image.tag() + (image.rebuilt() ? " built in " + seconds(image.took()) : " up to date")
                        + String.format(" (guest %.1f MB, image %.1f MB)", image.payloadBytes() / 1e6, image.imageBytes() / 1e6);
                out.line(line);
                parts.add(image.tag());
            }
            return String.join(", ", parts) + " ready";
        } catch (BuildException e) {
            throw new StepFailure(e.getMessage(), e);
        }
    }

    private String dns(DnsStep step) throws StepFailure {
        try {
            return step.start() ? session.startDns(step.hostResolv()) : session.stopDns();
        } catch (IOException e) {
            throw new StepFailure(e.getMessage(), e);
        }
    }

    private String run(RunStep step, StepOutput out) throws StepFailure {
        if (step.options().name().isPresent()) {
            replaceEarlier(step.options().name().get(), out);
        }
        try {
            Launched launched = session.launcher().launch(step.options());
            GuestNetwork net = launched.network();
            return launched.name() + " running: guest " + net.address().getHostAddress() + "/" + net.prefixLength()
                    + " on " + net.macvtap() + " (" + net.mac() + "), tap " + net.tapDevice()
                    + ", launched in " + launched.timings().totalNanos() / 1_000_000 + " ms";
        } catch (LaunchException e) {
            throw new StepFailure(e.getMessage(), e);
        }
    }

    /** A scene run twice (key r) meets the container it made the first time: ours go, others are refused. */
    void replaceEarlier(String name, StepOutput out) throws StepFailure {
        if (addresses.container(name).isEmpty()) {
            if (session.engine().inspect(name).isEmpty()) {
                return;
            }
            throw new StepFailure("a container named " + name + " exists that docker-unikernel did not start: "
                    + "remove it with 'docker rm -f " + name + "' or rename it");
        }
        out.line("removing the earlier " + name);
        // its guest powers off first: a rerun keeps the volume's data as a clean stop leaves it
        session.engine().stop(name, ManagedContainers.STOP_TIMEOUT);
        session.engine().remove(name, true);
    }

    private String console(ConsoleStep step) throws StepFailure {
        if (addresses.container(step.container()).isEmpty()) {
            throw new StepFailure("no container named " + step.container() + ": run the scene that starts it first");
        }
        stage.showConsole(step.container());
        return "showing " + step.container() + "'s console";
    }

    private String exec(ProcessSpec spec, Optional<String> expect, StepOutput out) throws StepFailure, InterruptedException {
        String command = spec.describe();
        List<String> output = new ArrayList<>();
        int status;
        try {
            status = HostProcess.run(spec.withErrorsMerged(), line -> {
                output.add(line);
                out.line(line);
            }, line -> { });
        } catch (IOException e) {
            // a timeout says which and that its processes were stopped; a failed start says why
            throw new StepFailure(e.getMessage(), e);
        }
        if (status != 0) {
            throw new StepFailure("\"" + command + "\" exited with status " + status + lastLine(output));
        }
        if (expect.isPresent() && !String.join("\n", output).contains(expect.get())) {
            throw new StepFailure("\"" + command + "\" did not print \"" + expect.get() + "\"");
        }
        return "done";
    }

    private String shell(ShellStep step, StepOutput out) throws StepFailure, InterruptedException {
        if (!stage.interactive()) {
            return exec(ProcessSpec.shell(step.command()).withInput(step.input()).withTimeout(step.timeout()),
                    step.expectText(), out);
        }
        try {
            int status = stage.handOverTerminal(step.command());
            if (status != 0) {
                throw new StepFailure("\"" + step.command() + "\" exited with status " + status);
            }
            return "back from " + step.command();
        } catch (IOException e) {
            throw new StepFailure("cannot run \"" + step.command() + "\": " + e.getMessage(), e);
        }
    }

    private String http(HttpStep step, StepOutput out) throws StepFailure {
        InetAddress address = addresses.resolve(step.request().url().getHost());
        HttpFetch.Response response;
        try {
            response = HttpFetch.fetch(step.request(), address, REQUEST_TIMEOUT);
        } catch (IOException e) {
            throw new StepFailure(step.request().url() + " did not answer: " + e.getMessage(), e);
        }
        String seen = "HTTP " + response.status() + response.title().map(t -> " \"" + t + "\"").orElse("");
        out.line(seen);
        if (response.status() != step.expectStatus()) {
            throw new StepFailure(step.request().url() + " answered " + response.status() + ", expected "
                    + step.expectStatus() + "; see the guest's console");
        }
        if (step.expectText().isPresent() && !response.body().contains(step.expectText().get())) {
            throw new StepFailure("the page at " + step.request().url() + " does not contain \"" + step.expectText().get() + "\"");
        }
        return seen;
    }

    private String sql(SqlQuery query, StepOutput out) throws StepFailure {
        InetAddress address = addresses.resolve(query.host());
        try {
            List<List<String>> table = SqlClient.query(query, address, REQUEST_TIMEOUT);
            SqlClient.format(table).forEach(out::line);
            return (table.size() - 1) + " rows from " + query.host();
        } catch (SQLException e) {
            throw new StepFailure("the query to " + query.host() + " failed: " + e.getMessage(), e);
        }
    }

    private String remove(RemoveStep step, StepOutput out) throws StepFailure {
        List<String> removed;
        if (step.containers().isEmpty()) {
            removed = session.removeContainers();
        } else {
            List<String> present = step.containers().stream().filter(n -> session.engine().inspect(n).isPresent()).toList();
            try {
                removed = session.containers().remove(present, false);
            } catch (NotOurContainerException e) {
                throw new StepFailure(e.getMessage(), e);
            }
        }
        removed.forEach(name -> out.line("removed " + name));
        return removed.isEmpty() ? "nothing to remove" : "removed " + String.join(", ", removed);
    }

    private String pause(PauseStep step) throws InterruptedException {
        if (!stage.interactive()) {
            return "no pause when rehearsing";
        }
        stage.awaitKey(step.message());
        return "went on";
    }

    static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && new File(dir, program).canExecute()) {
                return true;
            }
        }
        return false;
    }

    static String seconds(Duration d) {
        return String.format("%.1f s", d.toMillis() / 1000.0);
    }

    private static String lastLine(List<String> output) {
        return output.isEmpty() ? "" : ": " + output.get(output.size() - 1);
    }
}
