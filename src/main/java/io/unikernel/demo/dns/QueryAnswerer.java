package io.unikernel.demo.dns;

import org.tinylog.Logger;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

import java.io.IOException;
import java.net.Inet4Address;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Decides what to answer to one DNS message: container names from the current
 * {@link NameTable}, authoritative NXDOMAIN under {@value NameTable#DOMAIN}, everything else
 * relayed to the {@link Upstream} (SERVFAIL if it fails). Knows nothing about sockets.
 */
public final class QueryAnswerer {
    /** Seconds a client may cache a container's address: short, containers come and go. */
    public static final long TTL_SECONDS = 5;
    /** Largest answer over UDP without EDNS (RFC 1035 4.2.1). */
    public static final int UDP_MAX = 512;
    private static final int HEADER_LENGTH = 12;
    /**
     * What the server says when asked who it is: {@code dig CH TXT id.server} (RFC 4892; BIND's
     * older hostname.bind too). A host whose resolver asks us first sees this without naming us.
     */
    public static final String IDENTITY = "docker-unikernel dns: container names";
    private static final List<Name> IDENTITY_NAMES = List.of(Name.fromConstantString("id.server."),
            Name.fromConstantString("hostname.bind."));

    /** What to do with one query. */
    public sealed interface Outcome {
        /** Send these bytes back. */
        record Answer(byte[] wire) implements Outcome {
        }

        /** Ask upstream: call {@link QueryAnswerer#forward}. */
        record Forward() implements Outcome {
        }

        /** Not a DNS query at all: say nothing (RFC 1035 leaves garbage unanswered). */
        record Drop() implements Outcome {
        }
    }

    private final Supplier<NameTable> names;
    private final Upstream upstream;

    public QueryAnswerer(Supplier<NameTable> names, Upstream upstream) {
        this.names = Objects.requireNonNull(names, "names was not specified");
        this.upstream = Objects.requireNonNull(upstream, "upstream was not specified");
    }

    /** Answers QUERY from the name table, or says it must be forwarded, or dropped. */
    public Outcome decide(byte[] query, int maxLength) {
        if (query.length < HEADER_LENGTH) {
            return new Outcome.Drop();
        }
        Message message;
        try {
            message = new Message(query);
        } catch (IOException e) {
            return new Outcome.Answer(headerOnly(query, Rcode.FORMERR));
        }
        Header header = message.getHeader();
        if (header.getFlag(Flags.QR)) {
            return new Outcome.Drop();
        }
        if (header.getOpcode() != Opcode.QUERY) {
            return new Outcome.Answer(reply(message, Rcode.NOTIMP).toWire(maxLength));
        }
        Record question = message.getQuestion();
        if (question == null || header.getCount(Section.QUESTION) != 1) {
            return new Outcome.Answer(reply(message, Rcode.FORMERR).toWire(maxLength));
        }
        Name name = question.getName();
        if (question.getDClass() == DClass.CH && IDENTITY_NAMES.contains(name)) {
            return new Outcome.Answer(identity(message, question).toWire(maxLength));
        }
        String text = name.toString(true);
        var addresses = names.get().addresses(text);
        if (addresses.isEmpty()) {
            if (NameTable.isAuthoritativeFor(text)) {
                Logger.debug("Answered {} {}: NXDOMAIN", text, Type.string(question.getType()));
                return new Outcome.Answer(authoritative(message, Rcode.NXDOMAIN).toWire(maxLength));
            }
            return new Outcome.Forward();
        }
        Message answer = authoritative(message, Rcode.NOERROR);
        int type = question.getType();
        if (question.getDClass() == DClass.IN || question.getDClass() == DClass.ANY) {
            if (type == Type.A || type == Type.ANY) {
                for (Inet4Address address : addresses.get()) {
                    answer.addRecord(new ARecord(name, DClass.IN, TTL_SECONDS, address), Section.ANSWER);
                }
            }
        }
        if (Logger.isDebugEnabled()) {
            Logger.debug("Answered {} {}: {}", text, Type.string(type),
                    type == Type.A || type == Type.ANY ? addresses.get() : "no records of that type");
        }
        return new Outcome.Answer(answer.toWire(maxLength));
    }

    /** Relays QUERY upstream and returns its answer with the client's id, or SERVFAIL. */
    public byte[] forward(byte[] query, boolean tcp, int maxLength) {
        try {
            return upstream.exchange(query, tcp);
        } catch (IOException e) {
            Logger.debug("Forwarding failed, answering SERVFAIL: {}", e.getMessage());
            try {
                return reply(new Message(query), Rcode.SERVFAIL).toWire(maxLength);
            } catch (IOException unparsable) {
                return headerOnly(query, Rcode.SERVFAIL);
            }
        }
    }

    /** REFUSED to QUERY (RFC 1035 4.1.1: refused for policy reasons); empty when it is no query at all. */
    public static Optional<byte[]> refused(byte[] query, int maxLength) {
        if (query.length < HEADER_LENGTH || (query[2] & 0x80) != 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(reply(new Message(query), Rcode.REFUSED).toWire(maxLength));
        } catch (IOException unparsable) {
            return Optional.of(headerOnly(query, Rcode.REFUSED));
        }
    }

    /** The whole answer to QUERY, forwarding inline when needed; empty array for Drop. */
    public byte[] answer(byte[] query, boolean tcp) {
        int max = tcp ? 65535 : UDP_MAX;
        Outcome outcome = decide(query, max);
        if (outcome instanceof Outcome.Answer a) {
            return a.wire();
        }
        if (outcome instanceof Outcome.Forward) {
            return forward(query, tcp, max);
        }
        return new byte[0];
    }

    private static Message identity(Message query, Record question) {
        Message answer = authoritative(query, Rcode.NOERROR);
        if (question.getType() == Type.TXT || question.getType() == Type.ANY) {
            answer.addRecord(new TXTRecord(question.getName(), DClass.CH, 0, IDENTITY), Section.ANSWER);
        }
        return answer;
    }

    private static Message authoritative(Message query, int rcode) {
        Message reply = reply(query, rcode);
        reply.getHeader().setFlag(Flags.AA);
        return reply;
    }

    private static Message reply(Message query, int rcode) {
        Header header = new Header(query.getHeader().getID());
        header.setFlag(Flags.QR);
        header.setOpcode(query.getHeader().getOpcode());
        if (query.getHeader().getFlag(Flags.RD)) {
            header.setFlag(Flags.RD);
        }
        header.setFlag(Flags.RA);
        header.setRcode(rcode);
        Message reply = new Message();
        reply.setHeader(header);
        List<Record> questions = query.getSection(Section.QUESTION);
        for (Record q : questions) {
            reply.addRecord(q, Section.QUESTION);
        }
        return reply;
    }

    // For a message dnsjava cannot parse: echo the id and opcode, set QR and RCODE, no sections.
    private static byte[] headerOnly(byte[] query, int rcode) {
        byte[] reply = new byte[HEADER_LENGTH];
        reply[0] = query[0];
        reply[1] = query[1];
        reply[2] = (byte) (0x80 | (query[2] & 0x79)); // QR, keep opcode and RD
        reply[3] = (byte) (0x80 | (rcode & 0x0f)); // RA, RCODE
        return reply;
    }
}
