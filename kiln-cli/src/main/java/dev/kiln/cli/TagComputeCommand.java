package dev.kiln.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.tag.ComputedTag;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kiln tag compute}: prints the {@code X.Y.Z-N} tag for this build. */
@Command(name = "compute", description = "Print the X.Y.Z-N tag for this build (N: --build, the CI's build number, or a UTC timestamp).")
final class TagComputeCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    enum Format { text, json }

    private final Terminal terminal;

    @Mixin
    TagSchemeOptions scheme;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (the tag) or json (with where each part came from).")
    Format format = Format.text;

    TagComputeCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
        ComputedTag tag = scheme.compute(terminal, Clock.systemUTC());
        if (format == Format.json) {
            terminal.out().println(new ObjectMapper().writeValueAsString(tag));
        } else {
            terminal.out().println(tag.tag());
        }
        return ErrorHandler.OK;
    }
}
