package dev.kiln.cli;

import dev.kiln.KilnException;
import dev.kiln.build.context.BuildException;
import dev.kiln.tar.Compression;
import dev.kiln.tar.DevicePolicy;
import dev.kiln.tar.ExtractOptions;
import dev.kiln.tar.FileTrees;
import dev.kiln.tar.SafeExtractor;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where {@code kiln build} finds its Dockerfile and context, with Docker's uses of standard input:
 * {@code -f -} reads the Dockerfile from stdin (the context is still the directory given);
 * a context of {@code -} reads stdin as a tar archive (plain, gzip or zstd) holding the context and
 * its Dockerfile, or, when stdin is not an archive, as the Dockerfile itself with an empty context
 * ({@code docker build - < Dockerfile}). Whatever came from stdin lives in a temp directory that
 * {@link #close()} deletes.
 */
final class BuildInput implements AutoCloseable {

    static final String STDIN = "-";

    private final Path dockerfile;
    private final Path context;
    private final Path temp;

    private BuildInput(Path dockerfile, Path context, Path temp) {
        this.dockerfile = dockerfile;
        this.context = context;
        this.temp = temp;
    }

    Path dockerfile() {
        return dockerfile;
    }

    Path context() {
        return context;
    }

    /** Resolves the CONTEXT argument and {@code -f FILE}, reading stdin when either is {@code -}. */
    static BuildInput resolve(String contextArg, String fileArg, InputStream stdin) throws IOException, KilnException {
        boolean contextFromStdin = STDIN.equals(contextArg);
        boolean fileFromStdin = STDIN.equals(fileArg);
        if (contextFromStdin && fileFromStdin) {
            throw new BuildException("-f - and context - cannot both read standard input");
        }
        if (!contextFromStdin) {
            Path context = Path.of(contextArg);
            if (!Files.isDirectory(context)) {
                throw new BuildException("build context " + context + " is not a directory");
            }
            if (!fileFromStdin) {
                return new BuildInput(fileArg != null ? Path.of(fileArg) : context.resolve("Dockerfile"), context, null);
            }
            Path temp = Files.createTempDirectory("kiln-build-stdin-");
            try {
                Path dockerfile = temp.resolve("Dockerfile");
                try (InputStream in = stdin) {
                    Files.copy(in, dockerfile);
                }
                requireContent(dockerfile, "-f -");
                return new BuildInput(dockerfile, context, temp);
            } catch (IOException | KilnException | RuntimeException e) {
                FileTrees.deleteRecursively(temp);
                throw e;
            }
        }
        Path temp = Files.createTempDirectory("kiln-build-stdin-");
        try {
            Path received = temp.resolve("stdin");
            try (InputStream in = stdin) {
                Files.copy(in, received);
            }
            requireContent(received, "context -");
            if (isArchive(received)) {
                Path context = temp.resolve("context");
                try (InputStream in = Files.newInputStream(received)) {
                    SafeExtractor.extractAtomically(in, context,
                            ExtractOptions.DEFAULT.withWhiteouts(ExtractOptions.WhiteoutMode.KEEP).withDevices(DevicePolicy.REJECT));
                } catch (KilnException e) {
                    throw new BuildException("context -: cannot unpack the archive on standard input: " + e.getMessage());
                }
                Files.delete(received);
                return new BuildInput(insideContext(context, fileArg == null ? "Dockerfile" : fileArg), context, temp);
            }
            Path dockerDir = Files.createDirectory(temp.resolve("dockerfile"));
            Path dockerfile = Files.move(received, dockerDir.resolve("Dockerfile"));
            return new BuildInput(dockerfile, Files.createDirectory(temp.resolve("context")), temp);
        } catch (IOException | KilnException | RuntimeException e) {
            FileTrees.deleteRecursively(temp);
            throw e;
        }
    }

    /** A tar, plain or compressed, by content as Docker decides (a Dockerfile never starts with these bytes). */
    static boolean isArchive(Path file) throws IOException, BuildException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            Compression compression = Compression.detect(in);
            if (compression != Compression.NONE) {
                return true;
            }
            in.mark(6);
            byte[] magic = in.readNBytes(6);
            in.reset();
            if (startsWith(magic, "BZh".getBytes(StandardCharsets.US_ASCII))
                    || startsWith(magic, new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0})) {
                throw new BuildException("context -: the archive on standard input is compressed with bzip2 or xz;"
                        + " kiln reads plain, gzip or zstd tar contexts");
            }
            byte[] header = in.readNBytes(512);
            return header.length == 512 && new String(header, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && java.util.Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** {@code -f} with a context from stdin names a file inside that context, never outside it. */
    private static Path insideContext(Path context, String file) throws BuildException {
        Path resolved = context.resolve(file).normalize();
        if (Path.of(file).isAbsolute() || !resolved.startsWith(context)) {
            throw new BuildException("-f " + file + ": with a context from standard input, -f names a file inside it");
        }
        return resolved;
    }

    private static void requireContent(Path file, String what) throws IOException, BuildException {
        if (Files.size(file) == 0) {
            throw new BuildException(what + ": standard input is empty");
        }
    }

    @Override
    public void close() {
        if (temp != null) {
            try {
                FileTrees.deleteRecursively(temp);
            } catch (IOException e) {
                // a leftover temp dir is garbage, not a fault
            }
        }
    }
}
