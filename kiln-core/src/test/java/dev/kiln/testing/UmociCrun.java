package dev.kiln.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An image checked without kiln in the way: {@code umoci unpack} of an OCI layout into a runtime
 * bundle, whose rootfs a test can read file by file, and which {@code crun run} starts with the
 * process umoci worked out from the image config (user, cwd, env, entrypoint + cmd).
 *
 * <p>On hosts with a hybrid cgroup layout crun refuses to start, so it runs in a private mount namespace
 * without the v2 mount and with cgroup management off, as buildah does for its RUN steps.
 */
public final class UmociCrun {

    private static final AtomicInteger IDS = new AtomicInteger();

    private UmociCrun() {
    }

    /** {@code umoci unpack --image LAYOUT:TAG BUNDLE} (as root: owners kept); {@code bundle} must not exist. */
    public static Bundle unpack(Path layout, String tag, Path bundle) {
        Path umoci = Tools.require("umoci");
        List<String> command = new ArrayList<>(List.of(umoci.toString(), "unpack"));
        if (!Tools.isRoot()) {
            command.add("--rootless");
        }
        command.addAll(List.of("--image", layout + ":" + tag, bundle.toString()));
        ExternalCommand.check(null, command.toArray(String[]::new));
        return new Bundle(bundle);
    }

    /** An unpacked runtime bundle: {@code config.json} and {@code rootfs/}. */
    public record Bundle(Path dir) {

        public Path rootfs() {
            return dir.resolve("rootfs");
        }

        /** The rootfs as a {@link TreeSnapshot} (types, modes, owners, sizes, content, xattrs). */
        public Map<String, String> tree() throws IOException {
            return TreeSnapshot.of(rootfs());
        }

        /** The runtime config umoci derived from the image config. */
        public JsonNode config() {
            try {
                return new ObjectMapper().readTree(dir.resolve("config.json").toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The image's environment as umoci put it into the process ({@code KEY=value} lines). */
        public List<String> env() {
            List<String> env = new ArrayList<>();
            config().path("process").path("env").forEach(e -> env.add(e.asText()));
            return env;
        }

        /** Runs the image's own process (entrypoint + cmd, as the config's user, in its working dir). */
        public ExternalCommand.Result run() {
            return run(null, -1, -1);
        }

        /** Runs {@code args} instead of the image's command, still as the config's user and in its working dir. */
        public ExternalCommand.Result run(List<String> args) {
            return run(args, -1, -1);
        }

        /** Runs {@code args} (or the image's command when null) as {@code uid:gid} (the config's user when -1). */
        public ExternalCommand.Result run(List<String> args, long uid, long gid) {
            Path crun = Tools.require("crun");
            Tools.requireRoot("crun run of a rootful bundle");
            edit(args, uid, gid);
            String id = "kiln-it-" + ProcessHandle.current().pid() + "-" + IDS.incrementAndGet();
            String script = "if mountpoint -q /sys/fs/cgroup/unified 2>/dev/null; then umount -l /sys/fs/cgroup/unified; fi\n"
                    + "exec \"$0\" --cgroup-manager=disabled run --bundle \"$1\" \"$2\"";
            try {
                return ExternalCommand.run(dir, List.of("unshare", "--mount", "--propagation", "private", "sh", "-c", script,
                        crun.toString(), dir.toString(), id));
            } finally {
                ExternalCommand.run(null, List.of(crun.toString(), "delete", "-f", id));
            }
        }

        /** umoci writes {@code terminal: true}; tests have no terminal to give. */
        public void noTerminal() {
            edit(null, -1, -1);
        }

        private void edit(List<String> args, long uid, long gid) {
            try {
                ObjectMapper json = new ObjectMapper();
                Path file = dir.resolve("config.json");
                ObjectNode config = (ObjectNode) json.readTree(file.toFile());
                ObjectNode process = (ObjectNode) config.get("process");
                process.put("terminal", false);
                if (args != null) {
                    ArrayNode array = process.putArray("args");
                    args.forEach(array::add);
                }
                if (uid >= 0) {
                    ObjectNode user = process.putObject("user");
                    user.put("uid", uid);
                    user.put("gid", gid);
                }
                json.writeValue(file.toFile(), config);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
