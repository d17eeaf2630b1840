package dev.kiln.cli;

import dev.kiln.oci.Platform;
import picocli.CommandLine.Option;

/** Options of the commands that move images: platform choice and quiet progress. */
final class TransferOptions {

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", converter = PlatformConverter.class,
            description = "Take this platform's image out of a multi-platform index (default for pull: this machine's).")
    Platform platform;

    @Option(names = "--all-platforms", description = "Copy a whole multi-platform index, every platform.")
    boolean allPlatforms;

    @Option(names = {"-q", "--quiet"}, description = "No progress output; print only the result.")
    boolean quiet;

    /** The platform asked for, or null. */
    Platform platform() {
        if (platform == null) {
            return null;
        }
        if (allPlatforms) {
            throw new IllegalArgumentException("--platform and --all-platforms exclude each other");
        }
        return platform;
    }
}
