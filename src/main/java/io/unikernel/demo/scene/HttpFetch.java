package io.unikernel.demo.scene;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A small HTTP/1.0 client: it connects to an address we resolved ourselves but sends the URL's
 * host name, as a browser would (Java's HttpClient refuses to set Host). HTTP/1.0 keeps the
 * answer unchunked and the connection closed after it.
 */
final class HttpFetch {
    private static final Pattern TITLE = Pattern.compile("<title>(.*?)</title>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final int MAX_BODY = 4 << 20;

    record Response(int status, String body) {
        Optional<String> title() {
            Matcher m = TITLE.matcher(body);
            return m.find() ? Optional.of(m.group(1).replaceAll("\\s+", " ").trim()) : Optional.empty();
        }
    }

    private HttpFetch() {
    }

    static Response fetch(HttpRequest request, InetAddress address, Duration timeout) throws IOException {
        URI url = request.url();
        int port = url.getPort() == -1 ? 80 : url.getPort();
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        if (url.getRawQuery() != null) {
            path += "?" + url.getRawQuery();
        }
        String form = request.form().entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        StringBuilder head = new StringBuilder()
                .append(request.method()).append(' ').append(path).append(" HTTP/1.0\r\n")
                .append("Host: ").append(url.getHost()).append(port == 80 ? "" : ":" + port).append("\r\n")
                .append("User-Agent: docker-unikernel-demo\r\n")
                .append("Connection: close\r\n");
        byte[] body = form.getBytes(StandardCharsets.UTF_8);
        if (request.method().equals("POST")) {
            head.append("Content-Type: application/x-www-form-urlencoded\r\n")
                    .append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return parse(readAll(socket.getInputStream()));
        }
    }

    static Response parse(byte[] raw) throws IOException {
        String text = new String(raw, StandardCharsets.UTF_8);
        int headerEnd = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/") || headerEnd < 0) {
            throw new IOException("not an HTTP response: " + abbreviate(text));
        }
        String[] statusLine = text.substring(0, text.indexOf("\r\n")).split(" ", 3);
        try {
            return new Response(Integer.parseInt(statusLine[1]), text.substring(headerEnd + 4));
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new IOException("bad HTTP status line: " + abbreviate(text), e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
            if (all.size() + n > MAX_BODY) {
                throw new IOException("answer larger than " + (MAX_BODY >> 20) + " MiB");
            }
            all.write(buffer, 0, n);
        }
        return all.toByteArray();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String s) {
        String line = s.lines().findFirst().orElse("");
        return line.length() > 80 ? line.substring(0, 80) + "..." : line;
    }
}
