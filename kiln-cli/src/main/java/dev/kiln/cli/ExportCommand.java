package dev.kiln.cli;

import dev.kiln.format.dockerarchive.DockerArchiveSink;
import dev.kiln.image.CopyOptions;
import dev.kiln.image.CopyResult;
import dev.kiln.image.ImageCopier;
import dev.kiln.image.ImageSink;
import dev.kiln.image.ImageSource;
import dev.kiln.oci.Platform;
import dev.kiln.oci.Schema;
import dev.kiln.ref.ImageLocation;
import dev.kiln.ref.ImageReference;
import dev.kiln.registry.RegistryImages;
import dev.kiln.registry.RegistrySession;
import dev.kiln.store.ImageLocator;
import dev.kiln.store.Store;
import dev.kiln.store.StoredImage;
import dev.kiln.tar.Compression;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code kiln export REF --output DEST}: writes an image to an OCI layout, an OCI archive or a docker
 * archive (or any other location). Blobs are copied as they are, manifests byte for byte, unless
 * {@code --format docker} or {@code --compression} ask for a conversion or the destination needs one
 * (docker archives hold uncompressed layers). The destination appears complete or not at all.
 */
@Command(name = "export", description = {
        "Write an image to an OCI layout, an OCI archive or a docker archive.",
        "DEST: oci:DIR[:TAG], oci-archive:FILE[:TAG], docker-archive:FILE[:NAME:TAG] (a store name or docker://NAME work too)."})
final class ExportCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    enum ArchiveLayout { oci, classic }

    private final Terminal terminal;

    @ParentCommand
    KilnCommand root;

    @Mixin
    StoreOptions store;

    @Mixin
    RegistryOptions registry;

    @Parameters(index = "0", paramLabel = "REF", description = "The image (store name, digest, or a transport location).")
    String reference;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DEST", description = "Where to write it.")
    String output;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "Media types to write: oci or docker (default: keep the image's).")
    Schema schema;

    @Option(names = "--compression", paramLabel = "ALGO", converter = CompressionConverter.class,
            description = "Re-encode layers: gzip, zstd or none (default: keep them as they are).")
    Compression compression;

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", converter = PlatformConverter.class,
            description = "Export only this platform's image of an index.")
    Platform platform;

    @Option(names = "--archive-layout", paramLabel = "LAYOUT", defaultValue = "oci",
            description = "Docker archive layout: oci (Docker 25+ style, read by every docker load) or classic.")
    ArchiveLayout archiveLayout;

    @Option(names = {"-q", "--quiet"}, description = "No progress output.")
    boolean quiet;

    ExportCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    /** Docker's rule: a first path component with a dot or a port, or localhost, is a registry host. */
    static boolean namesRegistryHost(String name) {
        int slash = name.indexOf('/');
        if (slash < 0) {
            return false;
        }
        String first = name.substring(0, slash);
        return first.contains(".") || first.contains(":") || first.equals("localhost");
    }

    @Override
    public Integer call() throws Exception {
        ImageLocation source = ImageLocation.parse(reference);
        ImageLocation destination = ImageLocation.parse(output);
        if (destination instanceof ImageLocation.Named named) {
            if (namesRegistryHost(output)) {
                // a store name that looks like a registry's would only be tagged here, never pushed
                throw new BadInputException("--output " + output + " is a store name, so export would only tag it;"
                        + " to push, write docker://" + output + " (or kiln push)");
            }
            ImageNames.parseTagged(List.of(output));
        }
        Store images = store.openFor(reference);
        ConsoleEvents logs = new ConsoleEvents(terminal, root.debug(), quiet);
        ProgressRenderer progress = new ProgressRenderer(terminal, logs, quiet);
        CopyOptions options = CopyOptions.DEFAULT.withPlatform(platform).withSchema(schema).withCompression(compression);
        try (RegistrySession session = RegistrySession.create(registry.config(terminal), terminal.env(), logs)) {
            ImageLocator locator = ImageLocator.storeNamesOnly(images, new RegistryImages(session));
            Optional<StoredImage> stored = InspectCommand.findInStore(images, source, reference);
            ImageReference defaultName = stored.flatMap(StoredImage::name)
                    .or(() -> source instanceof ImageLocation.Named n && n.reference().hasTag()
                            ? Optional.of(n.reference()) : Optional.empty())
                    .or(() -> source instanceof ImageLocation.Registry r && r.reference().hasTag()
                            ? Optional.of(r.reference()) : Optional.empty())
                    .orElse(null);
            CopyResult result;
            try (ImageSource in = stored.isPresent() ? images.source(stored.get()) : locator.source(reference);
                 ImageSink out = locator.sink(destination, defaultName, archiveLayout == ArchiveLayout.classic
                         ? DockerArchiveSink.Form.CLASSIC : DockerArchiveSink.Form.OCI)) {
                result = new ImageCopier(progress).copy(in, out, options.withParallelism(registry.jobs != null ? registry.jobs : 4));
            } finally {
                progress.finish();
            }
            if (!quiet) {
                terminal.err().println("exported " + (defaultName != null ? defaultName.familiar() : reference) + " to "
                        + output + " (" + result.blobsCopied() + " blobs, " + HumanSize.format(result.bytesCopied()) + ")");
            }
            terminal.out().println(result.root().digest());
        }
        return ErrorHandler.OK;
    }
}
