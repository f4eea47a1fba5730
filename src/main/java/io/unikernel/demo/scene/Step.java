package io.unikernel.demo.scene;

/** One thing a scene does; the {@link SceneRunner} knows how to carry out each kind. */
public sealed interface Step permits PreflightStep, BuildStep, DnsStep, RunStep, WaitStep, ConsoleStep, ExecStep,
        ShellStep, HttpStep, SqlStep, RemoveStep, PauseStep, CompareStep {
    /** One line for the scene pane and the rehearsal report, e.g. {@code run --name mysql unikernel/mysql}. */
    String describe();
}
