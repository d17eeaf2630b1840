package dev.kiln.build.executor;

import dev.kiln.KilnException;
import dev.kiln.build.run.SandboxException;
import dev.kiln.oci.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether this machine runs a platform's programs: natively, or through a {@code binfmt_misc} handler
 * (qemu-user) registered for its architecture. Building for another platform needs this only for RUN;
 * COPY, ENV and the like work on any image.
 */
public final class Emulation {

    private static final Path BINFMT = Path.of("/proc/sys/fs/binfmt_misc");

    private final Platform host;
    private final Path binfmt;

    Emulation(Platform host, Path binfmt) {
        this.host = host.normalized();
        this.binfmt = binfmt;
    }

    /** This machine, as the kernel sees it. */
    public static Emulation ofHost() {
        return new Emulation(Platform.host(), BINFMT);
    }

    /** Fails, naming both platforms and {@code where}, unless programs of {@code image} can run here. */
    public void requireRunnable(Platform image, String where) throws KilnException {
        if (!canRun(image)) {
            throw new SandboxException(KilnException.Kind.BAD_INPUT, where + " needs " + image.normalized()
                    + " emulation: not available on this " + host + " host (register qemu-user-static with"
                    + " binfmt_misc, or build for " + host + ")");
        }
    }

    boolean canRun(Platform image) {
        Platform wanted = image.normalized();
        if (wanted.os().equals(host.os()) && wanted.architecture().equals(host.architecture())) {
            return true;
        }
        Optional<String> machine = qemuName(wanted.architecture());
        if (machine.isEmpty() || !"linux".equals(wanted.os())) {
            return false;
        }
        Path handler = binfmt.resolve("qemu-" + machine.get());
        try {
            return Files.isRegularFile(handler) && Files.readString(handler).startsWith("enabled");
        } catch (IOException e) {
            return false;
        }
    }

    /** The machine name qemu-user's binfmt handlers are registered under. */
    static Optional<String> qemuName(String architecture) {
        return Optional.ofNullable(switch (architecture) {
            case "amd64" -> "x86_64";
            case "arm64" -> "aarch64";
            case "arm" -> "arm";
            case "386" -> "i386";
            case "ppc64le" -> "ppc64le";
            case "s390x" -> "s390x";
            case "riscv64" -> "riscv64";
            case "mips64le" -> "mips64el";
            case "loong64" -> "loongarch64";
            default -> null;
        });
    }
}
