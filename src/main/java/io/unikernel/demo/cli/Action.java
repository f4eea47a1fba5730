package io.unikernel.demo.cli;

import java.io.PrintStream;

/** The body of a small command, run once picocli has filled its annotated fields from the arguments. */
interface Action {
    /**
     * Errors a user can act on are thrown as {@link UserError}; the return value is the exit status.
     */
    int run(PrintStream out, PrintStream err) throws Exception;

    /** Text for the end of the generated help that annotations cannot hold (computed); picocli's %n ends a line. */
    default String helpFooter() {
        return "";
    }
}
