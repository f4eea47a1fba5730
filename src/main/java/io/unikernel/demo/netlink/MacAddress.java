package io.unikernel.demo.netlink;

import java.util.HexFormat;
import java.util.Objects;

/** A 48-bit Ethernet address, held as a number so the value is immutable and comparable. */
public record MacAddress(long value) {
    /** What a link without an Ethernet address (loopback, tun, ipip) reports. */
    public static final MacAddress ZERO = new MacAddress(0);

    private static final int LENGTH = 6;

    public MacAddress {
        if (value < 0 || value >= 1L << 48) {
            throw new IllegalArgumentException("MAC address value " + Long.toHexString(value)
                    + " does not fit in 48 bits");
        }
    }

    /** From the 6 bytes of a hardware address, most significant first. */
    public static MacAddress of(byte[] bytes) {
        Objects.requireNonNull(bytes, "MAC address bytes were not specified");
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("MAC address has " + bytes.length + " bytes, expected " + LENGTH);
        }
        long value = 0;
        for (byte b : bytes) {
            value = value << 8 | (b & 0xff);
        }
        return new MacAddress(value);
    }

    /** Parses "02:42:ac:11:00:02" (either case, colon separated). */
    public static MacAddress parse(String text) {
        Objects.requireNonNull(text, "MAC address text was not specified");
        if (!text.matches("\\p{XDigit}{2}(:\\p{XDigit}{2}){5}")) {
            throw new IllegalArgumentException("MAC address '" + text
                    + "' is not six colon-separated hex bytes like 02:42:ac:11:00:02");
        }
        return of(HexFormat.ofDelimiter(":").parseHex(text));
    }

    public byte[] bytes() {
        byte[] bytes = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            bytes[i] = (byte) (value >>> (8 * (LENGTH - 1 - i)));
        }
        return bytes;
    }

    /** "110002" for 02:42:ac:11:00:02: the suffix of the 2015 macvtap name "vtap110002". */
    public String lastThreeBytesHex() {
        return HexFormat.of().formatHex(bytes(), 3, LENGTH);
    }

    @Override
    public String toString() {
        return HexFormat.ofDelimiter(":").formatHex(bytes());
    }
}
