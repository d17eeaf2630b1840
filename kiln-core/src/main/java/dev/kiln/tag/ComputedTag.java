package dev.kiln.tag;

/**
 * A computed tag with where its parts came from, for {@code --format json} and messages.
 *
 * @param tag           {@code X.Y.Z-N}
 * @param version       the version part
 * @param versionSource {@code --version} or {@code git tag vX.Y.Z}
 * @param build         the {@code N} part
 * @param buildSource   {@code --build}, {@code $GITHUB_RUN_NUMBER}, {@code timestamp}, ...
 */
public record ComputedTag(String tag, String version, String versionSource, String build, String buildSource) {
}
