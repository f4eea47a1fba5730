package io.unikernel.demo.tui;

/** Where a run of UTF-8 bytes stops being whole characters. */
final class Utf8 {
    private Utf8() {
    }

    /**
     * The length of the prefix of bytes that ends on a character boundary: all of it, unless it
     * ends with the first 1-3 bytes of a multi-byte character. Invalid bytes count as whole
     * (the decoder shows them as U+FFFD) so that nothing is held back for ever.
     */
    static int completeLength(byte[] bytes) {
        int n = bytes.length;
        for (int back = 1; back <= Math.min(3, n); back++) {
            int b = bytes[n - back] & 0xff;
            if ((b & 0xc0) == 0x80) {
                continue; // a continuation byte: its lead byte is further back
            }
            int needed = (b & 0xe0) == 0xc0 ? 2 : (b & 0xf0) == 0xe0 ? 3 : (b & 0xf8) == 0xf0 ? 4 : 1;
            return needed > back ? n - back : n;
        }
        return n;
    }
}
