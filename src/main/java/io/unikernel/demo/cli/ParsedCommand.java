package io.unikernel.demo.cli;

import picocli.CommandLine;

import java.io.PrintStream;
import java.util.List;
import java.util.function.Supplier;

/**
 * A small command whose arguments picocli parses from the annotations of its {@link Action}:
 * {@code --opt=value}, clustered short flags, {@code --} ending the options and a generated
 * {@code --help}. A usage error is one line and exit status {@value #USAGE_ERROR}, as for {@code run}.
 */
final class ParsedCommand implements Command {
    /** What {@code docker run} exits with when the fault is in its own arguments. */
    static final int USAGE_ERROR = 125;
    private static final int HELP_WIDTH = 100;

    private final String name;
    private final String summary;
    private final Supplier<? extends Action> actions;

    /**
     * @param summary the first line of the action's description, given here too so that the command list
     *                needs no reflection (start-up)
     * @param actions a fresh action per run: picocli writes the options into its fields
     */
    ParsedCommand(String name, String summary, Supplier<? extends Action> actions) {
        this.name = name;
        this.summary = summary;
        this.actions = actions;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String summary() {
        return summary;
    }

    @Override
    public String usage() {
        return commandLine(actions.get()).getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Action action = actions.get();
        if (args.isEmpty()) {
            // Nothing to parse, and the fields keep their defaults: picocli's model (reflection over
            // the annotations) would cost a bare `ps` about 40 ms of its 0.4 s start-up.
            return action.run(out, err);
        }
        CommandLine line = commandLine(action);
        try {
            line.parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new UserError(problem(e) + " (see '" + Main.PROGRAM + " " + name + " --help')", USAGE_ERROR, e);
        }
        if (line.isUsageHelpRequested()) {
            out.print(line.getUsageMessage(CommandLine.Help.Ansi.OFF));
            return 0;
        }
        return action.run(out, err);
    }

    private CommandLine commandLine(Action action) {
        CommandLine line = new CommandLine(action);
        line.setCommandName(Main.PROGRAM + " " + name);
        line.setUsageHelpWidth(HELP_WIDTH);
        line.getCommandSpec().usageMessage().descriptionHeading("%n").parameterListHeading("%nArguments:%n")
                .optionListHeading("%nOptions:%n");
        if (!action.helpFooter().isEmpty()) {
            line.getCommandSpec().usageMessage().footer(action.helpFooter());
        }
        return line;
    }

    /** The same words as run's parser, whichever command it is. */
    private static String problem(CommandLine.ParameterException e) {
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String first = unmatched.getUnmatched().get(0);
            return first.startsWith("-") && first.length() > 1 ? "unknown flag: " + first : "unexpected argument: " + first;
        }
        if (e instanceof CommandLine.MissingParameterException missing && !missing.getMissing().isEmpty()
                && missing.getMissing().get(0) instanceof CommandLine.Model.OptionSpec option) {
            return "flag needs an argument: " + option.longestName();
        }
        return e.getMessage();
    }
}
