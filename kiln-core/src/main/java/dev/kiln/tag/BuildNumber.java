package dev.kiln.tag;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code N} of an {@code X.Y.Z-N} tag: given, read from the CI system's build counter, or a UTC
 * timestamp. CI variables are tried in {@link #CI_VARIABLES} order; the first one set wins.
 */
public final class BuildNumber {

    /**
     * Build counters of CI systems, in the order they are tried. {@code BUILD_NUMBER} comes first: Jenkins
     * and TeamCity set it, and users set it by hand to override the rest.
     */
    public static final List<String> CI_VARIABLES = List.of(
            "BUILD_NUMBER",            // Jenkins, TeamCity, by hand
            "GITHUB_RUN_NUMBER",       // GitHub Actions
            "CI_PIPELINE_IID",         // GitLab CI (per-project pipeline counter)
            "BUILD_BUILDID",           // Azure Pipelines
            "CIRCLE_BUILD_NUM",        // CircleCI
            "TRAVIS_BUILD_NUMBER",     // Travis CI
            "BITBUCKET_BUILD_NUMBER",  // Bitbucket Pipelines
            "BUILDKITE_BUILD_NUMBER",  // Buildkite
            "DRONE_BUILD_NUMBER",      // Drone
            "CI_PIPELINE_NUMBER",      // Woodpecker
            "CODEBUILD_BUILD_NUMBER",  // AWS CodeBuild
            "SEMAPHORE_WORKFLOW_NUMBER"); // Semaphore

    /** The timestamp form: UTC, to the second. */
    public static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    /** A build number and where it came from, for messages. */
    public record Found(String value, String source) {
    }

    private BuildNumber() {
    }

    /** A number given on the command line. */
    public static Found given(String value) throws TagException {
        return new Found(check(value, "--build"), "--build");
    }

    /** The first CI build counter set in the environment, if any. */
    public static Optional<Found> fromEnvironment(Map<String, String> env) throws TagException {
        for (String name : CI_VARIABLES) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return Optional.of(new Found(check(value.trim(), "$" + name), "$" + name));
            }
        }
        return Optional.empty();
    }

    /** Now, as {@code yyyyMMddHHmmss} in UTC. */
    public static Found timestamp(Clock clock) {
        return new Found(TIMESTAMP.format(clock.instant()), "timestamp");
    }

    private static String check(String value, String source) throws TagException {
        if (!value.matches("[0-9]{1,18}")) {
            throw TagException.badInput(source + " is '" + value + "': a build number must be digits only");
        }
        return value.length() > 1 ? value.replaceFirst("^0+(?=.)", "") : value;
    }
}
