package dev.kiln.cli;

import dev.kiln.image.CopyResult;
import dev.kiln.image.CopyOptions;
import dev.kiln.ref.ImageLocation;
import dev.kiln.ref.ImageReference;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kiln pull REF}: an image from its registry into the local store, all or nothing. */
@Command(name = "pull", description = {
        "Pull an image from its registry into the local store.",
        "From a multi-platform index only this machine's platform is pulled, unless --platform or --all-platforms."})
final class PullCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    private final Terminal terminal;

    @ParentCommand
    KilnCommand root;

    @Mixin
    RegistryOptions registry;

    @Mixin
    TransferOptions transfer;

    @Parameters(index = "0", paramLabel = "REF", description = "e.g. debian:bookworm, 127.0.0.1:5000/app:1.0.0-1, ghcr.io/org/app@sha256:...")
    String ref;

    PullCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
        String text = ref.startsWith("docker://") ? ref.substring("docker://".length()) : ref;
        ImageReference reference = ImageReference.parse(text);
        // without --platform: the host's image of an index, and a single image whatever its platform
        CopyOptions choice = CopyOptions.DEFAULT.withPlatform(transfer.platform());
        if (!transfer.allPlatforms) {
            choice = choice.withOnePlatform();
        }
        try (ImageTransfer run = new ImageTransfer(terminal, root, registry, transfer)) {
            ImageLocation from = new ImageLocation.Registry(reference);
            CopyResult result = run.copy(l -> l.source(from),
                    l -> l.store().sink(reference.hasTag() ? List.of(reference.withDigest(null)) : List.of()), choice);
            terminal.out().println("Pulled " + reference.familiar() + " (" + result.root().digest() + ")");
        }
        return ErrorHandler.OK;
    }
}
