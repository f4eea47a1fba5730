package io.unikernel.demo.netlink;

import static io.unikernel.demo.netlink.NetlinkConstants.CLONE_NEWNET;
import static io.unikernel.demo.netlink.NetlinkConstants.O_CLOEXEC;
import static io.unikernel.demo.netlink.NetlinkConstants.O_RDONLY;

import java.nio.file.Path;

/**
 * Opens a netlink socket inside another network namespace. setns changes only the calling
 * thread, so a fresh platform thread enters the namespace, opens the socket, goes back and ends:
 * no thread of the caller ever runs in a foreign namespace, and the socket stays in the target.
 */
final class NamespaceThread {
    private NamespaceThread() {
    }

    static NetlinkSocket openSocketIn(Path netnsFile) throws NetlinkException {
        NetlinkSocket[] socket = new NetlinkSocket[1];
        NetlinkException[] failure = new NetlinkException[1];
        Thread thread = new Thread(() -> {
            try {
                socket[0] = enterAndOpen(netnsFile.toString());
            } catch (NetlinkException e) {
                failure[0] = e;
            }
        }, "netlink-setns");
        thread.setDaemon(true);
        thread.start();
        joinUninterruptibly(thread);
        if (failure[0] != null) {
            throw failure[0];
        }
        return socket[0];
    }

    private static NetlinkSocket enterAndOpen(String netns) throws NetlinkException {
        int home = Native.open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC,
                "open this thread's network namespace /proc/thread-self/ns/net");
        NetlinkSocket socket = null;
        try {
            int target = Native.open(netns, O_RDONLY | O_CLOEXEC, "open network namespace " + netns);
            try {
                Native.setns(target, CLONE_NEWNET, "enter network namespace " + netns);
            } finally {
                Native.close(target, "close network namespace " + netns);
            }
            socket = NetlinkSocket.open();
            return socket;
        } finally {
            try {
                Native.setns(home, CLONE_NEWNET, "return to the original network namespace");
            } catch (NetlinkException e) {
                // Unheard of; fail loudly rather than report success from an unknown state.
                if (socket != null) {
                    socket.close();
                }
                throw e;
            } finally {
                Native.close(home, "close the original network namespace");
            }
        }
    }

    // The thread holds the namespace switch; leaving it behind would leak a socket.
    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
