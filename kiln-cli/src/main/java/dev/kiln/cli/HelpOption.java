package dev.kiln.cli;

import picocli.CommandLine.Option;

/**
 * {@code -h}/{@code --help} for a subcommand. Not picocli's standard help mixin: that also adds
 * {@code --version}, which several commands use for the code's version ({@link TagSchemeOptions}).
 */
final class HelpOption {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean requested;
}
