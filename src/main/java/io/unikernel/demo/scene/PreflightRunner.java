package io.unikernel.demo.scene;

import io.unikernel.demo.host.HostPaths;
import io.unikernel.demo.images.BuildException;
import io.unikernel.demo.images.UnikernelImages;
import io.unikernel.demo.preflight.Check;
import io.unikernel.demo.preflight.Preflight;

import java.util.List;

/**
 * The preflight step: the host checklist, one line per check. Missing images do not fail it, as
 * the scenes' build steps make them; any other cross does, with its fix on its line.
 */
final class PreflightRunner {
    static final String IMAGES_CHECK = "images";

    private final DemoSession session;

    PreflightRunner(DemoSession session) {
        this.session = session;
    }

    String run(List<String> images, StepOutput out) throws StepFailure {
        List<String> names;
        try {
            names = images.isEmpty() ? UnikernelImages.names(session.home()) : images;
        } catch (BuildException e) {
            throw new StepFailure(e.getMessage(), e);
        }
        List<Check> checks = new Preflight(HostPaths.real(), names).run(check -> out.line(check.line()));
        List<Check> blocking = checks.stream()
                .filter(c -> c.status() == Check.Status.FAIL && !c.name().equals(IMAGES_CHECK)).toList();
        if (!blocking.isEmpty()) {
            throw new StepFailure(blocking.size() + " check(s) failed: "
                    + String.join("; ", blocking.stream().map(c -> c.name() + " (" + c.fix() + ")").toList()));
        }
        long warnings = checks.stream().filter(c -> c.status() != Check.Status.OK).count();
        return warnings == 0 ? "all checks passed" : "ready, with " + warnings + " warning(s) above";
    }
}
