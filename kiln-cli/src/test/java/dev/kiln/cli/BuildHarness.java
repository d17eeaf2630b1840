package dev.kiln.cli;

import dev.kiln.testing.BusyboxRootfs;
import dev.kiln.testing.UmociCrun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs {@code kiln build} in-process against a temp store holding a busybox base image. */
final class BuildHarness {

    final Path root;
    final Path home;
    final Map<String, String> env = new HashMap<>();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    BuildHarness(Path root) throws Exception {
        this.root = root;
        this.home = root.resolve("home");
        env.put("KILN_HOME", home.toString());
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin"));
        env.put("HOME", root.resolve("user-home").toString());
        // an empty settings file: no .kiln.yaml of the working directory leaks in (a missing one is an error)
        Path settings = Files.createDirectories(root).resolve("empty-kiln.yaml");
        Files.writeString(settings, "");
        env.put("KILN_CONFIG", settings.toString());
    }

    /** Imports a busybox-static root filesystem with {@code kiln import}, as the quick start does. */
    BuildHarness withBusybox(String name) throws Exception {
        Path rootfs = root.resolve("busybox-rootfs");
        if (!Files.exists(rootfs)) {
            BusyboxRootfs.create(rootfs);
        }
        int code = kiln("import", rootfs.toString(), "-t", name, "--change", "CMD [\"sh\"]");
        if (code != 0) {
            throw new AssertionError("kiln import failed: " + err());
        }
        return this;
    }

    int kiln(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        Terminal terminal = new Terminal(new PrintWriter(out, true), new PrintWriter(err, true), env, false);
        return Kiln.run(terminal, args);
    }

    /** {@code kiln run IMAGE COMMAND...}, which must exit 0; its standard output. */
    String run(String image, String... command) {
        String[] args = new String[command.length + 2];
        args[0] = "run";
        args[1] = image;
        System.arraycopy(command, 0, args, 2, command.length);
        if (kiln(args) != 0) {
            throw new AssertionError("kiln run " + image + " " + String.join(" ", command) + ": " + err());
        }
        return out();
    }

    /**
     * The image exported with {@code kiln export --output oci:DIR:1} and unpacked by the real umoci, so a
     * test can check the result without kiln's own extraction (run it with crun, or read its rootfs).
     */
    UmociCrun.Bundle umoci(String image) {
        String name = image.replaceAll("[^A-Za-z0-9._-]", "-");
        Path layout = root.resolve("export-" + name);
        if (kiln("export", "-q", image, "--output", "oci:" + layout + ":1") != 0) {
            throw new AssertionError("kiln export " + image + " failed: " + err());
        }
        return UmociCrun.unpack(layout, "1", root.resolve("bundle-" + name));
    }

    /** Runs kiln with these bytes on standard input. */
    int kilnWithStdin(byte[] stdin, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        Terminal terminal = new Terminal(new PrintWriter(out, true), new PrintWriter(err, true), env, false,
                new java.io.ByteArrayInputStream(stdin));
        return Kiln.run(terminal, args);
    }

    Path context(String name, Map<String, String> files) throws Exception {
        Path dir = Files.createDirectories(root.resolve(name));
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = dir.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
        return dir;
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }
}
