package io.unikernel.demo.guest;

import io.unikernel.demo.testsupport.HostMakeTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the host-compiled C unit tests of our own unikernel ({@code guest/unikernel/tests}:
 * the HTTP parser with its fuzz, request-path normalisation, the cpio reader and web root,
 * the configuration adapter) through {@code make -C guest/unikernel test}, under
 * AddressSanitizer and UBSan. Needs make, gcc and cpio.
 */
class UnikernelUnitTest {
    private static final List<String> EXPECTED_CASES = List.of(
            "get_http11_keeps_alive", "connection_close_and_http10", "incomplete_heads_need_more",
            "status_400_missing_host", "status_400_obs_fold", "status_405_post", "status_414_long_request_line",
            "status_431_long_headers", "status_505_http2", "response_heads", "fuzz_malformed_requests",
            "query_and_fragment_dropped", "dot_dot_refused", "encoded_dot_dot_refused", "encoded_slash_refused",
            "reads_cpio_tool_output", "webroot_index_and_types", "truncated_and_corrupt_archives",
            "runner_command_line", "bad_json", "kvm_probe_config", "other_program");

    @Test
    void cUnitTestsPass(@TempDir Path out) throws Exception {
        Path dir = Path.of(System.getProperty("user.dir"), "guest", "unikernel");
        String output = HostMakeTest.run(dir, out);
        for (String name : EXPECTED_CASES) {
            assertTrue(output.lines().anyMatch(l -> l.equals("PASS " + name)),
                    "case " + name + " not listed as passed:\n" + output);
        }
        assertTrue(output.lines().noneMatch(l -> l.startsWith("FAIL ")), output);
        assertEquals(4, output.lines().filter(l -> l.endsWith(" passed, 0 failed")).count(), output);
    }
}
