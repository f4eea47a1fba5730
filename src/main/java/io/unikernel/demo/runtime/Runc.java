package io.unikernel.demo.runtime;

import io.unikernel.demo.json.JsonText;
import io.unikernel.demo.json.JsonSyntaxException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The real runc, called with the engine's global options; its stdio is the container's, so it inherits ours. */
public final class Runc {
    private final String executable;
    private final List<String> globalOptions;

    public Runc(String executable, List<String> globalOptions) {
        this.executable = executable;
        this.globalOptions = List.copyOf(globalOptions);
    }

    /** Starts runc with exactly these arguments (the engine's, unchanged); its exit status is the process's. */
    public Process start(List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(executable);
        command.addAll(args);
        return new ProcessBuilder(command).inheritIO().start();
    }

    /** {@code runc state ID}'s pid: the container's init process. */
    public int initPid(String containerId) throws IOException, InterruptedException {
        Process runc = new ProcessBuilder(withGlobal("state", containerId)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] state = runc.getInputStream().readAllBytes();
        if (runc.waitFor() != 0) {
            throw new IOException("runc state " + containerId + " failed (exit " + runc.exitValue() + ")");
        }
        return pidOf(new String(state, StandardCharsets.UTF_8), containerId);
    }

    /** The {@code pid} member of runc's state document. */
    static int pidOf(String state, String containerId) throws IOException {
        try {
            if (JsonText.parse(state) instanceof JsonText.ObjectValue object && object.member("pid").isPresent()) {
                JsonText.Value pid = object.member("pid").get().value();
                return Integer.parseInt(state.substring(pid.start(), pid.end()));
            }
        } catch (JsonSyntaxException | NumberFormatException e) {
            throw new IOException("runc state " + containerId + " printed no pid (" + e.getMessage() + ")", e);
        }
        throw new IOException("runc state " + containerId + " printed no pid");
    }

    /** {@code runc delete -f ID}: kills and removes a half-made container. */
    public void forceDelete(String containerId) throws IOException, InterruptedException {
        Process runc = new ProcessBuilder(withGlobal("delete", "-f", containerId))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (runc.waitFor() != 0) {
            throw new IOException("runc delete -f " + containerId + " failed (exit " + runc.exitValue() + ")");
        }
    }

    private List<String> withGlobal(String... args) {
        List<String> command = new ArrayList<>();
        command.add(executable);
        command.addAll(globalOptions);
        command.addAll(List.of(args));
        return command;
    }
}
