package io.unikernel.demo.docker;

import java.util.Map;
import java.util.Objects;

/**
 * One change of a container as Docker reports it: its id, the action ("start", "die", "rename",
 * "destroy", ...) and its labels (Docker's event carries them among the actor's attributes,
 * with the image's labels the container inherited).
 */
public record ContainerEvent(String id, String action, Map<String, String> labels) {
    public ContainerEvent {
        Objects.requireNonNull(id, "id was not specified");
        Objects.requireNonNull(action, "action was not specified");
        labels = Map.copyOf(labels);
    }
}
