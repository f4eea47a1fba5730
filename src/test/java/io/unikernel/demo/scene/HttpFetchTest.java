package io.unikernel.demo.scene;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpFetchTest {
    @Test
    void statusBodyAndTitleAreReadFromTheAnswer() throws IOException {
        HttpFetch.Response r = HttpFetch.parse("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><title>\n My  blog </title>"
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(200, r.status());
        assertEquals("My blog", r.title().orElseThrow());
    }

    @Test
    void somethingThatIsNotHttpIsAnError() {
        IOException e = assertThrows(IOException.class, () -> HttpFetch.parse("SSH-2.0-OpenSSH\r\n".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().startsWith("not an HTTP response: SSH-2.0"), e.getMessage());
    }

    @Test
    void aPostSendsTheUrlsHostAndTheEncodedForm() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> request = CompletableFuture.supplyAsync(() -> {
                try (Socket s = server.accept()) {
                    InputStream in = s.getInputStream();
                    byte[] buffer = new byte[4096];
                    StringBuilder text = new StringBuilder();
                    while (!text.toString().contains("body=b%26c")) {
                        int n = in.read(buffer);
                        text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    }
                    OutputStream out = s.getOutputStream();
                    out.write("HTTP/1.0 303 See Other\r\nLocation: /\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    return text.toString();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            URI url = URI.create("http://blog:" + server.getLocalPort() + "/admin.php");
            HttpFetch.Response r = HttpFetch.fetch(new HttpRequest(url, "POST", Map.of("body", "b&c")),
                    InetAddress.getLoopbackAddress(), Duration.ofSeconds(5));
            assertEquals(303, r.status());
            String sent = request.get();
            assertTrue(sent.startsWith("POST /admin.php HTTP/1.0\r\n"), sent);
            assertTrue(sent.contains("Host: blog:" + server.getLocalPort() + "\r\n"), sent);
            assertTrue(sent.contains("Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 10\r\n"), sent);
        }
    }
}
