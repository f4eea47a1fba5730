package io.unikernel.demo.guest;

import io.unikernel.demo.testsupport.HostMakeTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the C unit tests of the guest init's JSON configuration parser
 * ({@code guest/init/test_config.c}) and of its boot-time disk check ({@code test_fsck.c})
 * through {@code make -C guest/init test}, so that {@code mvn test} covers them. Needs make and
 * a C compiler (build-essential), and e2fsprogs for the test images.
 */
class InitConfigParserTest {
    private static final List<String> EXPECTED_CASES = List.of(
            "valid_full_config", "missing_optional_keys", "escaped_strings", "prefix_vs_dotted_mask",
            "find_json_in_cmdline", "truncated", "trailing_garbage", "wrong_type_rc", "wrong_type_argv_elem",
            "unterminated_string", "too_deep_nesting", "oversized", "missing_rc", "bad_address",
            "clean_ext4_is_not_checked", "journal_needing_recovery_is_checked", "ext2_left_mounted_is_checked",
            "recorded_errors_are_checked", "other_file_systems_are_left_alone", "e2fsck_statuses",
            "superblocks_written_by_mke2fs_and_debugfs");

    @Test
    void cParserTestsPass(@TempDir Path out) throws Exception {
        Path initDir = Path.of(System.getProperty("user.dir"), "guest", "init");
        assertTrue(Files.isRegularFile(initDir.resolve("test_config.c")), "no " + initDir.resolve("test_config.c"));
        String output = HostMakeTest.run(initDir, out);
        for (String name : EXPECTED_CASES) {
            assertTrue(output.lines().anyMatch(l -> l.startsWith("PASS " + name)),
                    "case " + name + " not listed as passed:\n" + output);
        }
        assertTrue(output.lines().noneMatch(l -> l.startsWith("FAIL ")), output);
        assertTrue(output.contains(" passed, 0 failed"), output);
    }
}
