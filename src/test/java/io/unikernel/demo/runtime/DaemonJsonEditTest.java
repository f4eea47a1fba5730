package io.unikernel.demo.runtime;

import io.unikernel.demo.json.JsonText;
import io.unikernel.demo.json.JsonSyntaxException;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DaemonJsonEditTest {
    private static final String PATH = "/opt/demo/docker-unikernel-runtime";

    private static String installed(String original) throws JsonSyntaxException {
        return DaemonJsonEdit.install(Optional.of(original), "unikernel", PATH).text().orElseThrow();
    }

    private static Optional<String> uninstalled(String text) throws JsonSyntaxException {
        return DaemonJsonEdit.uninstall(Optional.of(text), "unikernel").text();
    }

    @Test
    void addsRuntimesFirstWithTheFilesIndentationAndRemovesItByteForByte() throws Exception {
        String original = "{\n    \"log-level\": \"warn\",\n    \"registry-mirrors\": [\"http://m\"]\n}\n";
        String text = installed(original);
        assertEquals("{\n    \"runtimes\": {\n        \"unikernel\": {\n            \"path\": \"" + PATH + "\"\n        }\n    },\n"
                + "    \"log-level\": \"warn\",\n    \"registry-mirrors\": [\"http://m\"]\n}\n", text);
        assertEquals(Optional.of(original), uninstalled(text));
    }

    @Test
    void addsToAnExistingRuntimesTableAndLeavesTheOtherEntries() throws Exception {
        String original = "{\"debug\": true,\n \"runtimes\": {\n   \"runsc\": {\"path\": \"/usr/bin/runsc\"}\n }\n}";
        String text = installed(original);
        assertTrue(text.contains("\"runtimes\": {\n   \"unikernel\": {\n     \"path\": \"" + PATH + "\"\n   },\n   \"runsc\""), text);
        assertEquals(Optional.of(original), uninstalled(text));
    }

    @Test
    void aOneLineFileStaysOnOneLine() throws Exception {
        String original = "{\"debug\":false}";
        String text = installed(original);
        assertEquals("{\"runtimes\":{\"unikernel\":{\"path\":\"" + PATH + "\"}},\"debug\":false}", text);
        assertEquals(Optional.of(original), uninstalled(text));
    }

    @Test
    void anEmptyObjectGetsTheEntryAndComesBack() throws Exception {
        String text = installed("{}");
        assertTrue(text.startsWith("{\n  \"runtimes\": {\n    \"unikernel\""), text);
        assertEquals(Optional.of("{}"), uninstalled(text));
    }

    @Test
    void aMissingFileIsCreatedAndDeletedAgain() throws Exception {
        var created = DaemonJsonEdit.install(Optional.empty(), "unikernel", PATH);
        assertEquals(Optional.of(DaemonJsonEdit.fresh("unikernel", PATH)), created.text());
        assertEquals(Optional.empty(), uninstalled(created.text().orElseThrow()));
    }

    @Test
    void installingTwiceChangesNothingTheSecondTime() throws Exception {
        String once = installed("{\n  \"debug\": true\n}\n");
        var twice = DaemonJsonEdit.install(Optional.of(once), "unikernel", PATH);
        assertEquals(Optional.of(once), twice.text());
        assertEquals(Optional.empty(), twice.change());
    }

    @Test
    void anEntryWithAnotherPathIsReplaced() throws Exception {
        String old = "{\n  \"runtimes\": {\n    \"unikernel\": {\"path\": \"/old/runtime\"},\n    \"x\": {\"path\": \"/x\"}\n  }\n}\n";
        var result = DaemonJsonEdit.install(Optional.of(old), "unikernel", PATH);
        assertEquals("{\n  \"runtimes\": {\n    \"unikernel\": {\n      \"path\": \"" + PATH + "\"\n    },\n    \"x\": {\"path\": \"/x\"}\n  }\n}\n",
                result.text().orElseThrow());
        assertTrue(result.change().orElseThrow().contains("/old/runtime"), result.change().toString());
    }

    @Test
    void removesAMiddleAndALastEntryWithTheirCommas() throws Exception {
        String middle = "{\"runtimes\": {\"a\": {}, \"unikernel\": {\"path\": \"p\"}, \"b\": {}}}";
        assertEquals(Optional.of("{\"runtimes\": {\"a\": {}, \"b\": {}}}"), uninstalled(middle));
        String last = "{\"runtimes\": {\"a\": {}, \"unikernel\": {\"path\": \"p\"}}}";
        assertEquals(Optional.of("{\"runtimes\": {\"a\": {}}}"), uninstalled(last));
    }

    @Test
    void uninstallWithoutTheEntryChangesNothing() throws Exception {
        String text = "{\"runtimes\": {\"a\": {}}}";
        var result = DaemonJsonEdit.uninstall(Optional.of(text), "unikernel");
        assertEquals(Optional.of(text), result.text());
        assertEquals(Optional.empty(), result.change());
        assertEquals(Optional.empty(), DaemonJsonEdit.uninstall(Optional.empty(), "unikernel").text());
    }

    @Test
    void pathsAreWrittenAsJsonStrings() throws Exception {
        String text = DaemonJsonEdit.install(Optional.empty(), "unikernel", "/a \"b\"\\c").text().orElseThrow();
        assertTrue(text.contains("\"path\": \"/a \\\"b\\\"\\\\c\""), text);
        var entry = ((JsonText.ObjectValue) ((JsonText.ObjectValue) JsonText.parse(text)).member("runtimes").orElseThrow().value())
                .member("unikernel").orElseThrow();
        assertEquals(Optional.of("/a \"b\"\\c"), DaemonJsonEdit.pathOf(entry));
    }

    @Test
    void malformedJsonIsRefusedWithLineAndColumn() {
        var e = assertThrows(JsonSyntaxException.class, () -> installed("{\n  \"debug\": true,\n}\n"));
        assertEquals(3, e.line());
        assertEquals(1, e.column());
        assertEquals("line 3, column 1: expected '\"' to start a member name but found '}'", e.getMessage());
        var trailing = assertThrows(JsonSyntaxException.class, () -> installed("{\"a\": tru}"));
        assertEquals("line 1, column 7: expected a value but found 't'", trailing.getMessage());
    }

    @Test
    void runtimesThatIsNotAnObjectIsRefused() {
        var e = assertThrows(JsonSyntaxException.class, () -> installed("{\n  \"runtimes\": [1]\n}"));
        assertEquals(2, e.line());
        assertEquals(15, e.column());
    }

    @Test
    void aDocumentThatIsNotAnObjectIsRefused() {
        assertThrows(JsonSyntaxException.class, () -> installed("[]"));
        assertThrows(JsonSyntaxException.class, () -> installed("{} x"));
        assertThrows(JsonSyntaxException.class, () -> installed("{\"a\": \"unterminated}"));
    }

    @Test
    void aReloadThatMustDropARuntimeNamesRuntimes() throws Exception {
        assertEquals("{\"runtimes\": {}}\n", DaemonJsonEdit.namingRuntimes(Optional.empty()));
        assertEquals("{\n  \"runtimes\": {},\n  \"debug\": false\n}\n", DaemonJsonEdit.namingRuntimes(Optional.of("{\n  \"debug\": false\n}\n")));
        String named = "{\"runtimes\": {\"a\": {}}}";
        assertEquals(named, DaemonJsonEdit.namingRuntimes(Optional.of(named)));
    }
}
