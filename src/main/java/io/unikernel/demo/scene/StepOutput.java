package io.unikernel.demo.scene;

/** Where a running step reports: the scene pane in the console, standard output when rehearsing. */
public interface StepOutput {
    void line(String text);

    /** Long work: what is happening and how far along (0-100), or -1 when unknown. */
    void progress(String what, int percent);
}
