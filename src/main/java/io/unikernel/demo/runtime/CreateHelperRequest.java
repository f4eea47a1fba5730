package io.unikernel.demo.runtime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One request to the {@link CreateHelper}, as scripts/runtime-create-client.pl writes it before it
 * shuts its side of the socket down: the phase, the runc executable and runc's arguments, each
 * field ended by a NUL byte (no argument can hold one).
 */
public record CreateHelperRequest(Phase phase, String runc, List<String> args) {
    public enum Phase {
        /** Before runc create: the guest's devices into config.json. */
        DEVICES("devices"),
        /** After runc create: steps 2-4 of the contract. */
        PLUMB("plumb");

        private final String word;

        Phase(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }

        static Phase of(String word) {
            for (Phase phase : values()) {
                if (phase.word.equals(word)) {
                    return phase;
                }
            }
            throw new IllegalArgumentException("unknown phase \"" + word + "\" (expected devices or plumb)");
        }
    }

    public CreateHelperRequest {
        args = List.copyOf(args);
    }

    public static CreateHelperRequest decode(byte[] bytes) {
        List<String> fields = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                fields.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start != bytes.length) {
            throw new IllegalArgumentException("the request's last field is not ended by a NUL byte");
        }
        if (fields.size() < 2) {
            throw new IllegalArgumentException("the request needs a phase and the runc executable, then runc's arguments");
        }
        return new CreateHelperRequest(Phase.of(fields.get(0)), fields.get(1), fields.subList(2, fields.size()));
    }

    public byte[] encode() {
        StringBuilder text = new StringBuilder(phase.word).append('\0').append(runc).append('\0');
        for (String arg : args) {
            text.append(arg).append('\0');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
