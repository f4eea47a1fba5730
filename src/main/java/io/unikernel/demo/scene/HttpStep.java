package io.unikernel.demo.scene;

import java.util.Optional;

/** Makes an HTTP request and shows the status and the page's title; fails on another status. */
public record HttpStep(HttpRequest request, int expectStatus, Optional<String> expectText) implements Step {
    @Override
    public String describe() {
        return request.method() + " " + request.url();
    }
}
