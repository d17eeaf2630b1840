package dev.kiln.build.run;

/**
 * Runs one process in an isolated root filesystem: new mount, PID, IPC and UTS namespaces (and a
 * network namespace for {@link Network#NONE}), {@code /proc}, a minimal {@code /dev}, the host's
 * {@code /etc/resolv.conf} and {@code /etc/hosts} bound read-only on the host network, and the spec's
 * mounts. Mount targets that the root filesystem lacks are created for the run and removed after it,
 * so nothing the sandbox itself needs ends up in a layer.
 *
 * <p>Implementations: {@link OciRuntimeSandbox} (crun or runc with a generated {@code config.json})
 * and {@link ChrootSandbox} (util-linux {@code unshare} + {@code setpriv}). {@link Sandboxes#select}
 * picks one. A run that is interrupted (thread interrupt, timeout, JVM shutdown on Ctrl-C) kills the
 * whole process tree; mounts live only in the sandbox's namespace and vanish with it.
 */
public interface Sandbox {

    /** A short name for messages and events: {@code crun}, {@code runc}, {@code chroot}. */
    String name();

    /**
     * Runs the spec to completion, streaming output to {@code output}.
     *
     * @return the exit code and the tail of the output; a non-zero exit is a result, not an exception
     * @throws SandboxException     when the sandbox itself fails (not the command)
     * @throws InterruptedException when the calling thread was interrupted; the process tree is dead
     */
    RunResult run(RunSpec spec, OutputSink output) throws SandboxException, InterruptedException;
}
