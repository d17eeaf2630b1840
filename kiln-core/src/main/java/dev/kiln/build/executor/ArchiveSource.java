package dev.kiln.build.executor;

import dev.kiln.KilnException;
import dev.kiln.build.context.BuildException;
import dev.kiln.glob.PathGlob;
import dev.kiln.tar.Compression;
import dev.kiln.tar.DevicePolicy;
import dev.kiln.tar.EntryPaths;
import dev.kiln.tar.ExtractOptions;
import dev.kiln.tar.SafeExtractor;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * ADD's local archives: a tar, plain or compressed with gzip or zstd, recognised by content as Docker
 * does (not by name), unpacked with {@link SafeExtractor} so that no entry lands outside the target.
 */
final class ArchiveSource {

    private ArchiveSource() {
    }

    /** The host file when {@code source} is one file that holds a tar archive. */
    static Optional<Path> detect(SourceTree tree, String source) throws IOException {
        if (PathGlob.hasWildcard(source)) {
            return Optional.empty();
        }
        Optional<Path> host = tree.find(EntryPaths.clean(source));
        if (host.isEmpty() || !Files.isRegularFile(host.get(), LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(host.get()))) {
            Compression compression = Compression.detect(in);
            InputStream tar = compression.decompress(in);
            byte[] header = tar.readNBytes(512);
            boolean ustar = header.length == 512 && new String(header, 257, 5, java.nio.charset.StandardCharsets.US_ASCII)
                    .equals("ustar");
            return ustar ? host : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // not an archive we read: copied as a file, as Docker does
        }
    }

    static Path unpack(Path archive, Path scratch, String where) throws IOException, KilnException {
        Files.createDirectories(scratch);
        Path parent = Files.createTempDirectory(scratch, "add-");
        Path target = parent.resolve("root");
        try (InputStream in = Files.newInputStream(archive)) {
            SafeExtractor.extractAtomically(in, target,
                    ExtractOptions.asRoot(ExtractOptions.WhiteoutMode.KEEP).withDevices(DevicePolicy.ALLOW));
        } catch (KilnException e) {
            dev.kiln.tar.FileTrees.deleteRecursively(parent);
            throw new BuildException(where + ": cannot unpack " + archive.getFileName() + ": " + e.getMessage());
        }
        return target;
    }
}
