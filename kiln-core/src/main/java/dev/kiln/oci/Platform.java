package dev.kiln.oci;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Where an image runs: {@code os/architecture[/variant]} plus the optional {@code os.version} and
 * {@code os.features}. The record keeps the values as written (so re-serialising an index changes
 * nothing); {@link #normalized()} spells them the way the container ecosystem does ({@code x86_64}
 * becomes {@code amd64}, {@code aarch64} becomes {@code arm64}, {@code arm64/v8} drops its default
 * variant, {@code arm} gets {@code v7}), and {@link #matches} compares normalised forms.
 */
public record Platform(String os, String architecture, String variant, String osVersion, List<String> osFeatures) {

    public Platform {
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(architecture, "architecture");
        if (os.isBlank() || architecture.isBlank()) {
            throw new IllegalArgumentException("platform needs an os and an architecture");
        }
        variant = variant == null || variant.isBlank() ? null : variant;
        osVersion = osVersion == null || osVersion.isEmpty() ? null : osVersion;
        osFeatures = osFeatures == null ? List.of() : List.copyOf(osFeatures);
    }

    public Platform(String os, String architecture) {
        this(os, architecture, null, null, List.of());
    }

    public Platform(String os, String architecture, String variant) {
        this(os, architecture, variant, null, List.of());
    }

    /** Operating systems as Go's GOOS names them: what image configs and registries use. */
    private static final Set<String> KNOWN_OS = Set.of("aix", "android", "darwin", "dragonfly", "freebsd", "hurd",
            "illumos", "ios", "js", "linux", "nacl", "netbsd", "openbsd", "plan9", "solaris", "wasip1", "windows", "zos");

    /** Architectures as Go's GOARCH names them. */
    private static final Set<String> KNOWN_ARCHITECTURES = Set.of("386", "amd64", "amd64p32", "arm", "armbe", "arm64",
            "arm64be", "loong64", "mips", "mipsle", "mips64", "mips64le", "mips64p32", "mips64p32le", "ppc", "ppc64",
            "ppc64le", "riscv", "riscv64", "s390", "s390x", "sparc", "sparc64", "wasm");

    private static final String EXPECTED = "expected os/architecture[/variant], e.g. linux/amd64 or linux/arm64/v8";

    /**
     * Parses {@code os/arch[/variant]} ({@code linux/amd64}, {@code linux/arm64/v8}, {@code linux/arm/v6});
     * a bare architecture means linux. The os and architecture must be ones Go knows (after the usual
     * spellings such as {@code x86_64} are normalised), so a typo fails here instead of matching
     * nothing later. Throws IllegalArgumentException naming the text.
     */
    public static Platform parse(String text) {
        Objects.requireNonNull(text, "platform");
        String[] parts = text.trim().split("/", -1);
        for (String part : parts) {
            if (part.isEmpty() || !part.matches("[A-Za-z0-9_.-]+")) {
                throw new IllegalArgumentException("invalid platform '" + text + "' (" + EXPECTED + ")");
            }
        }
        Platform platform = switch (parts.length) {
            case 1 -> new Platform("linux", parts[0]);
            case 2 -> new Platform(parts[0], parts[1]);
            case 3 -> new Platform(parts[0], parts[1], parts[2]);
            default -> throw new IllegalArgumentException("invalid platform '" + text + "' (" + EXPECTED + ")");
        };
        if (!KNOWN_OS.contains(normaliseOs(platform.os))) {
            throw new IllegalArgumentException("unknown operating system '" + platform.os + "' (" + EXPECTED + ")");
        }
        if (!KNOWN_ARCHITECTURES.contains(normaliseArchitecture(platform.architecture))) {
            throw new IllegalArgumentException("unknown architecture '" + platform.architecture + "' (" + EXPECTED + ")");
        }
        return platform;
    }

    /** The platform of the running JVM, normalised (os always linux for images built here). */
    public static Platform host() {
        return new Platform("linux", System.getProperty("os.arch", "amd64")).normalized();
    }

    /** The same platform in canonical spelling; equal platforms have equal normalised forms. */
    public Platform normalized() {
        String normalisedVariant = variant == null ? impliedVariant(architecture) : variant;
        String arch = normaliseArchitecture(architecture);
        return new Platform(normaliseOs(os), arch, normaliseVariant(arch, normalisedVariant), osVersion, osFeatures);
    }

    /** Whether both describe the same platform once normalised ({@code linux/aarch64} is {@code linux/arm64/v8}). */
    public boolean sameAs(Platform other) {
        Platform a = normalized();
        Platform b = other.normalized();
        return a.os.equals(b.os) && a.architecture.equals(b.architecture) && Objects.equals(a.variant, b.variant)
                && Objects.equals(a.osVersion, b.osVersion);
    }

    /** Architecture spellings as Go's GOARCH names them. */
    static String normaliseArchitecture(String architecture) {
        String arch = architecture.trim().toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "x86_64", "x86-64", "x64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "i386", "i486", "i586", "i686", "x86", "386" -> "386";
            case "armhf", "armel", "armv5l", "armv6l", "armv7l", "armv7", "armv6", "arm" -> "arm";
            case "ppc64el" -> "ppc64le";
            default -> arch;
        };
    }

    static String normaliseOs(String os) {
        String lower = os.trim().toLowerCase(Locale.ROOT);
        return "macos".equals(lower) ? "darwin" : lower;
    }

    /**
     * Variants as containerd normalises them: arm64's default {@code v8} is dropped (arm64 alone means
     * v8), arm defaults to {@code v7}, and bare numbers get their {@code v}.
     */
    static String normaliseVariant(String architecture, String variant) {
        String v = variant == null ? "" : variant.trim().toLowerCase(Locale.ROOT);
        if (!v.isEmpty() && Character.isDigit(v.charAt(0))) {
            v = "v" + v;
        }
        if ("arm64".equals(architecture) && ("v8".equals(v) || "v8.0".equals(v))) {
            v = "";
        }
        if ("arm".equals(architecture) && v.isEmpty()) {
            v = "v7";
        }
        return v.isEmpty() ? null : v;
    }

    /** Machine names such as {@code armel} or {@code armv6l} carry the arm variant in the name. */
    private static String impliedVariant(String machineArchitecture) {
        return switch (machineArchitecture.trim().toLowerCase(Locale.ROOT)) {
            case "armel", "armv5l" -> "v5";
            case "armv6l", "armv6" -> "v6";
            case "armhf", "armv7l", "armv7" -> "v7";
            default -> null;
        };
    }

    /**
     * Whether an image for {@code offered} runs here, when this is the wanted platform: same os and
     * architecture; a wanted variant accepts itself and older ones of arm ({@code arm/v7} runs
     * {@code v6} and {@code v5}); a wanted {@code os.version} must prefix the offered one (Windows
     * builds); a platform that wants no variant or version accepts any.
     */
    public boolean matches(Platform offered) {
        Platform want = normalized();
        Platform have = offered.normalized();
        if (!want.os.equals(have.os) || !want.architecture.equals(have.architecture)) {
            return false;
        }
        if (variant != null && !want.variantAccepts(have.variant)) {
            return false;
        }
        if (want.osVersion != null && have.osVersion != null
                && !have.osVersion.equals(want.osVersion) && !have.osVersion.startsWith(want.osVersion + ".")) {
            return false;
        }
        return true;
    }

    private boolean variantAccepts(String offeredVariant) {
        if (Objects.equals(variant, offeredVariant)) {
            return true;
        }
        if (offeredVariant == null) {
            // An image without a variant claims the architecture's baseline.
            return true;
        }
        if ("arm".equals(architecture)) {
            return armLevel(offeredVariant) > 0 && armLevel(offeredVariant) <= armLevel(variant);
        }
        return false;
    }

    private static int armLevel(String variant) {
        return switch (variant == null ? "" : variant) {
            case "v5" -> 5;
            case "v6" -> 6;
            case "v7" -> 7;
            case "v8" -> 8;
            default -> 0;
        };
    }

    /**
     * How well an offered platform fits, higher is better, -1 when it does not match: an exact
     * variant beats an older compatible one, which beats none.
     */
    public int score(Platform offered) {
        if (!matches(offered)) {
            return -1;
        }
        Platform want = normalized();
        Platform have = offered.normalized();
        int score = 1;
        if (Objects.equals(want.variant, have.variant)) {
            score += 100;
        } else if (have.variant != null) {
            score += armLevel(have.variant);
        }
        if (want.osVersion != null && Objects.equals(want.osVersion, have.osVersion)) {
            score += 10;
        }
        return score;
    }

    /** {@code os/architecture[/variant]}. */
    @Override
    public String toString() {
        return os + "/" + architecture + (variant == null ? "" : "/" + variant);
    }
}
