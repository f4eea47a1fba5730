package io.unikernel.demo.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Parses {@code run [OPTIONS] IMAGE [COMMAND] [ARG...]} with docker's conventions: options stop at
 * the image name, values come as {@code -p 80:80}, {@code -p=80:80} or {@code --publish=80:80},
 * and short boolean flags combine ({@code -Pa}).
 */
public final class RunOptionsParser {
    private static final Set<String> VALUE_FLAGS = Set.of("--name", "-h", "--hostname", "-p", "--publish",
            "-e", "--env", "-v", "--volume", "-m", "--memory", "--network", "--net");

    private RunOptionsParser() {
    }

    public static RunOptions parse(List<String> args) {
        String name = null;
        String hostname = null;
        String network = null;
        boolean publishAll = false;
        boolean removeOnExit = false;
        boolean attach = false;
        boolean keepOnError = false;
        boolean timings = false;
        Long memory = null;
        List<String> publish = new ArrayList<>();
        List<String> env = new ArrayList<>();
        List<String> volumes = new ArrayList<>();

        int i = 0;
        while (i < args.size() && args.get(i).startsWith("-") && !args.get(i).equals("-")) {
            String arg = args.get(i++);
            if (arg.equals("--")) {
                break;
            }
            int eq = arg.indexOf('=');
            String flag = eq > 0 ? arg.substring(0, eq) : arg;
            String inline = eq > 0 ? arg.substring(eq + 1) : null;
            if (VALUE_FLAGS.contains(flag) && inline == null) {
                if (i >= args.size()) {
                    throw new IllegalArgumentException("flag needs an argument: " + flag);
                }
                inline = args.get(i++);
            }
            switch (flag) {
                case "--name" -> name = inline;
                case "-h", "--hostname" -> hostname = inline;
                case "--network", "--net" -> network = inline;
                case "-p", "--publish" -> publish.add(inline);
                case "-e", "--env" -> env.add(inline);
                case "-v", "--volume" -> volumes.add(inline);
                case "-m", "--memory" -> memory = parseMemory(inline);
                case "-P", "--publish-all" -> publishAll = flagValue(flag, inline);
                case "--rm" -> removeOnExit = flagValue(flag, inline);
                case "-a", "--attach" -> attach = flagValue(flag, inline);
                case "-d", "--detach" -> attach = !flagValue(flag, inline);
                case "--keep-on-error" -> keepOnError = flagValue(flag, inline);
                case "--timings" -> timings = flagValue(flag, inline);
                default -> {
                    if (!isCombinedShortFlags(arg)) {
                        throw new IllegalArgumentException(unknown(arg));
                    }
                    for (char c : arg.substring(1).toCharArray()) {
                        switch (c) {
                            case 'P' -> publishAll = true;
                            case 'a' -> attach = true;
                            case 'd' -> attach = false;
                            default -> throw new IllegalArgumentException(unknown(arg));
                        }
                    }
                }
            }
        }
        if (i >= args.size()) {
            throw new IllegalArgumentException("\"run\" requires an IMAGE: docker-unikernel run [OPTIONS] IMAGE [COMMAND] [ARG...]");
        }
        String image = args.get(i++);
        List<String> command = args.subList(i, args.size());
        return new RunOptions(image, command, Optional.ofNullable(name), Optional.ofNullable(hostname), Optional.ofNullable(network), publishAll,
                publish, env, volumes, removeOnExit, Optional.ofNullable(memory), attach, keepOnError, timings);
    }

    private static boolean flagValue(String flag, String inline) {
        if (inline == null || inline.equals("true")) {
            return true;
        }
        if (inline.equals("false")) {
            return false;
        }
        throw new IllegalArgumentException("invalid value \"" + inline + "\" for flag " + flag + ": use true or false");
    }

    private static boolean isCombinedShortFlags(String arg) {
        return arg.length() > 2 && arg.charAt(1) != '-' && arg.indexOf('=') < 0;
    }

    private static String unknown(String arg) {
        return "unknown flag: " + arg + " (see 'docker-unikernel run --help')";
    }

    /** Docker's memory syntax: a number with an optional b, k, m or g suffix (binary units). */
    static long parseMemory(String text) {
        String lower = text.strip().toLowerCase(Locale.ROOT);
        long unit = 1;
        char last = lower.isEmpty() ? ' ' : lower.charAt(lower.length() - 1);
        switch (last) {
            case 'b' -> unit = 1;
            case 'k' -> unit = 1L << 10;
            case 'm' -> unit = 1L << 20;
            case 'g' -> unit = 1L << 30;
            default -> last = 0;
        }
        String digits = last == 0 ? lower : lower.substring(0, lower.length() - 1);
        try {
            long value = Long.parseLong(digits);
            if (value <= 0) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(value, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("invalid memory size \"" + text + "\": use a positive number with an optional b, k, m or g suffix, e.g. 256m");
        }
    }
}
