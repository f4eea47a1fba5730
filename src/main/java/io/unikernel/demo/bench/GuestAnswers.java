package io.unikernel.demo.bench;

import io.unikernel.demo.guest.PortProbe;
import io.unikernel.demo.host.HostProcess;
import io.unikernel.demo.host.ProcessSpec;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Whether a guest answers as its users would ask it: HTTP 200, or a row from the real MariaDB client. */
final class GuestAnswers {
    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    private static final int HTTP_PORT = 80;
    private static final int MYSQL_PORT = 3306;
    private static final Duration SQL_CLIENT_TIMEOUT = Duration.ofSeconds(5);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    private GuestAnswers() {
    }

    @FunctionalInterface
    interface Probe {
        boolean answers(String ip) throws Exception;
    }

    static void await(Probe probe, String ip) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!probe.answers(ip)) {
            if (System.nanoTime() > deadline) {
                throw new IOException("no answer from " + ip + " within " + TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(PortProbe.RETRY.toMillis());
        }
    }

    static boolean http(String ip, String path) {
        if (!PortProbe.listening(ip, HTTP_PORT)) {
            return false;
        }
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://" + ip + path)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A row from the real MariaDB client, as a user would see it. */
    static boolean sqlRow(String ip) throws IOException, InterruptedException {
        if (!PortProbe.listening(ip, MYSQL_PORT)) {
            return false;
        }
        StringBuilder rows = new StringBuilder();
        try {
            int status = HostProcess.run(ProcessSpec.of("mariadb", "-h", ip, "-u", "rump", "-N", "-e",
                    "select count(*) from demo.unikernels").withTimeout(SQL_CLIENT_TIMEOUT), rows::append, line -> { });
            return status == 0 && !rows.toString().isBlank();
        } catch (IOException e) {
            return false; // timed out: the next probe asks again
        }
    }
}
