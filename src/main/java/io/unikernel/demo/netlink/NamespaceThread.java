package io.unikernel.demo.netlink;

import io.unikernel.demo.host.NamespaceFile;
import io.unikernel.demo.host.SystemCallException;

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
        try (NamespaceFile home = NamespaceFile.openNetwork("/proc/thread-self/ns/net",
                "this thread's network namespace /proc/thread-self/ns/net", "close the original network namespace")) {
            NetlinkSocket socket = null;
            try {
                try (NamespaceFile target = NamespaceFile.openNetwork(netns, "network namespace " + netns,
                        "close network namespace " + netns)) {
                    target.enter("enter network namespace " + netns);
                }
                socket = NetlinkSocket.open();
                return socket;
            } finally {
                try {
                    home.enter("return to the original network namespace");
                } catch (SystemCallException e) {
                    // Unheard of; fail loudly rather than report success from an unknown state.
                    if (socket != null) {
                        socket.close();
                    }
                    throw e;
                }
            }
        } catch (SystemCallException e) {
            throw NetlinkException.of(e);
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
