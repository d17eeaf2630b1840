package dev.kiln.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kiln layer}: make, list, unpack and verify single layer tarballs. */
@Command(name = "layer", description = {
        "Work with single layers (tar, tar+gzip, tar+zstd): create one from a directory, list, extract safely, verify.",
        ""},
        subcommands = {LayerCreateCommand.class, LayerListCommand.class, LayerExtractCommand.class,
                LayerVerifyCommand.class})
final class LayerCommand implements Runnable {

    @Mixin
    HelpOption help;

    private final Terminal terminal;

    @Spec
    CommandSpec spec;

    LayerCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public void run() {
        spec.commandLine().usage(terminal.out());
    }
}
