package dev.kiln.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Root filesystem tars that try to write outside their target, written entry by entry with raw
 * names (Commons Compress keeps {@code ../} and leading {@code /} as given), for tests of
 * {@code kiln import} and anything else that must refuse them. Each starts with harmless entries so
 * a refusal cannot be "the first entry looked odd".
 */
public final class UnsafeTars {

    /** A malicious archive and the entry an error must name. */
    public record Case(String name, String blamedEntry) {
    }

    private UnsafeTars() {
    }

    /** {@code ../../escaped}: a file above the root. */
    public static Case pathTraversal(Path file) throws IOException {
        write(file, tar -> file(tar, "../../escaped", "owned\n"));
        return new Case("path traversal", "../../escaped");
    }

    /** {@code etc/link -> /tmp} then {@code etc/link/owned}: a file written through a symlink that leaves the root. */
    public static Case symlinkEscape(Path file, Path outside) throws IOException {
        write(file, tar -> {
            symlink(tar, "etc/link", outside.toString());
            file(tar, "etc/link/owned", "owned\n");
        });
        return new Case("symlink escape", "etc/link/owned");
    }

    /** {@code bin/sneaky} hard-linked to {@code ../../../etc/passwd}: a hardlink to a file outside. */
    public static Case hardlinkEscape(Path file) throws IOException {
        write(file, tar -> hardlink(tar, "bin/sneaky", "../../../etc/passwd"));
        return new Case("hardlink escape", "bin/sneaky");
    }

    @FunctionalInterface
    private interface Body {
        void write(TarArchiveOutputStream tar) throws IOException;
    }

    private static void write(Path file, Body body) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            directory(tar, "etc/");
            directory(tar, "bin/");
            file(tar, "etc/hostname", "kiln\n");
            body.write(tar);
            tar.finish();
        }
    }

    private static void directory(TarArchiveOutputStream tar, String name) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setMode(040755);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    private static void file(TarArchiveOutputStream tar, String name, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setSize(bytes.length);
        entry.setMode(0100644);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }

    private static void symlink(TarArchiveOutputStream tar, String name, String target) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
        entry.setLinkName(target);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    private static void hardlink(TarArchiveOutputStream tar, String name, String target) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
        entry.setLinkName(target);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }
}
