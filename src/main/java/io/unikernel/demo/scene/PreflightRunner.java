package io.unikernel.demo.scene;

import java.util.List;

/** The preflight step: the host checklist, shown one line per check. */
final class PreflightRunner {
    private final DemoSession session;

    PreflightRunner(DemoSession session) {
        this.session = session;
    }

    String run(List<String> images, StepOutput out) throws StepFailure {
        throw new StepFailure("preflight is not wired yet for " + session.home() + " " + images + out);
    }
}
