package io.unikernel.demo.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * When a guest first answers HTTP 200. Each probe is a fresh socket with a short connect
 * timeout: a SYN sent before the guest listens would otherwise wait for Linux's 1 s retry.
 */
final class FirstAnswer {
    private static final int CONNECT_TIMEOUT_MS = 50;
    private static final int READ_TIMEOUT_MS = 2000;

    private FirstAnswer() {
    }

    /** Polls http://ADDRESS:PORT/ until a 200; returns System.nanoTime() of that answer. */
    static long await(String address, int port, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MS);
                socket.setSoTimeout(READ_TIMEOUT_MS);
                OutputStream out = socket.getOutputStream();
                out.write(("GET / HTTP/1.0\r\nHost: " + address + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                byte[] head = in.readNBytes(12);
                if (new String(head, StandardCharsets.US_ASCII).matches("HTTP/1\\.[01] 200")) {
                    return System.nanoTime();
                }
            } catch (IOException e) {
                Thread.sleep(5);
            }
        }
        throw new IOException("no HTTP 200 from " + address + ":" + port + " within " + timeout.toSeconds() + " s");
    }
}
