package io.unikernel.demo.netlink;

import static io.unikernel.demo.netlink.NetlinkConstants.NLMSG_DONE;
import static io.unikernel.demo.netlink.NetlinkConstants.NLMSG_ERROR;
import static io.unikernel.demo.netlink.NetlinkConstants.NLMSG_HDRLEN;
import static io.unikernel.demo.netlink.NetlinkConstants.NLMSG_NOOP;
import static io.unikernel.demo.netlink.NetlinkConstants.NLM_F_DUMP_INTR;
import static io.unikernel.demo.netlink.NetlinkConstants.NLM_F_MULTI;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the kernel's answer to one request from the datagrams it arrives in: a single message,
 * a multipart dump ended by NLMSG_DONE, or NLMSG_ERROR (error 0 being the ACK). Messages that
 * carry another sequence number are late answers to an earlier request and are skipped.
 */
final class Reply {
    /** One received message of the reply: its type and its payload after nlmsghdr. */
    record Message(int type, ByteBuffer payload) {
    }

    private final int sequence;
    private final int portId;
    private final String operation;
    private final List<Message> messages = new ArrayList<>();
    private boolean complete;
    private boolean interrupted;

    Reply(int sequence, int portId, String operation) {
        this.sequence = sequence;
        this.portId = portId;
        this.operation = operation;
    }

    /**
     * Takes one datagram (position to limit); returns true once the reply is complete.
     *
     * @throws NetlinkException for NLMSG_ERROR with an error, or a malformed or misaddressed message
     */
    boolean accept(ByteBuffer datagram) throws NetlinkException {
        // A copy, because the socket reuses its receive buffer for the next datagram.
        ByteBuffer in = ByteBuffer.allocate(datagram.remaining()).put(datagram.duplicate()).flip()
                .order(ByteOrder.nativeOrder());
        while (in.remaining() >= NLMSG_HDRLEN && !complete) {
            int start = in.position();
            int length = in.getInt(start);
            int type = Short.toUnsignedInt(in.getShort(start + 4));
            int flags = Short.toUnsignedInt(in.getShort(start + 6));
            int messageSequence = in.getInt(start + 8);
            int messagePort = in.getInt(start + 12);
            if (length < NLMSG_HDRLEN || length > in.remaining()) {
                throw NetlinkException.protocol(operation, "message claims " + length + " bytes, "
                        + in.remaining() + " left in the datagram");
            }
            in.position(Math.min(in.limit(), start + RtAttr.align(length)));
            if (messagePort != portId) {
                throw NetlinkException.protocol(operation, "message for port " + messagePort
                        + ", this socket is port " + portId);
            }
            if (messageSequence != sequence || type == NLMSG_NOOP) {
                continue;
            }
            ByteBuffer payload = in.slice(start + NLMSG_HDRLEN, length - NLMSG_HDRLEN).order(ByteOrder.nativeOrder());
            interrupted |= (flags & NLM_F_DUMP_INTR) != 0;
            complete = switch (type) {
                case NLMSG_ERROR, NLMSG_DONE -> {
                    checkError(type, payload);
                    yield true;
                }
                default -> {
                    messages.add(new Message(type, payload));
                    yield (flags & NLM_F_MULTI) == 0;
                }
            };
        }
        return complete;
    }

    /** The data messages, in the order the kernel sent them. */
    List<Message> messages() {
        return List.copyOf(messages);
    }

    /** The kernel marked the dump inconsistent (it changed while being dumped): dump again. */
    boolean interrupted() {
        return interrupted;
    }

    // NLMSG_ERROR carries a negative errno (0 = ACK); NLMSG_DONE of a dump may carry one too.
    private void checkError(int type, ByteBuffer payload) throws NetlinkException {
        if (payload.remaining() < 4) {
            if (type == NLMSG_DONE) {
                return;
            }
            throw NetlinkException.protocol(operation, "NLMSG_ERROR without an error code");
        }
        int error = payload.getInt(0);
        if (error < 0) {
            throw NetlinkException.of(operation, -error);
        }
    }
}
