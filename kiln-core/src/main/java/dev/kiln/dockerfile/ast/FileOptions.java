package dev.kiln.dockerfile.ast;

import java.util.List;
import java.util.Optional;

/**
 * The flags of COPY and ADD. Values are unquoted but not expanded ({@code --chown=$USER} keeps {@code $USER}).
 *
 * @param from       {@code --from}: a stage name, stage index, image or named context (COPY)
 * @param chown      {@code --chown=user[:group]}
 * @param chmod      {@code --chmod=755} or symbolic
 * @param link       {@code --link}
 * @param parents    {@code --parents}
 * @param excludes   each {@code --exclude} pattern
 * @param checksum   {@code --checksum} (ADD)
 * @param keepGitDir {@code --keep-git-dir} (ADD)
 * @param unpack     {@code --unpack} (ADD), when given
 */
public record FileOptions(Optional<String> from, Optional<String> chown, Optional<String> chmod, boolean link,
        boolean parents, List<String> excludes, Optional<String> checksum, boolean keepGitDir,
        Optional<Boolean> unpack) {

    public FileOptions {
        excludes = List.copyOf(excludes);
    }

    public static final FileOptions NONE = new FileOptions(Optional.empty(), Optional.empty(), Optional.empty(),
            false, false, List.of(), Optional.empty(), false, Optional.empty());
}
