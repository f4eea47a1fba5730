package io.unikernel.demo.scene;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;

/**
 * Runs every scene headless through the same {@link SceneRunner} and prints a pass/fail report
 * with each step's duration: how a presenter checks the demo before going on stage, and how CI
 * checks it. After a failed step the rest of its scene is not run (it builds on that step); the
 * following scenes still are.
 */
public final class Rehearsal {
    private final SceneRunner runner;
    private final PrintStream out;

    public Rehearsal(SceneRunner runner, PrintStream out) {
        this.runner = runner;
        this.out = out;
    }

    /** A stage with nobody at it: shell steps take their scripted input, pauses do not wait. */
    public static Stage headlessStage() {
        return new Stage() {
            @Override
            public boolean interactive() {
                return false;
            }

            @Override
            public void showConsole(String container) {
                // nobody watches: the step already checked that the guest exists
            }

            @Override
            public int handOverTerminal(String command) {
                throw new IllegalStateException("a rehearsal has no terminal to hand over");
            }

            @Override
            public void awaitKey(String message) {
                // nobody presses keys in a rehearsal
            }
        };
    }

    /** Returns true when every step passed or was skipped by its guard. */
    public boolean run(SceneFile file) {
        out.println("Rehearsing " + file.title() + " (" + file.source() + ")");
        int passed = 0;
        int failed = 0;
        int skipped = 0;
        int notRun = 0;
        long start = System.nanoTime();
        for (int i = 0; i < file.scenes().size(); i++) {
            Scene scene = file.scenes().get(i);
            out.printf("%nScene %d/%d: %s [%s]%n", i + 1, file.scenes().size(), scene.title(), scene.id());
            Optional<StepResult> failure = Optional.empty();
            for (SceneStep step : scene.steps()) {
                if (failure.isPresent()) {
                    out.printf("  -        %s: not run, an earlier step of this scene failed%n", step.step().describe());
                    notRun++;
                    continue;
                }
                out.printf("  ...      %s%n", step.step().describe());
                out.flush();
                StepResult result = runner.run(step, new PrintedOutput(out));
                out.printf("  %-4s %5s %s: %s%n", mark(result), seconds(result.duration()), step.step().describe(), result.summary());
                switch (result.outcome()) {
                    case PASSED -> passed++;
                    case SKIPPED -> skipped++;
                    case FAILED -> {
                        failed++;
                        failure = Optional.of(result);
                    }
                }
            }
        }
        out.printf("%n%s: %d passed, %d failed, %d skipped, %d not run, in %s%n", failed == 0 && notRun == 0 ? "PASS" : "FAIL",
                passed, failed, skipped, notRun, seconds(Duration.ofNanos(System.nanoTime() - start)));
        return failed == 0 && notRun == 0;
    }

    private static String mark(StepResult result) {
        return switch (result.outcome()) {
            case PASSED -> "ok";
            case FAILED -> "FAIL";
            case SKIPPED -> "skip";
        };
    }

    private static String seconds(Duration d) {
        return String.format("%.1fs", d.toMillis() / 1000.0);
    }

    /** Step output as indented lines; progress only when its wording changes, not every tick of a countdown. */
    private static final class PrintedOutput implements StepOutput {
        private final PrintStream out;
        private String lastProgress = "";

        PrintedOutput(PrintStream out) {
            this.out = out;
        }

        @Override
        public void line(String text) {
            out.println("         | " + text);
        }

        @Override
        public void progress(String what, int percent) {
            String shape = what.replaceAll("[0-9]+", "#");
            if (!shape.equals(lastProgress)) {
                lastProgress = shape;
                out.println("         > " + what);
            }
        }
    }
}
