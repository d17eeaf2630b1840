package dev.kiln.dockerfile.expand;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The build and target platforms ({@code os/arch[/variant]}) behind BuildKit's automatic platform
 * ARGs: BUILDPLATFORM, BUILDOS, BUILDARCH, BUILDVARIANT, TARGETPLATFORM, TARGETOS, TARGETARCH,
 * TARGETVARIANT.
 */
public record Platforms(String build, String target) {

    /** Both the same: the platform this JVM runs on, in OCI terms ({@code linux/amd64}, {@code linux/arm64}). */
    public static Platforms host() {
        String arch = System.getProperty("os.arch", "amd64");
        String oci = switch (arch) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "s390x" -> "s390x";
            case "ppc64le" -> "ppc64le";
            case "riscv64" -> "riscv64";
            case "x86", "i386", "i686" -> "386";
            default -> arch;
        };
        String p = "linux/" + oci;
        return new Platforms(p, p);
    }

    /** The automatic ARG values, in the global scope only (a stage sees one after {@code ARG NAME}). */
    public Map<String, String> args() {
        Map<String, String> out = new LinkedHashMap<>();
        put(out, "BUILD", build);
        put(out, "TARGET", target);
        return out;
    }

    private static void put(Map<String, String> out, String prefix, String platform) {
        String[] parts = platform.split("/", 3);
        out.put(prefix + "PLATFORM", platform);
        out.put(prefix + "OS", parts[0]);
        out.put(prefix + "ARCH", parts.length > 1 ? parts[1] : "");
        out.put(prefix + "VARIANT", parts.length > 2 ? parts[2] : "");
    }
}
