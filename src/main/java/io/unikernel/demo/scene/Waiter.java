package io.unikernel.demo.scene;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Carries out a {@link WaitStep}: probes until the guest answers, showing a countdown. A guest
 * whose container has stopped fails the wait at once instead of at the timeout.
 */
final class Waiter {
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration RETRY = Duration.ofMillis(500);

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
            InetAddress address = addresses.resolve(tcp.host());
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(address, tcp.port()), (int) PROBE_TIMEOUT.toMillis());
            }
        } else if (condition instanceof WaitCondition.Http http) {
            InetAddress address = addresses.resolve(http.request().url().getHost());
            HttpFetch.Response response = HttpFetch.fetch(http.request(), address, PROBE_TIMEOUT);
            if (response.status() != http.status()) {
                throw new IOException("HTTP " + response.status());
            }
            if (http.text().isPresent() && !response.body().contains(http.text().get())) {
                throw new IOException("the page does not contain \"" + http.text().get() + "\" yet");
            }
        } else if (condition instanceof WaitCondition.Sql sql) {
            InetAddress address = addresses.resolve(sql.query().host());
            // The scene format promises a row: a database still loading answers "SELECT ..." with none.
            if (SqlClient.query(sql.query(), address, PROBE_TIMEOUT).size() < 2) {
                throw new IOException("the query returned no rows");
            }
        }
    }
}
