package io.unikernel.demo.host;

/** Whether this process may plumb devices into other namespaces. */
public final class Privileges {
    private Privileges() {
    }

    public static boolean isRoot() {
        return NativeHost.geteuid() == 0;
    }

    public static void requireRoot() throws HostException {
        if (!isRoot()) {
            throw new HostException("Must run as root to plumb the guest's network (macvtap, /dev/tap0) into the container:"
                    + " run it with sudo");
        }
    }
}
