package io.unikernel.demo.scene;

import io.unikernel.demo.guest.PortProbe;

import java.io.IOException;
import java.net.InetAddress;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Carries out a {@link WaitStep}: probes until the guest answers, showing a countdown. A guest
 * whose container has stopped fails the wait at once instead of at the timeout. Each probe first
 * asks whether the port listens with a short connect ({@link PortProbe}), so the wait ends when
 * the guest is ready, not when Linux next retransmits a SYN.
 */
final class Waiter {
    private static final int HTTP_PORT = 80;
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration RETRY = PortProbe.RETRY;

    private final GuestAddresses addresses;
    private final StepOutput out;

    Waiter(GuestAddresses addresses, StepOutput out) {
        this.addresses = addresses;
        this.out = out;
    }

    String await(WaitStep step) throws StepFailure, InterruptedException {
        WaitCondition condition = step.condition();
        long start = System.nanoTime();
        long deadline = start + step.timeout().toNanos();
        String lastProblem = "no answer yet";
        while (true) {
            long now = System.nanoTime();
            long leftSeconds = Math.max(0, (deadline - now + 999_999_999L) / 1_000_000_000L);
            out.progress("waiting for " + condition.describe() + ": " + leftSeconds + " s left",
                    (int) Math.min(100, (now - start) * 100 / Math.max(1, deadline - start)));
            try {
                probe(condition);
                return condition.describe() + " after " + SceneRunner.seconds(Duration.ofNanos(System.nanoTime() - start));
            } catch (IOException | SQLException e) {
                lastProblem = e.getMessage() == null ? e.toString() : e.getMessage();
            }
            if (System.nanoTime() >= deadline) {
                throw new StepFailure("no " + condition.describe() + " within " + step.timeout().toSeconds()
                        + " s (last: " + lastProblem + "); look at the guest's console");
            }
            Thread.sleep(RETRY.toMillis());
        }
    }

    private void probe(WaitCondition condition) throws StepFailure, IOException, SQLException {
        if (condition instanceof WaitCondition.Tcp tcp) {
            requireListening(addresses.resolve(tcp.host()), tcp.port());
        } else if (condition instanceof WaitCondition.Http http) {
            InetAddress address = addresses.resolve(http.request().url().getHost());
            int port = http.request().url().getPort();
            requireListening(address, port == -1 ? HTTP_PORT : port);
            HttpFetch.Response response = HttpFetch.fetch(http.request(), address, PROBE_TIMEOUT);
            if (response.status() != http.status()) {
                throw new IOException("HTTP " + response.status());
            }
            if (http.text().isPresent() && !response.body().contains(http.text().get())) {
                throw new IOException("the page does not contain \"" + http.text().get() + "\" yet");
            }
        } else if (condition instanceof WaitCondition.Sql sql) {
            InetAddress address = addresses.resolve(sql.query().host());
            requireListening(address, sql.query().port());
            // The scene format promises a row: a database still loading answers "SELECT ..." with none.
            if (SqlClient.query(sql.query(), address, PROBE_TIMEOUT).size() < 2) {
                throw new IOException("the query returned no rows");
            }
        }
    }

    private static void requireListening(InetAddress address, int port) throws IOException {
        if (!PortProbe.listening(address, port)) {
            throw new IOException("nothing listens on " + address.getHostAddress() + ":" + port + " yet");
        }
    }
}
