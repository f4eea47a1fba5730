package io.unikernel.demo.netlink;

import static io.unikernel.demo.netlink.NetlinkConstants.AF_NETLINK;
import static io.unikernel.demo.netlink.NetlinkConstants.NETLINK_ROUTE;
import static io.unikernel.demo.netlink.NetlinkConstants.SOCKADDR_NL_SIZE;
import static io.unikernel.demo.netlink.NetlinkConstants.SOCK_CLOEXEC;
import static io.unikernel.demo.netlink.NetlinkConstants.SOCK_RAW;

import io.unikernel.demo.host.RawSocket;
import io.unikernel.demo.host.SystemCallException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * A NETLINK_ROUTE socket in the network namespace of the thread that opened it, bound to a port
 * id the kernel chose. One request is in flight at a time; callers serialise on this object.
 */
final class NetlinkSocket implements AutoCloseable {
    // MSG_TRUNC makes recvfrom report a datagram's full length, so a too-small buffer is noticed.
    private static final int MSG_TRUNC = 0x20;
    // The kernel fills dump datagrams up to 32 KiB (netlink_dump); twice that leaves room.
    private static final int RECEIVE_BUFFER_SIZE = 64 * 1024;
    private static final int DUMP_ATTEMPTS = 5;
    // sockaddr_nl with port 0: the kernel as destination, and "choose a port for me" in bind.
    private static final byte[] KERNEL_ADDRESS = ByteBuffer.allocate(SOCKADDR_NL_SIZE)
            .order(ByteOrder.nativeOrder()).putShort((short) AF_NETLINK).array();

    private final RawSocket socket;
    private final int portId;
    private final ByteBuffer receiveBuffer = ByteBuffer.allocateDirect(RECEIVE_BUFFER_SIZE);
    private int sequence;
    private boolean closed;

    private NetlinkSocket(RawSocket socket, int portId) {
        this.socket = socket;
        this.portId = portId;
        this.sequence = (int) (System.nanoTime() & 0x3fffffff);
    }

    static NetlinkSocket open() throws NetlinkException {
        String operation = "open a NETLINK_ROUTE socket";
        try {
            RawSocket socket = RawSocket.open(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE,
                    "the netlink socket", operation);
            try {
                socket.bind(KERNEL_ADDRESS, operation);
                int portId = ByteBuffer.wrap(socket.localAddress(SOCKADDR_NL_SIZE, operation))
                        .order(ByteOrder.nativeOrder()).getInt(4);
                return new NetlinkSocket(socket, portId);
            } catch (SystemCallException e) {
                closeQuietly(socket, e);
                throw e;
            }
        } catch (SystemCallException e) {
            throw NetlinkException.of(e);
        }
    }

    /**
     * Sends {@code request} and returns the messages of the kernel's answer; for a dump the kernel
     * flagged inconsistent, dumps again.
     */
    synchronized List<Reply.Message> exchange(NetlinkRequest request, String operation) throws NetlinkException {
        for (int attempt = 1; ; attempt++) {
            Reply reply = exchangeOnce(request, operation);
            if (!reply.interrupted() || attempt == DUMP_ATTEMPTS) {
                return reply.messages();
            }
        }
    }

    private Reply exchangeOnce(NetlinkRequest request, String operation) throws NetlinkException {
        if (closed) {
            throw new IllegalStateException("Failed to " + operation + ": the netlink handle is closed");
        }
        int requestSequence = ++sequence;
        send(request.encode(requestSequence, portId), operation);
        Reply reply = new Reply(requestSequence, portId, operation);
        byte[] sender = new byte[SOCKADDR_NL_SIZE];
        boolean complete = false;
        while (!complete) {
            int length = receive(sender, operation);
            if (length > receiveBuffer.capacity()) {
                throw NetlinkException.protocol(operation, "datagram of " + length + " bytes exceeds the "
                        + receiveBuffer.capacity() + "-byte buffer");
            }
            int senderPort = ByteBuffer.wrap(sender).order(ByteOrder.nativeOrder()).getInt(4);
            if (senderPort != 0) {
                continue; // not from the kernel: another process may write to our port, never answer for it
            }
            complete = reply.accept(receiveBuffer.limit(length));
        }
        return reply;
    }

    private void send(byte[] message, String operation) throws NetlinkException {
        long sent;
        try {
            sent = socket.sendTo(message, KERNEL_ADDRESS, operation);
        } catch (SystemCallException e) {
            throw NetlinkException.of(e);
        }
        if (sent != message.length) {
            throw NetlinkException.protocol(operation, "sent " + sent + " of " + message.length + " bytes");
        }
    }

    private int receive(byte[] sender, String operation) throws NetlinkException {
        try {
            return socket.receiveFrom(receiveBuffer.clear(), MSG_TRUNC, sender, operation);
        } catch (SystemCallException e) {
            throw NetlinkException.of(e);
        }
    }

    private static void closeQuietly(RawSocket socket, Exception failure) {
        try {
            socket.close();
        } catch (SystemCallException e) {
            failure.addSuppressed(NetlinkException.of(e));
        }
    }

    @Override
    public synchronized void close() throws NetlinkException {
        if (!closed) {
            closed = true;
            try {
                socket.close();
            } catch (SystemCallException e) {
                throw NetlinkException.of(e);
            }
        }
    }
}
