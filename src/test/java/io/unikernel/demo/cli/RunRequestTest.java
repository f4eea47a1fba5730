package io.unikernel.demo.cli;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunRequestTest {
    private static Optional<RunRequest> decode(byte[] bytes) {
        return RunRequest.decode(bytes, bytes.length);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theBytesAreTheCountsAndTheNulEndedFieldsScriptsRunClientWrites() {
        RunRequest request = new RunRequest(Map.of("UNIKERNEL_KVM", "off"), List.of("--name", "", "unikernel/httpd"));
        assertArrayEquals(bytes("1\0UNIKERNEL_KVM=off\0" + "3\0--name\0\0unikernel/httpd\0"), request.encode());
        assertEquals(Optional.of(request), decode(request.encode()));
    }

    @Test
    void aValueMayHoldEqualsSignsAndNoArgumentsNoEnvironmentIsAWholeRequest() {
        assertEquals(Optional.of(new RunRequest(Map.of("A", "b=c"), List.of())), decode(bytes("1\0A=b=c\0" + "0\0")));
        assertEquals(Optional.of(new RunRequest(Map.of(), List.of())), decode(bytes("0\0" + "0\0")));
    }

    @Test
    void everyPrefixOfARequestAsksForMoreBytes() {
        byte[] whole = new RunRequest(Map.of("K", "v"), List.of("-a", "img")).encode();
        for (int length = 0; length < whole.length; length++) {
            assertEquals(Optional.empty(), RunRequest.decode(Arrays.copyOf(whole, length), length), "prefix of " + length);
        }
    }

    @Test
    void malformedRequestsAreRefusedSayingWhy() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> decode(bytes("x\0"))).getMessage()
                .contains("expected the number of environment entries, not \"x\""));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> decode(bytes("0\0-1\0"))).getMessage()
                .contains("expected the number of arguments"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> decode(bytes("1\0NOEQUALS\0" + "0\0"))).getMessage()
                .contains("is not KEY=VALUE"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> decode(bytes("0\0" + "1\0a\0b\0"))).getMessage()
                .contains("bytes after the request's last argument"));
    }
}
