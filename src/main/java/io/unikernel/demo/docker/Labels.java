package io.unikernel.demo.docker;

/** Labels that mark the containers this tool made, so they can be listed and removed after a crash too. */
public final class Labels {
    /** Present (value "true") on every container docker-unikernel created. */
    public static final String MANAGED = "io.unikernel.demo.managed";
    /** Who asked for the container: "cli", "console", a test's name; lets each clean up its own. */
    public static final String SESSION = "io.unikernel.demo.session";

    /** Unique to one launch, so a launch interrupted before it learnt its container's id can still find it. */
    public static final String LAUNCH = "io.unikernel.demo.launch";

    /**
     * On every image docker-unikernel builds (the hash of its inputs, to tell an up-to-date one);
     * a container inherits it from its image, which tells ours when Docker itself started them.
     */
    public static final String IMAGE_INPUTS = "io.unikernel.demo.inputs";

    private Labels() {
    }
}
