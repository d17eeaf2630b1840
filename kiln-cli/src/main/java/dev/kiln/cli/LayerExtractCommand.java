package dev.kiln.cli;

import dev.kiln.tar.DevicePolicy;
import dev.kiln.tar.ExtractOptions;
import dev.kiln.tar.SafeExtractor;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kiln layer extract FILE DIR}: unpack a layer, never writing outside DIR. */
@Command(name = "extract", description = {
        "Unpack a layer into DIR, refusing any entry that would write outside it ('..', absolute paths,",
        "symlink or hardlink escapes). A new DIR appears atomically; into an existing DIR the layer is applied",
        "on top (whiteouts delete)."})
final class LayerExtractCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    enum Whiteouts { apply, overlay, keep }

    enum Devices { reject, skip, allow }

    private final Terminal terminal;

    @Parameters(index = "0", paramLabel = "FILE", description = "Layer file (tar, tar+gzip or tar+zstd).")
    Path file;

    @Parameters(index = "1", paramLabel = "DIR", description = "Target directory.")
    Path dir;

    @Option(names = "--whiteouts", paramLabel = "apply|overlay|keep", defaultValue = "apply",
            description = "apply: delete what they name (default); overlay: write overlayfs whiteouts (root); keep: "
                    + "plain .wh. files.")
    Whiteouts whiteouts;

    @Option(names = "--devices", paramLabel = "reject|skip|allow", defaultValue = "reject",
            description = "Device nodes: reject the layer (default), skip them, or create them (root).")
    Devices devices;

    @Option(names = "--same-owner", negatable = true, description = "Restore owners and security xattrs "
            + "(default: on when running as root).")
    Boolean sameOwner;

    LayerExtractCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        ExtractOptions options = new ExtractOptions(
                ExtractOptions.WhiteoutMode.valueOf(whiteouts.name().toUpperCase(java.util.Locale.ROOT)),
                sameOwner != null ? sameOwner : root,
                DevicePolicy.valueOf(devices.name().toUpperCase(java.util.Locale.ROOT)));
        try (InputStream in = UserPaths.open(file)) {
            if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                SafeExtractor.extract(in, dir, options);
            } else {
                SafeExtractor.extractAtomically(in, dir, options);
            }
        } catch (Exception e) {
            throw ArchiveErrors.naming(file, e);
        }
        return ErrorHandler.OK;
    }
}
