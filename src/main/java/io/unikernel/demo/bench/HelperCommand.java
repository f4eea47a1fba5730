package io.unikernel.demo.bench;

import io.unikernel.demo.host.HostProcess;
import io.unikernel.demo.host.ProcessSpec;

import java.io.IOException;
import java.time.Duration;

/** A benchmark's helper command (docker run -d, the CLI, the MariaDB client): its output, or an error. */
final class HelperCommand {
    /** Far above what any helper takes; a hung docker CLI must not hang the benchmark. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private HelperCommand() {
    }

    /** The command's stdout; its stderr goes to ours. A non-zero exit or the timeout is an IOException. */
    static String output(Duration timeout, String... command) throws IOException, InterruptedException {
        StringBuilder out = new StringBuilder();
        int status = HostProcess.run(ProcessSpec.of(command).withTimeout(timeout),
                line -> out.append(line).append('\n'), System.err::println);
        if (status != 0) {
            throw new IOException(String.join(" ", command) + " failed (exit " + status + ")");
        }
        return out.toString();
    }
}
