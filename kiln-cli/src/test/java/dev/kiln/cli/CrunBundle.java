package dev.kiln.cli;

import dev.kiln.testing.ExternalCommand;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs an {@code umoci unpack}ed bundle with crun directly, independent of kiln's sandboxes. On hosts
 * with a hybrid cgroup layout crun refuses to start, so it runs in a private mount namespace without
 * the v2 mount and with cgroup management off, as buildah does for its RUN steps.
 */
final class CrunBundle {

    private CrunBundle() {
    }

    /** umoci writes {@code terminal: true}; tests have no terminal to give. */
    static void noTerminal(Path bundle) {
        try {
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            Path file = bundle.resolve("config.json");
            com.fasterxml.jackson.databind.node.ObjectNode config =
                    (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(file.toFile());
            ((com.fasterxml.jackson.databind.node.ObjectNode) config.get("process")).put("terminal", false);
            json.writeValue(file.toFile(), config);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static ExternalCommand.Result run(Path crun, Path bundle, String id) {
        noTerminal(bundle);
        String script = "if mountpoint -q /sys/fs/cgroup/unified 2>/dev/null; then umount -l /sys/fs/cgroup/unified; fi\n"
                + "exec \"$0\" --cgroup-manager=disabled run --bundle \"$1\" \"$2\"";
        return ExternalCommand.run(bundle, List.of("unshare", "--mount", "--propagation", "private", "sh", "-c", script,
                crun.toString(), bundle.toString(), id));
    }
}
