package dev.kiln.build.run;

/**
 * The shell script a sandbox runs as PID 1 of a private mount and PID namespace: it mounts the
 * overlay root (if any), creates missing mount points, makes the executor's own mounts, runs the
 * command given as its arguments, then undoes the stubs and the overlay. Because everything happens
 * inside namespaces that die with the script, a killed kiln leaves no mount behind.
 */
final class SandboxScript {

    private SandboxScript() {
    }

    static String build(Rootfs rootfs, String workdir, MountStubs stubs, String setup, String teardown)
            throws SandboxException {
        StringBuilder text = new StringBuilder();
        text.append("R=").append(Shell.quote(rootfs.mountPoint().toString())).append('\n');
        text.append("fail() { echo \"kiln: sandbox: $*\" >&2; exit 125; }\n");
        if (rootfs instanceof Rootfs.Overlay overlay) {
            text.append(new OverlayMountPlan(overlay).mountCommand());
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
}
