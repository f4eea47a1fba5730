package io.unikernel.demo.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient.Request;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Docker's REST API over docker-java's transport, with JSON as a tree. The launch path uses it:
 * docker-java's object mapping costs a cold CLI about 200 ms per call type before the first
 * request leaves, more than Docker itself spends answering.
 */
final class EngineApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DockerHttpClient http;

    EngineApi(DockerHttpClient http) {
        this.http = http;
    }

    static ObjectMapper json() {
        return JSON;
    }

    JsonNode get(String path) {
        return send(Request.builder().method(Request.Method.GET).path(path).build());
    }

    JsonNode post(String path) {
        return send(Request.builder().method(Request.Method.POST).path(path).build());
    }

    JsonNode post(String path, JsonNode body) {
        return send(Request.builder().method(Request.Method.POST).path(path)
                .putHeader("Content-Type", "application/json")
                .body(new ByteArrayInputStream(body.toString().getBytes(StandardCharsets.UTF_8))).build());
    }

    JsonNode delete(String path) {
        return send(Request.builder().method(Request.Method.DELETE).path(path).build());
    }

    private JsonNode send(Request request) {
        try (DockerHttpClient.Response response = http.execute(request)) {
            return body(response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A POST whose answer comes later: returns once Docker has sent the status line and headers,
     * leaving the body to be read (and the response closed) by the caller. Errors throw as in send.
     */
    DockerHttpClient.Response open(String path) {
        DockerHttpClient.Response response = http.execute(Request.builder().method(Request.Method.POST).path(path).build());
        if (response.getStatusCode() < 300) {
            return response;
        }
        try (response) {
            body(response);
            throw new DockerException("HTTP " + response.getStatusCode(), response.getStatusCode());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode body(DockerHttpClient.Response response) throws IOException {
        int status = response.getStatusCode();
        JsonNode body = read(response.getBody());
        if (status < 300 || status == 304) {
            return body;
        }
        String message = body.path("message").asText("HTTP " + status);
        throw switch (status) {
            case 404 -> new NotFoundException(message);
            case 409 -> new ConflictException(message);
            default -> new DockerException(message, status);
        };
    }

    private static JsonNode read(InputStream in) throws IOException {
        byte[] bytes = in.readAllBytes();
        return bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
    }
}
