package io.unikernel.demo.tui;

import io.unikernel.demo.scene.Scene;
import io.unikernel.demo.scene.SceneFile;
import io.unikernel.demo.scene.SceneStep;
import io.unikernel.demo.scene.Stage;
import io.unikernel.demo.scene.StepResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Where the presenter is in the demo: the current scene, its steps and their results. Steps run
 * one at a time on a worker thread, so the screen keeps moving while a step builds or waits.
 * Moving to another scene is refused while a step runs (the step is what the audience watches).
 */
final class ScenePlayer implements AutoCloseable {
    enum SceneMark { NOT_RUN, PASSED, FAILED }

    private final SceneFile file;
    private final DemoBackend backend;
    private final Stage stage;
    private final Runnable changed;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "scene-step");
        t.setDaemon(true);
        return t;
    });
    private final Map<Integer, SceneMark> marks = new HashMap<>();
    private int scene;
    private List<StepView> steps;
    private int next;
    private boolean busy;

    ScenePlayer(SceneFile file, DemoBackend backend, Stage stage, Runnable changed) {
        this.file = file;
        this.backend = backend;
        this.stage = stage;
        this.changed = changed;
        show(0);
    }

    SceneFile file() {
        return file;
    }

    synchronized int sceneIndex() {
        return scene;
    }

    synchronized Scene scene() {
        return file.scenes().get(scene);
    }

    synchronized List<StepView> steps() {
        return List.copyOf(steps);
    }

    synchronized boolean busy() {
        return busy;
    }

    synchronized SceneMark mark(int index) {
        return marks.getOrDefault(index, SceneMark.NOT_RUN);
    }

    synchronized boolean sceneDone() {
        return next >= steps.size();
    }

    /**
     * Enter: runs the next step; at the end of a scene, moves to the next one. Returns what
     * happened in a few words for the status line, or empty when nothing could be done.
     */
    synchronized String advance() {
        if (busy) {
            return "a step is running";
        }
        if (sceneDone()) {
            return nextScene() ? "" : "that was the last scene: q quits";
        }
        StepView view = steps.get(next++);
        busy = true;
        view.started();
        worker.execute(() -> runStep(view));
        return "";
    }

    private void runStep(StepView view) {
        StepResult result;
        try {
            result = backend.run(view.step(), view, stage);
        } catch (RuntimeException e) {
            result = new StepResult(StepResult.Outcome.FAILED, String.valueOf(e.getMessage()), Duration.ZERO);
        }
        view.finished(result);
        synchronized (this) {
            busy = false;
            if (result.failed()) {
                marks.put(scene, SceneMark.FAILED);
            } else if (sceneDone() && marks.get(scene) != SceneMark.FAILED) {
                marks.put(scene, SceneMark.PASSED);
            }
        }
        changed.run();
    }

    synchronized boolean nextScene() {
        if (busy || scene + 1 >= file.scenes().size()) {
            return false;
        }
        show(scene + 1);
        return true;
    }

    synchronized boolean previousScene() {
        if (busy || scene == 0) {
            return false;
        }
        show(scene - 1);
        return true;
    }

    synchronized boolean rerun() {
        if (busy) {
            return false;
        }
        marks.remove(scene);
        show(scene);
        return true;
    }

    private void show(int index) {
        scene = index;
        List<StepView> views = new ArrayList<>();
        for (SceneStep step : file.scenes().get(index).steps()) {
            views.add(new StepView(step, changed));
        }
        steps = views;
        next = 0;
        changed.run();
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
