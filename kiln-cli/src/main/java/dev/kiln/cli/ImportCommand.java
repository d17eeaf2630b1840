package dev.kiln.cli;

import dev.kiln.blob.Blob;
import dev.kiln.image.ImageSink;
import dev.kiln.image.mutate.ImageDraft;
import dev.kiln.oci.Descriptor;
import dev.kiln.oci.History;
import dev.kiln.oci.MediaType;
import dev.kiln.oci.Platform;
import dev.kiln.oci.Schema;
import dev.kiln.ref.ImageReference;
import dev.kiln.store.Store;
import dev.kiln.tar.Compression;
import dev.kiln.tar.DirectoryLayer;
import dev.kiln.tar.LayerCopier;
import dev.kiln.tar.LayerDigests;
import dev.kiln.tar.LayerWriteOptions;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code kiln import ROOTFS -t NAME:TAG}: a one-layer base image from a root filesystem, like
 * {@code docker import}. A tar is checked entry by entry while it is re-encoded; an unsafe entry
 * (path traversal, symlink or hardlink escape, device node) stops the import with nothing stored.
 */
@Command(name = "import", description = {
        "Make a one-layer base image from a root filesystem: a directory or a tar (.tar, .tar.gz, .tar.zst).",
        "Tars are checked entry by entry; an unsafe entry (.., absolute link escapes, devices) fails the import "
                + "and nothing is stored."})
final class ImportCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    private final Terminal terminal;

    @ParentCommand
    KilnCommand root;

    @Mixin
    StoreOptions store;

    @Parameters(index = "0", paramLabel = "ROOTFS", description = "Directory or tar archive holding the root filesystem.")
    Path source;

    @Option(names = {"-t", "--tag"}, required = true, paramLabel = "NAME:TAG",
            description = "Name for the image (repeatable). A tag is required: kiln never adds :latest.")
    List<String> tags = new ArrayList<>();

    @Option(names = {"-c", "--change"}, paramLabel = "INSTRUCTION",
            description = "Apply a Dockerfile instruction to the config (repeatable): CMD, ENTRYPOINT, ENV, EXPOSE, "
                    + "LABEL, USER, WORKDIR, VOLUME, STOPSIGNAL, SHELL, HEALTHCHECK, ONBUILD.")
    List<String> changes = new ArrayList<>();

    @Option(names = "--compression", paramLabel = "ALGO", converter = CompressionConverter.class, defaultValue = "gzip",
            description = "Layer compression: gzip (default), zstd or none.")
    Compression compression;

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", converter = PlatformConverter.class,
            description = "Platform the root filesystem is for (default: this machine's).")
    Platform platform;

    @Option(names = {"-m", "--message"}, paramLabel = "TEXT", description = "Comment for the image's history.")
    String message;

    @Option(names = "--root-owned",
            description = "Store every file as owned by root (0:0), whoever owns it on disk.")
    boolean rootOwned;

    ImportCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
        List<ImageReference> names = ImageNames.parseTagged(tags);
        ConfigChanges configChanges = ConfigChanges.parse(changes);
        if (!Files.exists(source)) {
            throw new NoSuchFileException(source.toString());
        }
        boolean directory = Files.isDirectory(source);
        if (!directory && Files.size(source) == 0) { // GNU tar reads it as an empty archive; as a root fs it is a mistake
            throw new BadInputException(source + ": empty file, not a tar archive; nothing was imported");
        }
        Instant created = SourceDateEpoch.of(terminal).orElse(Instant.now());
        LayerWriteOptions options = LayerWriteOptions.DEFAULT.withNormalisedOwners(rootOwned);
        if (SourceDateEpoch.of(terminal).isPresent()) {
            options = options.withSourceDateEpoch(created);
        }
        LayerWriteOptions layerOptions = options;
        Platform target = platform != null ? platform : Platform.host();
        Store images = store.open();
        String mediaType = MediaType.layer(Schema.OCI, MediaType.Encoding.valueOf(compression.name()));
        LayerDigests[] digests = new LayerDigests[1];
        Descriptor root;
        try (ImageSink sink = images.sink(names)) {
            Descriptor layer;
            try {
                layer = sink.write(Blob.streaming(mediaType, out -> {
                    if (directory) {
                        digests[0] = DirectoryLayer.write(source, out, compression, layerOptions);
                    } else {
                        try (InputStream in = new BufferedInputStream(Files.newInputStream(source), 1 << 16)) {
                            digests[0] = LayerCopier.recompress(in, out, compression, layerOptions);
                        }
                    }
                }));
            } catch (Exception e) {
                Exception named = ArchiveErrors.naming(source, e);
                if (named == e) {
                    throw e;
                }
                throw new BadInputException(named.getMessage() + "; nothing was imported", e);
            }
            ImageDraft draft = ImageDraft.scratch(target, Schema.OCI)
                    .withCreated(created)
                    .appendLayer(layer, digests[0].diffId(),
                            new History(created, "kiln import " + source.getFileName(), null, message, false))
                    .editConfig(configChanges::apply);
            ImageDraft.Rendered rendered = draft.render();
            sink.write(rendered.configDescriptor(), new ByteArrayInputStream(rendered.configBytes()));
            sink.writeManifest(rendered.manifestDescriptor(), rendered.manifestBytes());
            sink.commit(rendered.manifestDescriptor());
            images.layerSizes().put(layer.digest(), digests[0].diffId(), digests[0].uncompressedSize());
            root = rendered.manifestDescriptor();
        }
        terminal.err().println("imported " + String.join(", ", names.stream().map(ImageReference::familiar).toList())
                + " (" + HumanSize.format(digests[0].size()) + " " + compression + " layer, "
                + HumanSize.format(digests[0].uncompressedSize()) + " uncompressed)");
        terminal.out().println(root.digest());
        return ErrorHandler.OK;
    }
}
