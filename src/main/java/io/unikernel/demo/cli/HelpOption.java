package io.unikernel.demo.cli;

import picocli.CommandLine.Option;

/** {@code -h, --help} of every small command, mixed into each (picocli's {@code @Mixin}). */
final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Print this text")
    private boolean requested;
}
