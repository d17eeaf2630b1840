package dev.kiln.build.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The built-in sandbox, for hosts without an OCI runtime: util-linux {@code unshare} makes new mount,
 * UTS, IPC and PID namespaces (and a network namespace for {@link Network#NONE}); the script mounts a
 * tmpfs {@code /dev} with bind-mounted host devices, devpts, {@code /dev/shm}, a read-only
 * {@code /sys} and the {@code /etc} binds; then {@code setpriv} sets the group, supplementary groups
 * and Docker's default capability bounding set, and a second {@code unshare} makes the command PID 1
 * of its own PID namespace with a fresh {@code /proc}, enters the root ({@code --root}, {@code --wd})
 * and switches to the user's uid.
 */
public final class ChrootSandbox implements Sandbox {

    private static final List<String> DEVICES = List.of("null", "zero", "full", "random", "urandom", "tty");

    @Override
    public String name() {
        return "chroot";
    }

    @Override
    public RunResult run(RunSpec spec, OutputSink output) throws SandboxException, InterruptedException {
        String unshare = HostTools.require("unshare", "the chroot sandbox needs util-linux");
        String setpriv = HostTools.require("setpriv", "the chroot sandbox needs util-linux");
        String env = HostTools.require("env", "the chroot sandbox needs coreutils");
        String sh = HostTools.require("sh", "the chroot sandbox needs a POSIX shell");
        RootfsView view = RootfsView.of(spec.rootfs());
        String script;
        String workdir;
        try {
            workdir = view.resolve(spec.workdir());
            List<ResolvedMount> mounts = ResolvedMount.resolve(view, spec);
            MountStubs stubs = MountStubs.plan(view, ResolvedMount.targets(mounts));
            script = SandboxScript.build(spec.rootfs(), workdir, stubs, setup(spec, mounts), teardown(mounts));
        } catch (IOException e) {
            throw new SandboxException(dev.kiln.KilnException.Kind.FAILURE,
                    "cannot prepare the root filesystem " + spec.rootfs().mountPoint() + ": " + e.getMessage(), e);
        }
        Path root = spec.rootfs().mountPoint();
        List<String> command = new ArrayList<>(List.of(unshare, "--mount", "--propagation", "private", "--uts", "--ipc"));
        if (spec.network() == Network.NONE) {
            command.add("--net");
        }
        command.addAll(List.of("--pid", "--fork", "--kill-child", "--", sh, "-c", script, "kiln-sandbox"));
        command.add(env);
        command.add("-i");
        command.addAll(spec.env());
        command.addAll(List.of(unshare, "--pid", "--fork", "--kill-child", "--mount-proc=" + root.resolve("proc"), "--",
                setpriv, "--regid=" + spec.user().gid()));
        if (spec.user().additionalGids().isEmpty()) {
            command.add("--clear-groups");
        } else {
            command.add("--groups=" + spec.user().additionalGids().stream().map(String::valueOf)
                    .collect(Collectors.joining(",")));
        }
        command.addAll(List.of("--bounding-set=" + DefaultCapabilities.setprivList(), "--inh-caps=-all", "--",
                unshare, "--root=" + root, "--wd=" + workdir));
        if (!spec.user().isRoot()) {
            command.add("--setuid=" + spec.user().uid());
        }
        command.add("--");
        command.addAll(spec.argv());
        if (spec.rootfs() instanceof Rootfs.Overlay overlay) {
            new OverlayMountPlan(overlay).prepare();
        }
        return SandboxProcess.run(command, spec, output, () -> { });
    }

    private static String setup(RunSpec spec, List<ResolvedMount> mounts) {
        StringBuilder text = new StringBuilder();
        text.append("echo ").append(Shell.quote(spec.hostname())).append(" > /proc/sys/kernel/hostname 2>/dev/null\n");
        if (spec.network() == Network.NONE) {
            text.append("ip link set lo up 2>/dev/null\n");
        }
        text.append("mount -t tmpfs -o nosuid,strictatime,mode=755,size=65536k kiln-dev \"$R/dev\" || fail 'cannot mount /dev'\n");
        for (String device : DEVICES) {
            text.append(": > \"$R/dev/").append(device).append("\" && mount --bind /dev/").append(device)
                    .append(" \"$R/dev/").append(device).append("\" || fail 'cannot bind /dev/").append(device).append("'\n");
        }
        text.append("mkdir -m 755 \"$R/dev/pts\" \"$R/dev/shm\"\n");
        text.append("mount -t devpts -o newinstance,ptmxmode=0666,mode=0620,gid=5,nosuid,noexec kiln-devpts \"$R/dev/pts\""
                + " || fail 'cannot mount /dev/pts'\n");
        text.append("mount -t tmpfs -o nosuid,nodev,noexec,mode=1777,size=65536k kiln-shm \"$R/dev/shm\" || fail 'cannot mount /dev/shm'\n");
        text.append("ln -s pts/ptmx \"$R/dev/ptmx\"; ln -s /proc/self/fd \"$R/dev/fd\"\n");
        text.append("ln -s /proc/self/fd/0 \"$R/dev/stdin\"; ln -s /proc/self/fd/1 \"$R/dev/stdout\"; ln -s /proc/self/fd/2 \"$R/dev/stderr\"\n");
        text.append("mount -t sysfs -o ro,nosuid,nodev,noexec kiln-sys \"$R/sys\" 2>/dev/null"
                + " || { mount --rbind /sys \"$R/sys\" && mount -o remount,bind,ro \"$R/sys\"; } || fail 'cannot mount /sys'\n");
        for (ResolvedMount mount : mounts) {
            if (mount.kind() == ResolvedMount.Kind.SYSTEM) {
                continue;
            }
            String target = MountStubs.rooted(mount.target());
            if (mount.source() == null) {
                text.append("mount -t tmpfs -o ").append(Shell.quote(mount.tmpfsOptions())).append(" kiln-tmpfs ")
                        .append(target).append(" || fail ").append(Shell.quote("cannot mount a tmpfs at " + mount.target())).append('\n');
            } else {
                text.append("mount --rbind ").append(Shell.quote(mount.source().toString())).append(' ').append(target)
                        .append(" || fail ").append(Shell.quote("cannot bind " + mount.source() + " at " + mount.target())).append('\n');
                if (mount.readOnly()) {
                    text.append("mount -o remount,bind,ro ").append(target).append(" || fail ")
                            .append(Shell.quote("cannot make " + mount.target() + " read-only")).append('\n');
                }
            }
        }
        text.append("cd /\n");
        return text.toString();
    }

    private static String teardown(List<ResolvedMount> mounts) {
        StringBuilder text = new StringBuilder();
        List<ResolvedMount> reversed = new ArrayList<>(mounts);
        java.util.Collections.reverse(reversed);
        for (ResolvedMount mount : reversed) {
            if (mount.kind() != ResolvedMount.Kind.SYSTEM) {
                text.append("umount -R ").append(MountStubs.rooted(mount.target())).append(" 2>/dev/null || umount -R -l ")
                        .append(MountStubs.rooted(mount.target())).append('\n');
            }
        }
        text.append("umount -R \"$R/sys\" \"$R/dev\" 2>/dev/null || umount -R -l \"$R/sys\" \"$R/dev\"\n");
        return text.toString();
    }
}
