package dev.kiln.build.run;

import java.util.List;

/** The capability set Docker gives a container's root by default; RUN steps get the same. */
final class DefaultCapabilities {

    static final List<String> NAMES = List.of(
            "CHOWN", "DAC_OVERRIDE", "FSETID", "FOWNER", "MKNOD", "NET_RAW", "SETGID", "SETUID",
            "SETFCAP", "SETPCAP", "NET_BIND_SERVICE", "SYS_CHROOT", "KILL", "AUDIT_WRITE");

    private DefaultCapabilities() {
    }

    /** {@code CAP_CHOWN}, ... as the OCI runtime spec names them. */
    static List<String> ociNames() {
        return NAMES.stream().map(n -> "CAP_" + n).toList();
    }

    /** {@code -all,+chown,...} as setpriv's {@code --bounding-set} takes it. */
    static String setprivList() {
        StringBuilder text = new StringBuilder("-all");
        for (String name : NAMES) {
            text.append(",+").append(name.toLowerCase(java.util.Locale.ROOT));
        }
        return text.toString();
    }
}
