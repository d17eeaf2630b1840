package dev.kiln.cli;

import dev.kiln.tag.ComputedTag;
import dev.kiln.tag.TagComputer;
import dev.kiln.tag.TagException;
import dev.kiln.tag.TagRequest;
import dev.kiln.tag.TagScheme;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The tag scheme options, shared by {@code kiln tag compute}, {@code kiln tag}, {@code kiln build} and
 * {@code kiln push}: {@code --tag-scheme semver-build} with the version ({@code --version} or
 * {@code --from-git}) and the build number ({@code --build}, {@code --timestamp}, or the CI's counter).
 */
final class TagSchemeOptions {

    @Option(names = "--tag-scheme", paramLabel = "SCHEME",
            description = "Compute the tag: semver-build gives X.Y.Z-N.")
    String scheme;

    @Option(names = "--version", paramLabel = "X.Y.Z", description = "The code's version.")
    String version;

    @Option(names = "--from-git", paramLabel = "DIR", arity = "0..1", fallbackValue = ".",
            description = "Read the version from the highest vX.Y.Z git tag reachable from HEAD (in DIR, default .).")
    Path gitDir;

    @Option(names = "--build", paramLabel = "N",
            description = "Build number (default: the CI's, e.g. $BUILD_NUMBER, $GITHUB_RUN_NUMBER, $CI_PIPELINE_IID).")
    String build;

    @Option(names = "--timestamp", description = "Use the UTC time yyyyMMddHHmmss instead of a build number.")
    boolean timestamp;

    /** Whether a tag is to be computed: a scheme was named, or a version source given. */
    boolean requested() {
        return scheme != null || version != null || gitDir != null;
    }

    /** The computed tag; {@code kiln tag compute} always computes, the others only when {@link #requested}. */
    ComputedTag compute(Terminal terminal, Clock clock) throws TagException {
        if (scheme != null) {
            TagScheme.parse(scheme); // only semver-build exists; this rejects typos
        }
        Path dir = gitDir == null ? null : gitDir.toAbsolutePath().normalize();
        return new TagComputer(terminal.env(), clock).compute(new TagRequest(Optional.ofNullable(version),
                Optional.ofNullable(dir), Optional.ofNullable(build), timestamp));
    }
}
