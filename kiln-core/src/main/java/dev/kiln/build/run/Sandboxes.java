package dev.kiln.build.run;

import dev.kiln.KilnException;
import java.util.Map;

/**
 * Chooses the sandbox: {@code KILN_RUNTIME=crun|runc|chroot} when set, else crun, then runc when
 * installed, else the built-in chroot sandbox.
 */
public final class Sandboxes {

    private Sandboxes() {
    }

    public static Sandbox select(Map<String, String> env) throws SandboxException {
        String wanted = env.getOrDefault("KILN_RUNTIME", "").strip();
        if (!wanted.isEmpty()) {
            return named(wanted);
        }
        for (String runtime : new String[] {"crun", "runc"}) {
            if (HostTools.find(runtime).isPresent()) {
                return new OciRuntimeSandbox(runtime);
            }
        }
        return new ChrootSandbox();
    }

    public static Sandbox named(String name) throws SandboxException {
        switch (name) {
            case "crun":
            case "runc":
                if (HostTools.find(name).isEmpty()) {
                    throw new SandboxException(KilnException.Kind.BAD_INPUT,
                            "KILN_RUNTIME=" + name + " but " + name + " is not installed");
                }
                return new OciRuntimeSandbox(name);
            case "chroot":
                return new ChrootSandbox();
            default:
                throw new SandboxException(KilnException.Kind.BAD_INPUT,
                        "unknown KILN_RUNTIME '" + name + "' (expected crun, runc or chroot)");
        }
    }
}
