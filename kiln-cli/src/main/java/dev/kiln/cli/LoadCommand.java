package dev.kiln.cli;

import dev.kiln.image.CopyOptions;
import dev.kiln.image.ImageCopier;
import dev.kiln.ref.ImageReference;
import dev.kiln.store.ImageLoader;
import dev.kiln.store.Store;
import dev.kiln.tar.Compression;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code kiln load FILE|DIR}: every image of a docker archive ({@code docker save}, plain or
 * compressed), an OCI layout directory or an OCI archive into the store, under the names it carries.
 * Each image is listed only once all its blobs are stored; an interrupted load leaves only garbage
 * for {@code kiln gc}.
 */
@Command(name = "load", description = {
        "Load images from a docker archive (docker save, .tar/.tar.gz/.tar.zst), an OCI layout directory or an "
                + "OCI archive into the store, under the names they carry."})
final class LoadCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    private final Terminal terminal;

    @ParentCommand
    KilnCommand root;

    @Mixin
    StoreOptions store;

    @Parameters(index = "0", paramLabel = "FILE|DIR", description = "The archive or layout directory.")
    Path input;

    @Option(names = {"-t", "--tag"}, paramLabel = "NAME:TAG",
            description = "Also name the image so (repeatable; only when the input holds one image).")
    List<String> tags = new ArrayList<>();

    @Option(names = "--compression", paramLabel = "ALGO", converter = CompressionConverter.class,
            description = "Re-encode layers: gzip, zstd or none (default: keep them; docker archives hold uncompressed layers).")
    Compression compression;

    @Option(names = {"-q", "--quiet"}, description = "Only print the loaded names.")
    boolean quiet;

    LoadCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
        List<ImageReference> names = ImageNames.parseTagged(tags);
        Store images = store.open();
        ConsoleEvents logs = new ConsoleEvents(terminal, root.debug(), quiet);
        ProgressRenderer progress = new ProgressRenderer(terminal, logs, quiet);
        List<ImageLoader.Loaded> loaded;
        try {
            loaded = new ImageLoader(images, new ImageCopier(progress))
                    .load(input, names, CopyOptions.DEFAULT.withCompression(compression));
        } finally {
            progress.finish();
        }
        for (ImageLoader.Loaded image : loaded) {
            if (image.names().isEmpty()) {
                terminal.out().println("Loaded image: " + image.result().root().digest() + " (untagged)");
            }
            for (ImageReference name : image.names()) {
                terminal.out().println("Loaded image: " + name.familiar());
            }
        }
        return ErrorHandler.OK;
    }
}
