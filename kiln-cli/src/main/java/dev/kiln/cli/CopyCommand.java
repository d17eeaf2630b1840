package dev.kiln.cli;

import dev.kiln.format.dockerarchive.DockerArchiveSink;
import dev.kiln.image.CopyResult;
import dev.kiln.ref.ImageLocation;
import dev.kiln.ref.ImageReference;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kiln copy SRC DEST}: any location to any other. */
@Command(name = "copy", description = {
        "Copy an image between any two locations:",
        "  NAME[:TAG]              the local store (for SRC: then its registry)",
        "  docker://NAME[:TAG]     a registry",
        "  oci:DIR[:TAG]           an OCI image layout directory",
        "  oci-archive:FILE[:TAG]  an OCI layout in a tar file",
        "  docker-archive:FILE[:NAME:TAG]  a docker save archive",
        "A multi-platform index is copied whole where the destination holds indexes, unless --platform."})
final class CopyCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    private final Terminal terminal;

    @ParentCommand
    KilnCommand root;

    @Mixin
    RegistryOptions registry;

    @Mixin
    TransferOptions transfer;

    @Option(names = "--archive-form", paramLabel = "FORM",
            description = "Layout of a docker-archive destination: CLASSIC (docker load of any age) or OCI.")
    DockerArchiveSink.Form archiveForm = DockerArchiveSink.Form.CLASSIC;

    @Parameters(index = "0", paramLabel = "SRC", description = "Where the image is.")
    String source;

    @Parameters(index = "1", paramLabel = "DEST", description = "Where it goes.")
    String destination;

    CopyCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    static boolean hasTransport(String text) {
        return text.startsWith("docker://") || text.startsWith("oci:") || text.startsWith("oci-archive:")
                || text.startsWith("docker-archive:");
    }

    @Override
    public Integer call() throws Exception {
        ImageLocation from = ImageLocation.parse(source);
        ImageLocation to = ImageLocation.parse(destination);
        if (to instanceof ImageLocation.Named) {
            ImageNames.parseTagged(List.of(to.text())); // a name to give needs a tag and no digest
        }
        ImageReference defaultName = null;
        if (from instanceof ImageLocation.Named named) {
            defaultName = named.reference();
        } else if (from instanceof ImageLocation.Registry registryLocation) {
            defaultName = registryLocation.reference();
        }
        ImageReference name = defaultName;
        try (ImageTransfer run = new ImageTransfer(terminal, root, registry, transfer)) {
            if (from instanceof ImageLocation.Named) {
                run.likelyOrigin(name);
            }
            CopyResult result = run.copy(l -> l.source(from), l -> l.sink(to, name, archiveForm), transfer.platform());
            terminal.out().println("Copied " + from.text() + " to " + to.text() + " (" + result.root().digest() + ")");
        }
        return ErrorHandler.OK;
    }
}
