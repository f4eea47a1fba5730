package io.unikernel.demo.tui;

import com.googlecode.lanterna.input.KeyStroke;

import java.nio.charset.StandardCharsets;

/** A key as the bytes a terminal would send for it, for a guest's serial console (a VT100 to the guest). */
final class KeyBytes {
    private static final byte ESC = 0x1b;

    private KeyBytes() {
    }

    static byte[] of(KeyStroke key) {
        return switch (key.getKeyType()) {
            case Character -> character(key);
            case Enter -> new byte[] {'\r'};
            case Backspace -> new byte[] {0x7f};
            case Tab -> new byte[] {'\t'};
            case Escape -> new byte[] {ESC};
            case ArrowUp -> csi("A");
            case ArrowDown -> csi("B");
            case ArrowRight -> csi("C");
            case ArrowLeft -> csi("D");
            case Home -> csi("H");
            case End -> csi("F");
            case Delete -> csi("3~");
            case PageUp -> csi("5~");
            case PageDown -> csi("6~");
            default -> new byte[0];
        };
    }

    private static byte[] character(KeyStroke key) {
        char c = key.getCharacter();
        if (key.isCtrlDown() && Character.isLetter(c)) {
            return new byte[] {(byte) (Character.toLowerCase(c) & 0x1f)};
        }
        byte[] text = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (key.isAltDown()) {
            byte[] withEsc = new byte[text.length + 1];
            withEsc[0] = ESC;
            System.arraycopy(text, 0, withEsc, 1, text.length);
            return withEsc;
        }
        return text;
    }

    private static byte[] csi(String tail) {
        return ("\u001b[" + tail).getBytes(StandardCharsets.US_ASCII);
    }
}
