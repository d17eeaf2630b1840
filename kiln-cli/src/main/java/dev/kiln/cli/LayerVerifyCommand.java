package dev.kiln.cli;

import dev.kiln.oci.Digest;
import dev.kiln.tar.LayerDigests;
import dev.kiln.tar.LayerFormatException;
import dev.kiln.tar.LayerReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kiln layer verify FILE --diff-id D}: read a whole layer and check its digests. */
@Command(name = "verify", description = {
        "Read a whole layer (every entry, any compression) and check its diff_id (digest of the tar) and",
        "digest (of the file). A mismatch or a damaged layer is an error (exit 2)."})
final class LayerVerifyCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    private final Terminal terminal;

    @Parameters(index = "0", paramLabel = "FILE", description = "Layer file (tar, tar+gzip or tar+zstd).")
    Path file;

    @Option(names = "--diff-id", paramLabel = "DIGEST", description = "Expected diff_id (sha256:...).")
    String diffId;

    @Option(names = "--digest", paramLabel = "DIGEST", description = "Expected digest of the file as stored.")
    String digest;

    LayerVerifyCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
        Digest expectedDiffId = diffId == null ? null : parse("--diff-id", diffId);
        Digest expectedDigest = digest == null ? null : parse("--digest", digest);
        LayerDigests d;
        try (LayerReader reader = LayerReader.open(UserPaths.open(file))) {
            d = reader.readToEnd();
        } catch (Exception e) {
            throw ArchiveErrors.naming(file, e);
        }
        if (expectedDigest != null && !expectedDigest.equals(d.digest())) {
            throw new LayerFormatException(file + ": digest is " + d.digest() + ", expected " + expectedDigest);
        }
        if (expectedDiffId != null && !expectedDiffId.equals(d.diffId())) {
            throw new LayerFormatException(file + ": diff_id is " + d.diffId() + ", expected " + expectedDiffId);
        }
        LayerPrinting.digests(terminal, d);
        if (expectedDiffId != null || expectedDigest != null) {
            terminal.out().println("verified");
        }
        return ErrorHandler.OK;
    }

    private static Digest parse(String option, String text) {
        try {
            return Digest.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage());
        }
    }
}
