package io.unikernel.demo.host;

/** Whether this process may plumb devices into other namespaces. */
public final class Privileges {
    private Privileges() {
    }

    public static boolean isRoot() {
        return NativeHost.geteuid() == 0;
    }

    public static void requireRoot(String what) throws HostException {
        if (!isRoot()) {
            throw new HostException(what + " needs root (it creates network devices and device nodes in containers): run it with sudo");
        }
    }
}
