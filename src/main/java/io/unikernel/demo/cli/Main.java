package io.unikernel.demo.cli;

import io.unikernel.demo.dns.ResolvRepair;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code docker-unikernel}: dispatches to a sub-command and turns failures into one line and an exit status. */
public final class Main {
    static final String PROGRAM = "docker-unikernel";

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    static Map<String, Command> commands() {
        Map<String, Command> commands = new LinkedHashMap<>();
        for (Command c : List.of(new RunCommand(),
                new ParsedCommand("ps", PsCommand.SUMMARY, PsCommand::new),
                new ParsedCommand("rm", RmCommand.SUMMARY, RmCommand::new),
                new ParsedCommand("dns", DnsCommand.SUMMARY, DnsCommand::new),
                new ParsedCommand("build", BuildCommand.SUMMARY, BuildCommand::new),
                new ParsedCommand("preflight", PreflightCommand.SUMMARY, PreflightCommand::new),
                new ParsedCommand("demo", DemoCommand.SUMMARY, DemoCommand::new),
                new ParsedCommand("runtime", RuntimeCommand.SUMMARY, RuntimeCommand::new),
                new ParsedCommand("helper", HelperCommand.SUMMARY, HelperCommand::new))) {
            commands.put(c.name(), c);
        }
        return commands;
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        List<String> rest = args;
        while (!rest.isEmpty() && rest.get(0).equals("--debug")) {
            System.setProperty("tinylog.writer.level", "debug");
            rest = rest.subList(1, rest.size());
        }
        // A killed DNS server or console left the host resolving nothing: every start puts it right.
        ResolvRepair.host().repair().ifPresent(line -> err.println(PROGRAM + ": " + line));
        Map<String, Command> commands = commands();
        if (rest.isEmpty() || rest.get(0).equals("--help") || rest.get(0).equals("-h")) {
            out.print(usage(commands));
            return rest.isEmpty() ? ParsedCommand.USAGE_ERROR : 0;
        }
        if (rest.get(0).equals("help")) {
            return help(rest.subList(1, rest.size()), commands, out, err);
        }
        Command command = commands.get(rest.get(0));
        if (command == null) {
            err.println(PROGRAM + ": '" + rest.get(0) + "' is not a command; see '" + PROGRAM + " --help'");
            return ParsedCommand.USAGE_ERROR;
        }
        return run(command, rest.subList(1, rest.size()), out, err);
    }

    /** One command, its failures turned into one line and an exit status. */
    static int run(Command command, List<String> args, PrintStream out, PrintStream err) {
        try {
            return command.run(args, out, err);
        } catch (UserError e) {
            err.println(PROGRAM + ": " + e.getMessage());
            return e.exitStatus();
        } catch (Exception e) {
            err.println(PROGRAM + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        }
    }

    /** {@code help [COMMAND]}: the command list, or one command's usage. */
    private static int help(List<String> args, Map<String, Command> commands, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            out.print(usage(commands));
            return 0;
        }
        Command command = commands.get(args.get(0));
        if (args.size() > 1 || command == null) {
            err.println(PROGRAM + ": 'help' takes one command, e.g. '" + PROGRAM + " help run'; see '" + PROGRAM + " --help'");
            return ParsedCommand.USAGE_ERROR;
        }
        out.print(command.usage());
        return 0;
    }

    static String usage(Map<String, Command> commands) {
        StringBuilder text = new StringBuilder("""
                Usage: docker-unikernel [--debug] COMMAND [ARG...]
                       docker-unikernel help [COMMAND]

                Runs unikernels as Docker containers: the DockerCon EU 2015 demo "Unikernels, meet Docker!".

                Commands:
                """);
        commands.values().forEach(c -> text.append(String.format("  %-9s %s%n", c.name(), c.summary())));
        text.append("\nRun 'docker-unikernel COMMAND --help' (or 'docker-unikernel help COMMAND') for more on a command.\n");
        return text.toString();
    }
}
