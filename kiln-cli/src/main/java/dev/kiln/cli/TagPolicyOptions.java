package dev.kiln.cli;

import picocli.CommandLine.Option;

/** {@code --strict-tags} and {@code --immutable}, for commands that write tags to registries ({@code push}, {@code build}). */
final class TagPolicyOptions {

    @Option(names = "--strict-tags", description = "Fail, instead of warning, when :latest is the only tag written.")
    boolean strictTags;

    @Option(names = "--immutable", description = "Refuse to move a tag that already exists in the registry (checked with HEAD first).")
    boolean immutable;
}
