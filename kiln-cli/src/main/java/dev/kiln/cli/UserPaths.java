package dev.kiln.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks on paths the user named. Reading a directory fails only at the first read, with a bare
 * "Is a directory" that names no path; writing over one fails only at the final rename, after all
 * the work, naming the temp file. Both are refused here, up front, naming the user's path (exit 2).
 */
final class UserPaths {

    private UserPaths() {
    }

    /** Opens a file the user named for reading. */
    static InputStream open(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new FileSystemException(file.toString(), null, "is a directory, not a file");
        }
        return Files.newInputStream(file);
    }

    /** Refuses an output path that is an existing directory, before any work is done. */
    static Path outputFile(Path file) throws FileSystemException {
        if (Files.isDirectory(file)) {
            throw new FileSystemException(file.toString(), null, "is a directory; name the file to write");
        }
        return file;
    }
}
