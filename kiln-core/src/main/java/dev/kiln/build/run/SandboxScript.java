package dev.kiln.build.run;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The shell script a sandbox runs as PID 1 of a private mount and PID namespace: it mounts the
 * overlay root (if any), creates missing mount points, makes the executor's own mounts, runs the
 * command given as its arguments, then undoes the stubs and the overlay. Because everything happens
 * inside namespaces that die with the script, a killed kiln leaves no mount behind.
 */
final class SandboxScript {

    /** Options that keep upper dirs plain: whole files, plain whiteouts, opaque marks in user xattrs. */
    static final String OVERLAY_OPTIONS = "userxattr,index=off,metacopy=off,redirect_dir=nofollow";

    /** Linux limits mount options to a page; longer lowerdir lists must be shortened by the caller. */
    static final int MAX_MOUNT_OPTIONS = 4000;

    private SandboxScript() {
    }

    static String build(Rootfs rootfs, String workdir, MountStubs stubs, String setup, String teardown)
            throws SandboxException {
        StringBuilder text = new StringBuilder();
        text.append("R=").append(Shell.quote(rootfs.mountPoint().toString())).append('\n');
        text.append("fail() { echo \"kiln: sandbox: $*\" >&2; exit 125; }\n");
        if (rootfs instanceof Rootfs.Overlay overlay) {
            text.append("mkdir -p \"$R\" && mount -t overlay kiln-root -o ").append(Shell.quote(overlayOptions(overlay)))
                    .append(" \"$R\" || fail 'cannot mount the overlay root filesystem'\n");
        }
        if (!workdir.equals("/")) {
            text.append("mkdir -p ").append(MountStubs.rooted(workdir)).append(" || fail 'cannot create the working directory'\n");
        }
        text.append(stubs.createScript());
        text.append(setup);
        text.append("\"$@\"\ncode=$?\n");
        text.append(teardown);
        text.append(stubs.removeScript());
        if (rootfs instanceof Rootfs.Overlay) {
            text.append("umount \"$R\" 2>/dev/null || umount -l \"$R\"\n");
        }
        text.append("exit $code\n");
        return text.toString();
    }

    /** The overlay mount options; an empty lower list (FROM scratch) gets an empty lower dir. */
    static String overlayOptions(Rootfs.Overlay overlay) throws SandboxException {
        List<Path> lowers = overlay.lowerDirs();
        if (lowers.isEmpty()) {
            lowers = List.of(overlay.workDir().resolveSibling(overlay.workDir().getFileName() + "-empty"));
        }
        String lower = lowers.stream().map(p -> escape(p.toString())).collect(Collectors.joining(":"));
        String options = "lowerdir=" + lower + ",upperdir=" + escape(overlay.upperDir().toString())
                + ",workdir=" + escape(overlay.workDir().toString()) + "," + OVERLAY_OPTIONS;
        if (options.length() > MAX_MOUNT_OPTIONS) {
            throw new SandboxException(dev.kiln.KilnException.Kind.FAILURE, "the image has too many layers ("
                    + overlay.lowerDirs().size() + ") for one overlay mount; squash some of them");
        }
        return options;
    }

    /** Overlayfs separates lower dirs with ':' and options with ','; both are escaped with '\'. */
    private static String escape(String path) {
        return path.replace("\\", "\\\\").replace(":", "\\:").replace(",", "\\,");
    }
}
