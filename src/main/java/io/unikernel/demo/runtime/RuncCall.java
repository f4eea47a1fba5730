package io.unikernel.demo.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The arguments an engine passes to runc for {@code create}, read as runc reads them: global
 * options (Docker's shim passes {@code --root}, {@code --log}, {@code --log-format json},
 * {@code --systemd-cgroup}) before the verb, then create's own options and the container id.
 */
public record RuncCall(List<String> globalOptions, Optional<Path> log, boolean jsonLog, String verb, Path bundle,
                       Optional<Path> pidFile, String containerId) {
    /** runc's global options that take a value. */
    private static final List<String> GLOBAL_WITH_VALUE = List.of("--root", "--log", "--log-format", "--criu", "--rootless");
    /** create's options that take a value. */
    private static final List<String> CREATE_WITH_VALUE = List.of("--bundle", "-b", "--pid-file", "--console-socket", "--preserve-fds");

    public static RuncCall parse(List<String> args) {
        List<String> global = new ArrayList<>();
        int i = 0;
        while (i < args.size() && args.get(i).startsWith("-")) {
            String option = args.get(i);
            global.add(option);
            if (GLOBAL_WITH_VALUE.contains(option)) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException("runc option " + option + " needs a value");
                }
                global.add(args.get(++i));
            }
            i++;
        }
        if (i >= args.size()) {
            throw new IllegalArgumentException("no runc command given (expected e.g. create)");
        }
        String verb = args.get(i++);
        String bundle = ".";
        String pidFile = null;
        String id = null;
        for (; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String inline = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
            if (CREATE_WITH_VALUE.contains(name)) {
                String value = inline;
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw new IllegalArgumentException("runc " + verb + " option " + name + " needs a value");
                    }
                    value = args.get(++i);
                }
                if (name.equals("--bundle") || name.equals("-b")) {
                    bundle = value;
                } else if (name.equals("--pid-file")) {
                    pidFile = value;
                }
            } else if (!arg.startsWith("-")) {
                id = arg;
            }
        }
        if (id == null) {
            throw new IllegalArgumentException("runc " + verb + " needs a container id");
        }
        return new RuncCall(List.copyOf(global), globalValue(global, "--log").map(Path::of),
                globalValue(global, "--log-format").filter("json"::equals).isPresent(),
                verb, Path.of(bundle), Optional.ofNullable(pidFile).map(Path::of), id);
    }

    /**
     * Whether Docker's shim made this call: dockerd keeps each runtime's runc state under its own
     * directory ({@code --root /var/run/docker/runtime-NAME/moby}); containerd's own calls (ctr,
     * the CRI plugin) keep it under /run/containerd.
     */
    public boolean fromDocker() {
        return globalValue(globalOptions, "--root").filter(root -> root.startsWith("/var/run/docker/") || root.startsWith("/run/docker/")).isPresent();
    }

    private static Optional<String> globalValue(List<String> global, String option) {
        for (int i = 0; i + 1 < global.size(); i++) {
            if (global.get(i).equals(option)) {
                return Optional.of(global.get(i + 1));
            }
        }
        for (String g : global) {
            if (g.startsWith(option + "=")) {
                return Optional.of(g.substring(option.length() + 1));
            }
        }
        return Optional.empty();
    }
}
