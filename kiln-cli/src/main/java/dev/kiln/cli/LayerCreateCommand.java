package dev.kiln.cli;

import dev.kiln.tar.Compression;
import dev.kiln.tar.DirectoryLayer;
import dev.kiln.tar.LayerDigests;
import dev.kiln.tar.LayerWriteOptions;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kiln layer create DIR -o FILE}: a directory tree as one reproducible layer. */
@Command(name = "create", description = {
        "Write a directory tree as one layer (sorted entries, hardlinks, xattrs, sparse files) and print its",
        "digest, size and diff_id. The output appears atomically."})
final class LayerCreateCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    private final Terminal terminal;

    @Parameters(index = "0", paramLabel = "DIR", description = "Directory whose contents become the layer.")
    Path dir;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "Layer file to write.")
    Path output;

    @Option(names = "--compression", paramLabel = "gzip|zstd|none", defaultValue = "gzip",
            converter = CompressionConverter.class, description = "Compression (default: ${DEFAULT-VALUE}).")
    Compression compression;

    @Option(names = "--level", paramLabel = "N", description = "Compression level (gzip 0-9, default 6; zstd 1-19, default 3).")
    Integer level;

    @Option(names = "--source-date-epoch", paramLabel = "SECONDS",
            description = "Clamp mtimes to this time (default: $SOURCE_DATE_EPOCH when set).")
    Long sourceDateEpoch;

    @Option(names = "--normalise-owners", description = "Write every entry as owned by 0:0 with no user or group names.")
    boolean normaliseOwners;

    LayerCreateCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(dir)) {
            throw new NotDirectoryException(dir.toString());
        }
        UserPaths.outputFile(output);
        LayerWriteOptions options = LayerWriteOptions.DEFAULT.withNormalisedOwners(normaliseOwners);
        Long epoch = sourceDateEpoch != null ? sourceDateEpoch : envEpoch();
        if (epoch != null) {
            options = options.withSourceDateEpoch(Instant.ofEpochSecond(epoch));
        }
        if (level != null) {
            compression.effectiveLevel(level); // rejects an out-of-range level before any work
            options = options.withCompressionLevel(level);
        }
        LayerWriteOptions chosen = options;
        LayerDigests digests = dev.kiln.AtomicFile.write(output, out -> DirectoryLayer.write(dir, out, compression, chosen));
        LayerPrinting.digests(terminal, digests);
        return ErrorHandler.OK;
    }

    private Long envEpoch() {
        String value = terminal.env("SOURCE_DATE_EPOCH");
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("SOURCE_DATE_EPOCH must be seconds since 1970, not '" + value + "'");
        }
    }
}
