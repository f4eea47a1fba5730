package io.unikernel.demo.docker;

import java.util.Map;

/**
 * Tells the guests Docker itself started through our OCI runtime ({@code docker run --runtime
 * unikernel}, compose): they carry none of the launcher's labels, but a container inherits its
 * image's labels, every image we build has {@link Labels#IMAGE_INPUTS}, and Docker
 * records the runtime it used. Both are needed: our image run by plain runc gets no network
 * plumbed, and any other image run through our runtime is plain runc.
 */
public final class RuntimeGuests {
    /** The name {@code docker-unikernel runtime install} registers our runtime under. */
    public static final String RUNTIME = "unikernel";

    private RuntimeGuests() {
    }

    /** Whether Docker started this container from one of our images through our runtime. */
    public static boolean startedByDocker(ContainerInfo container) {
        return RUNTIME.equals(container.runtime()) && fromOurImage(container.labels());
    }

    /**
     * Whether a container with these labels (an event's attributes carry them) may be one of our
     * guests: the launcher's, or one from our images; its runtime then decides.
     */
    public static boolean mayBeOurs(Map<String, String> labels) {
        return "true".equals(labels.get(Labels.MANAGED)) || fromOurImage(labels);
    }

    static boolean fromOurImage(Map<String, String> labels) {
        return labels.containsKey(Labels.IMAGE_INPUTS);
    }
}
