package io.unikernel.demo.netlink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The independent witness for the root tests: iproute2's `ip`, and just enough JSON reading. */
final class Ip {
    private Ip() {
    }

    static String run(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    /** Runs and ignores failure: for cleanup of what may already be gone. */
    static void runQuietly(String... arguments) {
        try {
            run(arguments);
        } catch (IOException e) {
            // already gone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Every value of "key" in the JSON text, strings without quotes, numbers as written. */
    static List<String> values(String json, String key) {
        Matcher matcher = Pattern.compile("\"" + Pattern.quote(key) + "\":(\"([^\"]*)\"|(-?\\d+))").matcher(json);
        List<String> values = new ArrayList<>();
        while (matcher.find()) {
            values.add(matcher.group(2) != null ? matcher.group(2) : matcher.group(3));
        }
        return values;
    }

    /** The single value of "key"; fails when there is none or several. */
    static String value(String json, String key) {
        List<String> values = values(json, key);
        if (values.size() != 1) {
            throw new AssertionError("expected one \"" + key + "\" in " + json + ", found " + values);
        }
        return values.get(0);
    }

    /** The netns inode this thread is in, as "net:[4026531840]". */
    static String currentNetns() throws IOException {
        return java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/thread-self/ns/net")).toString();
    }
}
