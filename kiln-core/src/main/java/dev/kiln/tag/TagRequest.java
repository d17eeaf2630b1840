package dev.kiln.tag;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@link TagComputer} is asked: where the version comes from and how the build number is chosen.
 *
 * @param version   the version given ({@code --version}), or empty to read it from git
 * @param gitDir    the directory whose git tags give the version ({@code --from-git}), or empty
 * @param build     the build number given ({@code --build}), or empty
 * @param timestamp use a UTC timestamp instead of a build number ({@code --timestamp})
 */
public record TagRequest(Optional<String> version, Optional<Path> gitDir, Optional<String> build, boolean timestamp) {

    public TagRequest {
        version = version == null ? Optional.empty() : version;
        gitDir = gitDir == null ? Optional.empty() : gitDir;
        build = build == null ? Optional.empty() : build;
    }
}
