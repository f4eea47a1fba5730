package io.unikernel.demo.dns;

import io.unikernel.demo.testsupport.HostCommand;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The real {@code dig}, one try of 2 s, as a client of our server; optionally from another network namespace. */
final class Dig {
    private static final Pattern STATUS = Pattern.compile("status: (\\w+)");

    private Dig() {
    }

    static String ask(InetAddress server, int port, String... args) {
        return run(List.of(), server, port, args);
    }

    /** dig run through PREFIX, e.g. {@code ip netns exec NS}. */
    static String run(List<String> prefix, InetAddress server, int port, String... args) {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of("dig", "@" + server.getHostAddress(), "-p", Integer.toString(port), "+time=2", "+tries=1"));
        command.addAll(List.of(args));
        return HostCommand.run(command.toArray(String[]::new)).output();
    }

    /** The status dig printed (NOERROR, REFUSED...), or what it said instead. */
    static String status(String digOutput) {
        var m = STATUS.matcher(digOutput);
        return m.find() ? m.group(1) : "no answer: " + digOutput;
    }
}
