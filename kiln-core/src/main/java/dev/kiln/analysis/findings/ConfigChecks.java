package dev.kiln.analysis.findings;

import dev.kiln.analysis.ImageAnalysis;
import dev.kiln.oci.ContainerConfig;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Findings about how the image runs and how it is named: root user, no init, {@code :latest} or no tag. */
final class ConfigChecks implements Detector {

    static final Set<String> INITS = Set.of("tini", "tini-static", "dumb-init", "catatonit", "init", "s6-svscan",
            "runsvdir", "runit", "my_init", "supervisord", "systemd", "docker-init", "s6-overlay-suexec");
    private static final Set<String> SHELLS = Set.of("sh", "bash", "ash", "dash", "zsh", "ksh");

    @Override
    public void detect(ImageAnalysis a, FindingContext context, List<Finding> out) {
        ContainerConfig config = a.config().config();
        if (runsAsRoot(config.user())) {
            out.add(Finding.image("runs-as-root", Severity.WARNING, "the image runs as root ("
                    + (config.user() == null || config.user().isBlank() ? "no USER" : "USER " + config.user())
                    + "): add a non-root USER"));
        }
        List<String> command = command(config);
        if (!command.isEmpty() && !hasInit(command)) {
            out.add(Finding.image("no-init", Severity.WARNING, "no init process in the entrypoint ("
                    + String.join(" ", command.subList(0, Math.min(3, command.size())))
                    + "): PID 1 will not reap zombies or forward signals; use tini (kiln build --init)"));
        }
        if (context.tag().isEmpty() && !context.pinnedByDigest()) {
            out.add(Finding.image("latest-tag", Severity.WARNING,
                    "the image is referenced without a tag: give it a version tag (X.Y.Z-N)"));
        } else if (context.tag().isPresent() && context.tag().get().equals("latest")) {
            out.add(Finding.image("latest-tag", Severity.WARNING,
                    "the image is tagged :latest, which moves: give it a version tag (X.Y.Z-N)"));
        }
    }

    static boolean runsAsRoot(String user) {
        if (user == null || user.isBlank()) {
            return true;
        }
        String name = user.strip();
        int colon = name.indexOf(':');
        if (colon >= 0) {
            name = name.substring(0, colon);
        }
        return name.equals("root") || name.equals("0") || name.isEmpty();
    }

    /** The process the container starts: the entrypoint, or the command when there is none. */
    static List<String> command(ContainerConfig config) {
        if (config.entrypoint() != null && !config.entrypoint().isEmpty()) {
            return config.entrypoint();
        }
        return config.cmd() == null ? List.of() : config.cmd();
    }

    static boolean hasInit(List<String> command) {
        String first = baseName(command.get(0));
        if (isInit(first)) {
            return true;
        }
        if (SHELLS.contains(first) && command.size() >= 3 && command.get(1).equals("-c")) {
            String[] words = command.get(2).strip().split("\\s+");
            int i = words.length > 1 && words[0].equals("exec") ? 1 : 0;
            return words.length > i && isInit(baseName(words[i]));
        }
        return false;
    }

    private static boolean isInit(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return INITS.contains(lower) || lower.startsWith("tini-") || lower.startsWith("dumb-init");
    }

    private static String baseName(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }
}
