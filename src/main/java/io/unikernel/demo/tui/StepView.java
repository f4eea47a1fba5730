package io.unikernel.demo.tui;

import io.unikernel.demo.scene.SceneStep;
import io.unikernel.demo.scene.StepOutput;
import io.unikernel.demo.scene.StepResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A step of the current scene as the scene pane shows it: waiting, running (with progress), or its result. */
final class StepView implements StepOutput {
    static final int MAX_OUTPUT = 200;

    private final SceneStep step;
    private final Runnable changed;
    private final List<String> output = new ArrayList<>();
    private boolean running;
    private String progress = "";
    private StepResult result;

    StepView(SceneStep step, Runnable changed) {
        this.step = step;
        this.changed = changed;
    }

    SceneStep step() {
        return step;
    }

    synchronized void started() {
        running = true;
        output.clear();
        progress = "";
        result = null;
        changed.run();
    }

    synchronized void finished(StepResult value) {
        running = false;
        result = value;
        progress = "";
        changed.run();
    }

    synchronized boolean running() {
        return running;
    }

    synchronized Optional<StepResult> result() {
        return Optional.ofNullable(result);
    }

    synchronized String progress() {
        return progress;
    }

    synchronized List<String> output() {
        return List.copyOf(output);
    }

    @Override
    public synchronized void line(String text) {
        if (output.size() == MAX_OUTPUT) {
            output.remove(0);
        }
        output.add(text);
        changed.run();
    }

    @Override
    public synchronized void progress(String what, int percent) {
        progress = percent < 0 ? what : what + " " + bar(percent);
        changed.run();
    }

    static String bar(int percent) {
        int filled = Math.max(0, Math.min(10, percent / 10));
        return "[" + "#".repeat(filled) + ".".repeat(10 - filled) + "] " + percent + "%";
    }
}
