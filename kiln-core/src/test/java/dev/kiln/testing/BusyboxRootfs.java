package dev.kiln.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Makes a small, real root filesystem from Debian's busybox-static: {@code /bin/busybox} with a
 * symlink per applet, {@code /etc/passwd} and {@code /etc/group} with root and nobody, and the usual
 * empty directories. Tests import it as an offline base image.
 */
public final class BusyboxRootfs {

    private BusyboxRootfs() {
    }

    /** Writes the rootfs into {@code root} (created if missing) and returns it. */
    public static Path create(Path root) throws IOException {
        Path busybox = Tools.require("busybox");
        Files.createDirectories(root);
        for (String dir : List.of("bin", "sbin", "usr/bin", "usr/sbin", "etc", "root", "home", "var", "dev", "proc", "sys")) {
            Files.createDirectories(root.resolve(dir));
        }
        Path tmp = Files.createDirectories(root.resolve("tmp"));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path target = root.resolve("bin/busybox");
        Files.copy(busybox, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String applet : applets(busybox)) {
            Path link = root.resolve("bin").resolve(applet);
            if (!applet.equals("busybox") && !Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(link, Path.of("busybox"));
            }
        }
        Files.writeString(root.resolve("etc/passwd"),
                "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n",
                StandardCharsets.UTF_8);
        Files.writeString(root.resolve("etc/group"), "root:x:0:\nnogroup:x:65534:\n", StandardCharsets.UTF_8);
        return root;
    }

    private static List<String> applets(Path busybox) throws IOException {
        Process process = new ProcessBuilder(busybox.toString(), "--list").redirectErrorStream(true).start();
        List<String> names = new ArrayList<>();
        try (InputStream in = process.getInputStream()) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.contains("/")) {
                    names.add(line.strip());
                }
            }
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("busybox --list failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return names;
    }
}
