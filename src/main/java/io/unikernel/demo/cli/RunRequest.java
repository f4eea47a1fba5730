package io.unikernel.demo.cli;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code docker-unikernel run} handed to the {@link RunService}, as scripts/run-client.pl
 * writes it: the count of environment entries, the entries (KEY=VALUE), the count of run's
 * arguments, the arguments; each field ended by a NUL byte (no argument or entry can hold one).
 * The counts say where the request ends, so the client's socket stays open behind it: its end is
 * how the client says that its user interrupted the run.
 */
public record RunRequest(Map<String, String> environment, List<String> args) {
    public RunRequest {
        environment = Map.copyOf(environment);
        args = List.copyOf(args);
    }

    /** The request if {@code bytes} hold a whole one; empty while more bytes are needed. */
    public static Optional<RunRequest> decode(byte[] bytes, int length) {
        List<String> fields = new ArrayList<>();
        int start = 0;
        Integer envCount = null;
        Integer argCount = null;
        for (int i = 0; i < length; i++) {
            if (bytes[i] != 0) {
                continue;
            }
            String field = new String(bytes, start, i - start, StandardCharsets.UTF_8);
            start = i + 1;
            if (envCount == null) {
                envCount = count(field, "environment entries");
            } else if (fields.size() == envCount && argCount == null) {
                argCount = count(field, "arguments");
            } else {
                fields.add(field);
            }
            if (argCount != null && fields.size() == envCount + argCount) {
                if (start != length) {
                    throw new IllegalArgumentException("bytes after the request's last argument");
                }
                return Optional.of(new RunRequest(environment(fields.subList(0, envCount)),
                        fields.subList(envCount, fields.size())));
            }
        }
        return Optional.empty();
    }

    public byte[] encode() {
        StringBuilder text = new StringBuilder().append(environment.size()).append('\0');
        environment.forEach((key, value) -> text.append(key).append('=').append(value).append('\0'));
        text.append(args.size()).append('\0');
        args.forEach(arg -> text.append(arg).append('\0'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static int count(String field, String what) {
        try {
            int count = Integer.parseInt(field);
            if (count < 0) {
                throw new NumberFormatException();
            }
            return count;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected the number of " + what + ", not \"" + field + "\"");
        }
    }

    private static Map<String, String> environment(List<String> entries) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (String entry : entries) {
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("environment entry \"" + entry + "\" is not KEY=VALUE");
            }
            environment.put(entry.substring(0, equals), entry.substring(equals + 1));
        }
        return environment;
    }
}
