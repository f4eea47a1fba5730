package io.unikernel.demo.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.transport.DockerHttpClient;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A wait that Docker holds for a container (see {@link ContainerEngine#watchExit}): Docker answers
 * with the exit status once the container ends. Closing it drops the wait.
 */
public final class ContainerExit implements AutoCloseable {
    private final String id;
    private final DockerHttpClient.Response response;
    private final CompletableFuture<Integer> status = new CompletableFuture<>();

    ContainerExit(String id, DockerHttpClient.Response response) {
        this.id = id;
        this.response = response;
        // Docker sends the body only when the container ends: minutes or days from now.
        Thread reader = new Thread(this::readStatus, "exit-of-" + id.substring(0, Math.min(12, id.length())));
        reader.setDaemon(true);
        reader.start();
    }

    private void readStatus() {
        try (InputStream body = response.getBody()) {
            JsonNode answer = EngineApi.json().readTree(body);
            JsonNode error = answer.path("Error").path("Message");
            if (!error.asText("").isEmpty()) {
                status.completeExceptionally(new IOException("Docker could not wait for " + id + ": " + error.asText()));
            } else if (!answer.path("StatusCode").isInt()) {
                status.completeExceptionally(new IOException("Docker's answer to the wait for " + id + " has no status: " + answer));
            } else {
                status.complete(answer.path("StatusCode").asInt());
            }
        } catch (IOException | RuntimeException e) {
            status.completeExceptionally(new IOException("lost Docker's wait for " + id + ": " + e.getMessage(), e));
        }
    }

    /** The container's exit status, once Docker reports it within the timeout; empty if it did not. */
    public Optional<Integer> await(Duration timeout) throws IOException, InterruptedException {
        try {
            return Optional.of(status.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause().getMessage(), e.getCause());
        }
    }

    @Override
    public void close() {
        response.close();
    }
}
