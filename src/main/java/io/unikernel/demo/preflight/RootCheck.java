package io.unikernel.demo.preflight;

import io.unikernel.demo.host.HostException;
import io.unikernel.demo.host.Privileges;

import java.nio.file.Path;

/** The launcher plumbs network devices into containers' namespaces: only root may. */
final class RootCheck implements HostCheck {
    private final Path status;

    RootCheck(Path proc) {
        this.status = proc.resolve("self/status");
    }

    @Override
    public String name() {
        return "root";
    }

    @Override
    public Check run() throws HostException {
        return Privileges.isRoot(status) ? Check.ok(name(), "running as root")
                : Check.fail(name(), "not running as root: the guests' network (macvtap, /dev/tap0) needs it",
                        "run it with sudo");
    }
}
