package dev.kiln.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The top-level {@code kiln} command: global options, version and help. */
@Command(
        name = "kiln",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        usageHelpAutoWidth = true,
        description = {
                "Builds, lints, analyses, squashes and moves container images, without a daemon.",
                ""
        },
        footer = {
                "",
                "Exit codes: 0 ok; 1 findings, a failed gate or a failed build step; 2 bad usage or bad input.",
                "Run 'kiln help COMMAND' for a command's options."
        })
public final class KilnCommand implements Runnable {

    private final Terminal terminal;

    @Spec
    CommandSpec spec;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Print stack traces and debug events.")
    boolean debug;

    KilnCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    boolean debug() {
        return debug;
    }

    @Override
    public void run() {
        spec.commandLine().usage(terminal.out());
    }
}
