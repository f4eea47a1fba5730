package io.unikernel.demo.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** One HTTP/1.1 keep-alive client of the throughput benchmark: reads each response by its Content-Length. */
final class KeepAliveClient {
    private KeepAliveClient() {
    }

    /** Requests for / until the deadline, one after the other on one connection; returns how many were answered. */
    static long requests(String ip, int port, long deadline) {
        long done = 0;
        byte[] request = "GET / HTTP/1.1\r\nHost: bench\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(ip, port), 2000);
            s.setSoTimeout(5000);
            s.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            while (System.nanoTime() < deadline) {
                out.write(request);
                out.flush();
                long length = -1;
                StringBuilder line = new StringBuilder();
                int c;
                while ((c = in.read()) >= 0) {
                    if (c == '\n') {
                        String l = line.toString().strip();
                        if (l.isEmpty()) {
                            break;
                        }
                        if (l.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                            length = Long.parseLong(l.substring(15).strip());
                        }
                        line.setLength(0);
                    } else {
                        line.append((char) c);
                    }
                }
                if (c < 0 || length < 0) {
                    break;
                }
                in.skipNBytes(length);
                done++;
            }
        } catch (IOException e) {
            // the count so far stands; a client that could not connect counts nothing
        }
        return done;
    }
}
