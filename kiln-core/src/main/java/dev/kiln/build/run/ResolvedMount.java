package dev.kiln.build.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A mount with its target resolved inside the root (symlinks followed within it), as both sandboxes
 * make it. {@code SYSTEM} entries ({@code /proc}, {@code /dev}, {@code /sys}) only need a mount point;
 * each sandbox mounts them its own way.
 */
record ResolvedMount(Kind kind, Path source, String target, boolean readOnly, boolean file, long tmpfsSize) {

    enum Kind { SYSTEM, HOST_FILE, USER }

    private static final List<String> HOST_FILES = List.of("/etc/resolv.conf", "/etc/hosts");

    static List<ResolvedMount> resolve(RootfsView view, RunSpec spec) throws IOException, SandboxException {
        List<ResolvedMount> mounts = new ArrayList<>();
        for (String system : List.of("/proc", "/dev", "/sys")) {
            mounts.add(new ResolvedMount(Kind.SYSTEM, null, system, false, false, 0));
        }
        if (spec.network() == Network.HOST) {
            for (String file : HOST_FILES) {
                Path source = Path.of(file);
                if (Files.isRegularFile(source)) {
                    mounts.add(new ResolvedMount(Kind.HOST_FILE, source, view.resolve(file), true, true, 0));
                }
            }
        }
        for (Mount mount : spec.mounts()) {
            String target = view.resolve(mount.target());
            if (target.equals("/") || target.equals("/proc") || target.startsWith("/proc/")
                    || target.equals("/dev") || target.startsWith("/dev/")) {
                throw new SandboxException(dev.kiln.KilnException.Kind.BAD_INPUT,
                        "cannot mount over " + target + ": it belongs to the sandbox");
            }
            if (mount instanceof Mount.Bind bind) {
                if (!Files.exists(bind.source())) {
                    throw new SandboxException(dev.kiln.KilnException.Kind.BAD_INPUT,
                            "mount source " + bind.source() + " does not exist");
                }
                mounts.add(new ResolvedMount(Kind.USER, bind.source(), target, bind.readOnly(),
                        !Files.isDirectory(bind.source()), 0));
            } else if (mount instanceof Mount.Tmpfs tmpfs) {
                mounts.add(new ResolvedMount(Kind.USER, null, target, false, false, tmpfs.sizeBytes()));
            }
        }
        return mounts;
    }

    static List<MountStubs.Target> targets(List<ResolvedMount> mounts) {
        return mounts.stream().map(m -> new MountStubs.Target(m.target(), m.file())).toList();
    }

    String tmpfsOptions() {
        return "nosuid,nodev,mode=1777" + (tmpfsSize > 0 ? ",size=" + tmpfsSize : "");
    }
}
