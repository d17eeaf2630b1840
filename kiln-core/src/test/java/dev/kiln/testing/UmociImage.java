package dev.kiln.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Packs a root filesystem directory into an OCI layout image with the real umoci (init, new,
 * unpack, copy, repack, config), so tests get images that kiln did not write itself.
 */
public final class UmociImage {

    private UmociImage() {
    }

    /** Writes {@code layout:tag} holding {@code rootfs} as one layer, with the given Cmd and Env; returns "oci:layout:tag". */
    public static String create(Path rootfs, Path layout, String tag, List<String> cmd, List<String> env)
            throws IOException, InterruptedException {
        String umoci = Tools.require("umoci").toString();
        String image = layout + ":" + tag;
        Path bundle = layout.resolveSibling(layout.getFileName() + "-bundle-" + tag);
        if (!layout.toFile().exists()) {
            run(List.of(umoci, "init", "--layout", layout.toString()));
        }
        run(List.of(umoci, "new", "--image", image));
        run(List.of(umoci, "unpack", "--image", image, bundle.toString()));
        run(List.of("cp", "-a", "--", rootfs + "/.", bundle.resolve("rootfs").toString()));
        run(List.of(umoci, "repack", "--image", image, bundle.toString()));
        List<String> config = new ArrayList<>(List.of(umoci, "config", "--image", image));
        for (String arg : cmd) {
            config.add("--config.cmd=" + arg);
        }
        for (String entry : env) {
            config.add("--config.env=" + entry);
        }
        run(config);
        run(List.of("rm", "-rf", "--one-file-system", bundle.toString()));
        return "oci:" + image;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }
}
