package io.unikernel.demo.docker;

import java.util.Map;

/** A container as Docker lists it (no inspect): enough to pick ours and to stop or remove them. */
public record ListedContainer(String id, String name, String state, Map<String, String> labels) {
    public boolean running() {
        return "running".equals(state);
    }
}
