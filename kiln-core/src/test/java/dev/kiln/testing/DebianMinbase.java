package dev.kiln.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Debian base for tests: {@code debootstrap --variant=minbase SUITE} from Debian's mirror
 * (about 30 s), kept as a tarball under {@code ~/.cache/kiln-test/} so later runs (and other test
 * JVMs, under a file lock) only unpack it. {@code KILN_DEBIAN_MIRROR} overrides the mirror.
 */
public final class DebianMinbase {

    public static final String SUITE = "bookworm";
    private static final String MIRROR = "http://deb.debian.org/debian";

    private DebianMinbase() {
    }

    /** The cached rootfs tarball (numeric owners, xattrs), made on first use. */
    public static Path tarball(String suite) throws IOException, InterruptedException {
        Tools.requireRoot("debootstrap needs root");
        Path debootstrap = Tools.require("debootstrap");
        Path cache = Files.createDirectories(Path.of(System.getProperty("user.home"), ".cache", "kiln-test"));
        Path tarball = cache.resolve("debian-" + suite + "-minbase.tar");
        synchronized (DebianMinbase.class) {
            try (FileChannel channel = FileChannel.open(cache.resolve("debian-" + suite + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = channel.lock()) {
                if (Files.isRegularFile(tarball)) {
                    return tarball;
                }
                Path work = Files.createTempDirectory(cache, "debootstrap-");
                try {
                    Path root = work.resolve("rootfs");
                    String mirror = System.getenv().getOrDefault("KILN_DEBIAN_MIRROR", MIRROR);
                    run(List.of(debootstrap.toString(), "--variant=minbase", suite, root.toString(), mirror), 900);
                    Path temp = work.resolve("rootfs.tar");
                    run(List.of("tar", "--numeric-owner", "--xattrs", "--xattrs-include=*", "-cpf", temp.toString(),
                            "-C", root.toString(), "."), 300);
                    Files.move(temp, tarball, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    run(List.of("rm", "-rf", "--one-file-system", work.toString()), 300);
                }
            }
        }
        return tarball;
    }

    /** Unpacks the cached tarball into {@code target} (created) and returns it. */
    public static Path rootfs(Path target) throws IOException, InterruptedException {
        Path tarball = tarball(SUITE);
        Files.createDirectories(target);
        run(List.of("tar", "--numeric-owner", "--xattrs", "--xattrs-include=*", "-xpf", tarball.toString(),
                "-C", target.toString()), 300);
        return target;
    }

    private static void run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(command.get(0) + " timed out");
        }
        if (process.exitValue() != 0) {
            String tail = output.length() > 2000 ? output.substring(output.length() - 2000) : output;
            throw new IOException(String.join(" ", command) + " failed (" + process.exitValue() + "):\n" + tail);
        }
    }
}
