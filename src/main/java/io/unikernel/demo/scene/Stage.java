package io.unikernel.demo.scene;

import java.io.IOException;

/**
 * The presenter's side of the steps that involve the screen or the keyboard: the console
 * implements it, the headless rehearsal replaces each with its non-interactive form.
 */
public interface Stage {
    /** True when a person is at the keyboard: shell steps get the terminal and pauses wait. */
    boolean interactive();

    /** Puts this container's serial console in front. */
    void showConsole(String container);

    /** Gives the terminal to a host command until it exits; returns its exit status. */
    int handOverTerminal(String command) throws IOException, InterruptedException;

    /** Waits for the presenter to go on. */
    void awaitKey(String message) throws InterruptedException;
}
