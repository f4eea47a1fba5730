package io.unikernel.demo.scene;

import java.net.URI;
import java.util.Map;

/** A request a scene makes: GET, or POST of a form. Host names may be container names. */
public record HttpRequest(URI url, String method, Map<String, String> form) {
    public HttpRequest {
        form = Map.copyOf(form);
    }

    public static HttpRequest get(URI url) {
        return new HttpRequest(url, "GET", Map.of());
    }
}
