package io.unikernel.demo.preflight;

import io.unikernel.demo.host.HostException;
import io.unikernel.demo.host.ProcDevices;

import java.nio.file.Path;
import java.util.OptionalInt;

/** Each guest's network is a macvtap device: its module must be loaded for the major to exist. */
final class MacvtapCheck implements HostCheck {
    private final ProcDevices devices;

    MacvtapCheck(Path proc) {
        this.devices = new ProcDevices(proc);
    }

    @Override
    public String name() {
        return "macvtap";
    }

    @Override
    public Check run() throws HostException {
        OptionalInt major = devices.characterMajor("macvtap");
        return major.isPresent() ? Check.ok(name(), "module loaded (character major " + major.getAsInt() + ")")
                : Check.fail(name(), "the macvtap module is not loaded", "sudo modprobe macvtap");
    }
}
