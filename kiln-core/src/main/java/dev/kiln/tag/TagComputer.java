package dev.kiln.tag;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Computes {@code X.Y.Z-N} tags (the {@link TagScheme#SEMVER_BUILD} scheme). The version is given or
 * read from git; {@code N} is, in this order: {@code --timestamp} (a UTC {@code yyyyMMddHHmmss}),
 * {@code --build}, the first CI build counter of {@link BuildNumber#CI_VARIABLES}, and, outside CI, a
 * timestamp too, so every build gets a distinct tag and none is ever {@code latest}.
 */
public final class TagComputer {

    private final Map<String, String> env;
    private final Clock clock;

    public TagComputer(Map<String, String> env, Clock clock) {
        this.env = Map.copyOf(env);
        this.clock = clock;
    }

    public ComputedTag compute(TagRequest request) throws TagException {
        if (request.timestamp() && request.build().isPresent()) {
            throw TagException.badInput("give --build or --timestamp, not both");
        }
        SemVer version;
        String versionSource;
        if (request.version().isPresent()) {
            if (request.gitDir().isPresent()) {
                throw TagException.badInput("give --version or --from-git, not both");
            }
            version = SemVer.parse(request.version().get());
            versionSource = "--version";
        } else if (request.gitDir().isPresent()) {
            version = GitVersion.read(request.gitDir().get());
            versionSource = "git tag v" + version;
        } else {
            throw TagException.badInput("no version: give --version X.Y.Z or --from-git");
        }
        if (!version.build().isEmpty()) {
            throw TagException.badInput("version " + version + " has build metadata (+" + version.build()
                    + "); OCI tags cannot hold '+', give X.Y.Z");
        }
        BuildNumber.Found build;
        if (request.timestamp()) {
            build = BuildNumber.timestamp(clock);
        } else if (request.build().isPresent()) {
            build = BuildNumber.given(request.build().get());
        } else {
            Optional<BuildNumber.Found> ci = BuildNumber.fromEnvironment(env);
            build = ci.isPresent() ? ci.get() : BuildNumber.timestamp(clock);
        }
        // A pre-release already has a '-': the build number becomes its last dot-separated part.
        String tag = version + (version.preRelease().isEmpty() ? "-" : ".") + build.value();
        return new ComputedTag(tag, version.toString(), versionSource, build.value(), build.source());
    }
}
