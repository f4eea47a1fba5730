package io.unikernel.demo.testsupport;

import io.unikernel.demo.guest.PortProbe;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Waits for a guest to answer from the host, as a user's browser or ping would reach it. Each
 * attempt first asks whether port 80 listens, with a short connect ({@link PortProbe}).
 */
public final class GuestProbe {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private GuestProbe() {
    }

    /** The body of the first HTTP 200 from http://ADDRESS/ (or http://ADDRESS/PATH); fails naming what it waited for. */
    public static String awaitHttp(String address, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI uri = URI.create("http://" + address + (address.contains("/") ? "" : "/"));
        String last = "no attempt";
        while (System.nanoTime() < deadline) {
            if (!PortProbe.listening(uri.getHost(), uri.getPort() == -1 ? 80 : uri.getPort())) {
                last = "nothing listens on port 80 yet";
                Thread.sleep(PortProbe.RETRY.toMillis());
                continue;
            }
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return r.body();
                }
                last = "HTTP " + r.statusCode();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting for HTTP 200 from " + uri
                + " (last: " + last + ")");
    }

    /** Returns once ADDRESS:PORT accepts a TCP connection; fresh sockets with short connect timeouts, so no SYN retransmission is waited for. */
    public static void awaitTcp(String address, int port, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(address, port), 50);
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting for " + address + ":" + port);
    }

    public static boolean pings(String address) {
        return HostCommand.run("ping", "-c", "1", "-W", "3", address).exitCode() == 0;
    }
}
