package dev.kiln.build.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Chooses the snapshotter: {@code KILN_SNAPSHOTTER=overlay|walk} when set, else overlay when this
 * process can mount one (probed once by the caller, in a throwaway mount namespace), else walk.
 */
public final class Snapshotters {

    private Snapshotters() {
    }

    public static Snapshotter select(Map<String, String> env, Path scratch) throws SnapshotException {
        String wanted = env.getOrDefault("KILN_SNAPSHOTTER", "").strip();
        if (wanted.equals("overlay")) {
            return new OverlaySnapshotter();
        }
        if (wanted.equals("walk")) {
            return new WalkSnapshotter();
        }
        if (!wanted.isEmpty()) {
            throw new SnapshotException("unknown KILN_SNAPSHOTTER '" + wanted + "' (expected overlay or walk)");
        }
        return overlayWorks(scratch) ? new OverlaySnapshotter() : new WalkSnapshotter();
    }

    /** Mounts a tiny overlay with kiln's options in a private mount namespace and reports whether it worked. */
    public static boolean overlayWorks(Path scratch) {
        Path probe = null;
        try {
            Files.createDirectories(scratch);
            probe = Files.createTempDirectory(scratch, "overlay-probe-");
            for (String dir : new String[] {"lower", "upper", "work", "merged"}) {
                Files.createDirectory(probe.resolve(dir));
            }
            String options = "lowerdir=" + probe.resolve("lower") + ",upperdir=" + probe.resolve("upper") + ",workdir="
                    + probe.resolve("work") + ",userxattr,index=off,metacopy=off,redirect_dir=nofollow";
            Process process = new ProcessBuilder("unshare", "--mount", "--propagation", "private", "--",
                    "mount", "-t", "overlay", "kiln-probe", "-o", options, probe.resolve("merged").toString())
                    .redirectErrorStream(true).start();
            process.getOutputStream().close();
            try (InputStream in = process.getInputStream()) {
                in.readAllBytes();
            }
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            if (probe != null) {
                try {
                    dev.kiln.tar.FileTrees.deleteRecursively(probe);
                } catch (IOException ignored) {
                    // a probe dir in scratch is harmless
                }
            }
        }
    }
}
