package io.unikernel.demo.netlink;

import static io.unikernel.demo.netlink.Bytes.attributes;
import static io.unikernel.demo.netlink.Bytes.concat;
import static io.unikernel.demo.netlink.Bytes.datagram;
import static io.unikernel.demo.netlink.Bytes.hex;
import static io.unikernel.demo.netlink.Bytes.message;
import static io.unikernel.demo.netlink.NetlinkConstants.NLMSG_DONE;
import static io.unikernel.demo.netlink.NetlinkConstants.NLMSG_ERROR;
import static io.unikernel.demo.netlink.NetlinkConstants.NLM_F_DUMP_INTR;
import static io.unikernel.demo.netlink.NetlinkConstants.NLM_F_MULTI;
import static io.unikernel.demo.netlink.NetlinkConstants.RTM_NEWLINK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ReplyTest {
    private static final int SEQUENCE = 41;
    private static final int PORT = 1234;

    @Test
    void collectsMultipartDumpAcrossDatagramsUntilDone() throws Exception {
        Reply reply = new Reply(SEQUENCE, PORT, "list links");

        boolean completeAfterFirst = reply.accept(datagram(
                message(RTM_NEWLINK, NLM_F_MULTI, SEQUENCE, PORT, link(1, "lo")),
                message(RTM_NEWLINK, NLM_F_MULTI, SEQUENCE, PORT, link(2, "eth0"))));
        boolean completeAfterSecond = reply.accept(datagram(
                message(RTM_NEWLINK, NLM_F_MULTI, SEQUENCE, PORT, link(3, "vtap110004")),
                message(NLMSG_DONE, NLM_F_MULTI, SEQUENCE, PORT, hex("00 00 00 00"))));

        assertFalse(completeAfterFirst);
        assertTrue(completeAfterSecond);
        assertFalse(reply.interrupted());
        List<String> names = reply.messages().stream()
                .map(m -> LinkMessages.decode(m).orElseThrow().name()).toList();
        assertEquals(List.of("lo", "eth0", "vtap110004"), names);
    }

    @Test
    void turnsNlmsgErrorIntoExceptionWithErrnoAndText() {
        Reply reply = new Reply(SEQUENCE, PORT, "create macvtap vtap110004 on link 2");
        // nlmsgerr: error -17, then the header of the request it answers
        byte[] error = concat(hex("ef ff ff ff"), hex("54 00 00 00 10 00 05 06 29 00 00 00 d2 04 00 00"));

        NetlinkException e = assertThrows(NetlinkException.class,
                () -> reply.accept(datagram(message(NLMSG_ERROR, 0, SEQUENCE, PORT, error))));

        assertEquals("Failed to create macvtap vtap110004 on link 2: File exists (EEXIST, errno 17)", e.getMessage());
        assertEquals(17, e.errno());
        assertEquals("EEXIST", e.errnoName());
    }

    @Test
    void completesOnAckWithoutMessages() throws Exception {
        Reply reply = new Reply(SEQUENCE, PORT, "set link 2 up");

        assertTrue(reply.accept(datagram(message(NLMSG_ERROR, 0, SEQUENCE, PORT, hex("00 00 00 00")))));
        assertEquals(List.of(), reply.messages());
    }

    @Test
    void completesOnSingleMessageWithoutMultiFlag() throws Exception {
        Reply reply = new Reply(SEQUENCE, PORT, "read link eth0");

        assertTrue(reply.accept(datagram(message(RTM_NEWLINK, 0, SEQUENCE, PORT, link(2, "eth0")))));
        assertEquals(1, reply.messages().size());
    }

    @Test
    void skipsMessagesOfEarlierRequests() throws Exception {
        Reply reply = new Reply(SEQUENCE, PORT, "set link 2 up");

        boolean complete = reply.accept(datagram(
                message(NLMSG_ERROR, 0, SEQUENCE - 1, PORT, hex("ef ff ff ff")),
                message(NLMSG_ERROR, 0, SEQUENCE, PORT, hex("00 00 00 00"))));

        assertTrue(complete);
    }

    @Test
    void rejectsMessageForAnotherPort() {
        Reply reply = new Reply(SEQUENCE, PORT, "list links");

        NetlinkException e = assertThrows(NetlinkException.class,
                () -> reply.accept(datagram(message(RTM_NEWLINK, NLM_F_MULTI, SEQUENCE, PORT + 1, link(1, "lo")))));

        assertEquals("EPROTO", e.errnoName());
        assertEquals("Failed to list links: unexpected reply from the kernel: message for port 1235, "
                + "this socket is port 1234", e.getMessage());
    }

    @Test
    void rejectsMessageLongerThanDatagram() {
        Reply reply = new Reply(SEQUENCE, PORT, "list links");
        byte[] truncated = hex("40 00 00 00 10 00 02 00 29 00 00 00 d2 04 00 00");

        NetlinkException e = assertThrows(NetlinkException.class, () -> reply.accept(datagram(truncated)));

        assertEquals(71, e.errno());
    }

    @Test
    void reportsErrorCarriedByDone() {
        Reply reply = new Reply(SEQUENCE, PORT, "list links");

        NetlinkException e = assertThrows(NetlinkException.class, () -> reply.accept(datagram(
                message(NLMSG_DONE, NLM_F_MULTI, SEQUENCE, PORT, hex("f0 ff ff ff")))));

        assertEquals("EBUSY", e.errnoName());
    }

    @Test
    void flagsInterruptedDump() throws Exception {
        Reply reply = new Reply(SEQUENCE, PORT, "list links");

        reply.accept(datagram(
                message(RTM_NEWLINK, NLM_F_MULTI | NLM_F_DUMP_INTR, SEQUENCE, PORT, link(1, "lo")),
                message(NLMSG_DONE, NLM_F_MULTI | NLM_F_DUMP_INTR, SEQUENCE, PORT, hex("00 00 00 00"))));

        assertTrue(reply.interrupted());
    }

    private static byte[] link(int index, String name) {
        byte[] ifinfomsg = NetlinkRequest.familyHeader(NetlinkConstants.IFINFOMSG_SIZE)
                .putInt(4, index).array();
        return concat(ifinfomsg, attributes(RtAttr.string(NetlinkConstants.IFLA_IFNAME, name)));
    }
}
