package io.unikernel.demo.host;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A host command for {@link HostProcess}: its arguments, where it runs, the text its stdin gets
 * (otherwise /dev/null), its deadline, and whether stderr joins stdout.
 */
public record ProcessSpec(List<String> command, Optional<Path> directory, Optional<String> input,
                          Optional<Duration> timeout, boolean errorsMerged) {
    public ProcessSpec {
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("a host command needs at least the program");
        }
        if (timeout.filter(t -> t.isNegative() || t.isZero()).isPresent()) {
            throw new IllegalArgumentException("a timeout must be above zero, not " + timeout.get());
        }
    }

    public static ProcessSpec of(List<String> command) {
        return new ProcessSpec(command, Optional.empty(), Optional.empty(), Optional.empty(), false);
    }

    public static ProcessSpec of(String... command) {
        return of(List.of(command));
    }

    /** {@code sh -c script}, as a user would type it. */
    public static ProcessSpec shell(String script) {
        return of("sh", "-c", script);
    }

    public ProcessSpec in(Path dir) {
        return new ProcessSpec(command, Optional.of(dir), input, timeout, errorsMerged);
    }

    /** The text (and a final newline) written to the command's stdin, which is then closed. */
    public ProcessSpec withInput(Optional<String> text) {
        return new ProcessSpec(command, directory, text, timeout, errorsMerged);
    }

    public ProcessSpec withTimeout(Duration limit) {
        return new ProcessSpec(command, directory, input, Optional.of(limit), errorsMerged);
    }

    public ProcessSpec withErrorsMerged() {
        return new ProcessSpec(command, directory, input, timeout, true);
    }

    /** The command as one line for messages. */
    public String describe() {
        return command.size() == 3 && command.get(0).equals("sh") && command.get(1).equals("-c")
                ? command.get(2) : String.join(" ", command);
    }
}
