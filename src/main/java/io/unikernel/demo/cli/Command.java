package io.unikernel.demo.cli;

import java.io.PrintStream;
import java.util.List;

/** One sub-command of {@code docker-unikernel}. */
public interface Command {
    /** The word that selects this command, e.g. {@code run}. */
    String name();

    /** One line for the command list in {@code --help}. */
    String summary();

    /** Full usage text printed by {@code docker-unikernel NAME --help}. */
    String usage();

    /**
     * Runs the command. Errors a user can act on are thrown as {@link UserError} and printed
     * by Main as one line; the return value is the process exit status.
     */
    int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
}
