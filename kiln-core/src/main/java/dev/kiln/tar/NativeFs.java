package dev.kiln.tar;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The few file-system operations Java cannot do itself: device nodes, fifos and extended attributes
 * outside the {@code user.} namespace. They are rare in layers, so running the standard tools
 * (coreutils {@code mknod}/{@code mkfifo}, attr's {@code setfattr}) is simpler and safer than native
 * bindings.
 */
final class NativeFs {

    private NativeFs() {
    }

    static void mknod(Path path, EntryType type, int major, int minor, int mode) throws IOException {
        run(List.of("mknod", "-m", Integer.toOctalString(mode & 07777), path.toString(),
                type == EntryType.CHAR_DEVICE ? "c" : "b", Integer.toString(major), Integer.toString(minor)), path);
    }

    static void mkfifo(Path path, int mode) throws IOException {
        run(List.of("mkfifo", "-m", Integer.toOctalString(mode & 07777), path.toString()), path);
    }

    /** chmod without opening the file (Java opens it, which blocks on a fifo). */
    static void chmod(Path path, int mode) throws IOException {
        run(List.of("chmod", Integer.toOctalString(mode & 07777), path.toString()), path);
    }

    /** Sets the modification time of the path itself, without opening it. */
    static void touch(Path path, java.time.Instant mtime) throws IOException {
        String stamp = "@" + mtime.getEpochSecond() + "." + String.format("%09d", mtime.getNano());
        run(List.of("touch", "-h", "-m", "-d", stamp, path.toString()), path);
    }

    /** Sets an xattr on the path itself (never through a symlink). */
    static void setXattr(Path path, String name, byte[] value) throws IOException {
        if (name.startsWith("user.") && !Files.isSymbolicLink(path)) {
            UserDefinedFileAttributeView view = Files.getFileAttributeView(path, UserDefinedFileAttributeView.class,
                    java.nio.file.LinkOption.NOFOLLOW_LINKS);
            if (view != null) {
                view.write(name.substring("user.".length()), ByteBuffer.wrap(value));
                return;
            }
        }
        if (find("setfattr") == null) {
            throw new IOException("cannot set xattr " + name + " on " + path + ": setfattr (package attr) is not installed");
        }
        run(List.of("setfattr", "-h", "-n", name, "-v", "0x" + HexFormat.of().formatHex(value), path.toString()), path);
    }

    /** Whether a tool is on the PATH; returns its path or null. */
    static Path find(String tool) {
        String pathVar = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : (pathVar + ":/usr/sbin:/sbin:/usr/bin:/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static void run(List<String> command, Path path) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output;
        try (InputStream in = p.getInputStream()) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            in.transferTo(buffer);
            output = buffer.toString(StandardCharsets.UTF_8).strip();
        }
        int code;
        try {
            code = p.waitFor();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted running " + command.get(0));
        }
        if (code != 0) {
            throw new IOException(command.get(0) + " failed for " + path + ": "
                    + (output.isEmpty() ? "exit " + code : output.lines().findFirst().orElse(""))
                    .toLowerCase(Locale.ROOT));
        }
    }
}
