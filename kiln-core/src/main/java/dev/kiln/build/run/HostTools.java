package dev.kiln.build.run;

import dev.kiln.KilnException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the host programs the sandboxes drive (unshare, setpriv, crun, runc) in the usual places. */
final class HostTools {

    private static final String[] DIRS = {"/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"};

    private HostTools() {
    }

    static Optional<Path> find(String name) {
        for (String dir : DIRS) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static String require(String name, String why) throws SandboxException {
        return find(name).map(Path::toString).orElseThrow(() -> new SandboxException(KilnException.Kind.FAILURE,
                name + " is not installed; " + why));
    }
}
